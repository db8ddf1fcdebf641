/**
 * The chart engine: `<Chart>`'s props and dataset to a figure, around the pure `renderChart`
 * (chart.ts). Figure key, then the runtime's memory and the disk cache, then `renderChart` on
 * a worker thread (or here, for a `plot` function, which cannot cross threads), which stores
 * the figure; the runtime (src/runtime/) holds what this build keeps.
 */
import type { Dataset } from '../data/schema.ts';
import { type AssayRuntime, runtime } from '../runtime/index.ts';
import { chartAssetUrls } from './assets.ts';
import { chartLabels, withIds } from './cached-svg.ts';
import { chartTexts } from './chart.ts';
import { type Figure, type FigureSpec, figureOf, readFigureEntry, writeFigureEntry } from './figure-entry.ts';
import { figureKey } from './figure-key.ts';
import { chartKeys } from './identity.ts';
import { normaliseChart } from './normalise.ts';
import type { ChartPlace, ChartSpec } from './spec.ts';
import { type ChartTask, chartTask } from './tasks.ts';
import { pngTwin } from './twin.ts';

export type { FigureSpec };

/** Everything `<Chart>` needs to write its figure. */
export interface ChartFigure extends Figure {
  /** Ids the SVG's aria attributes point at; the figure must carry elements with them. */
  nameId: string;
  descriptionId: string;
  urls: { csv: string; png: string };
}

export interface BuildOptions {
  /** The site's base path, for download URLs. */
  base?: string;
  /** false skips writing download files (tests). */
  stage?: boolean;
}

/**
 * The chart engine's entry point: validate and normalise props, render, describe, table and
 * export, or reuse the whole figure when the same props over the same data (by content hash
 * and vintage, and the code's fingerprint) were rendered before, in this build or an earlier
 * one. Only valid charts are cached, so a cached figure never hides an error; validation
 * errors are thrown here, with the place, before any drawing.
 */
export async function buildChart(
  props: Record<string, unknown>,
  dataset: Dataset,
  place: ChartPlace,
  options: BuildOptions = {},
): Promise<ChartFigure> {
  const rt = runtime();
  const key = figureKey(props, dataset);
  const figure =
    rt.figures.get(key) ??
    readFigureEntry(key) ??
    (await once(rt.pendingFigures, key, () => makeFigure(rt, key, normaliseChart(props, dataset, place), place)));
  rt.figures.set(key, figure);
  return present(rt, figure, options);
}

/** The one promise for `key` in `pending`, made by `make` if none is under way. */
function once<T>(pending: Map<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
  let promise = pending.get(key);
  if (!promise) {
    promise = make().finally(() => pending.delete(key));
    pending.set(key, promise);
  }
  return promise;
}

/**
 * A new figure, stored under its figure key. Its drawing is shared with any chart that draws
 * the same (another title, another data vintage): a drawing in memory or being drawn is
 * reused, with the texts made here; otherwise the task renders the whole chart and stores it.
 */
async function makeFigure(rt: AssayRuntime, key: string, spec: ChartSpec, place: ChartPlace): Promise<Figure> {
  const keys = chartKeys(spec);
  const pending = rt.pendingDrawings.get(keys.drawing);
  const shared = rt.drawings.get(keys.drawing) ?? (pending && (await pending));
  if (shared) {
    const figure = figureOf(spec, keys, { svg: withIds(shared, keys.id), ...chartTexts(spec) });
    writeFigureEntry(key, figure);
    return figure;
  }
  const input: ChartTask = { spec, place, store: { key, ...keys } };
  // A `plot` function cannot cross threads: that chart is rendered here.
  const rendering = spec.plot ? Promise.resolve().then(() => chartTask.run(input)) : rt.run(chartTask, input);
  const drawing = rendering.then((chart) => chart.svg);
  drawing.catch(() => {}); // figures waiting for it get the error; this one, below
  rt.pendingDrawings.set(keys.drawing, drawing);
  try {
    const chart = await rendering;
    rt.drawings.set(keys.drawing, chart.svg);
    return figureOf(spec, keys, { ...chart, svg: withIds(chart.svg, keys.id) });
  } finally {
    rt.pendingDrawings.delete(keys.drawing);
  }
}

/** Stages the figure's download files once per build in the runtime, and adds its ids and URLs. */
function present(rt: AssayRuntime, figure: Figure, { base = '/', stage = true }: BuildOptions): ChartFigure {
  const { id } = figure;
  if (stage) {
    // The PNG twin carries the chart's title and source line: keyed by them as well as the drawing.
    const twin = pngTwin(figure);
    rt.charts.stage(id, {
      csv: figure.csv,
      csvId: figure.csvId,
      drawing: twin.key,
      get svg() {
        return twin.svg;
      },
    });
  }
  return { ...figure, ...chartLabels(id), urls: chartAssetUrls(id, figure.csvId, base) };
}

/** Drops the current runtime's recent figures and drawings (tests that exercise the disk cache). */
export function clearRenderMemory(): void {
  const rt = runtime();
  rt.figures.clear();
  rt.drawings.clear();
}
