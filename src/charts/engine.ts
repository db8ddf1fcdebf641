import type { Dataset } from '../data/schema.ts';
import { RecentMap } from '../lib/memo.ts';
import { runTask, runtime } from '../runtime/index.ts';
import { chartAssetUrls } from './assets.ts';
import { readJsonCache, writeJsonCache } from './cache.ts';
import { fromCached, isCached, SHARED_LABELS, toCached, withIds } from './cached-svg.ts';
import { chartCsv, csvFileId } from './csv.ts';
import { describeChart } from './describe.ts';
import { type FigureHead, type FigureSpec, readFigureEntry, writeFigureEntry } from './figure-entry.ts';
import { figureKey } from './figure-key.ts';
import { chartKeys } from './identity.ts';
import { normaliseChart } from './normalise.ts';
import { type RenderedSvg, renderSvg } from './render.ts';
import type { ChartPlace, ChartSpec } from './spec.ts';
import { chartTable, chartTableHtml } from './table.ts';
import { svgTask } from './tasks.ts';

export type { FigureSpec };

/** A rendered figure without its URLs: what is kept in memory. */
interface RenderedFigure extends FigureHead {
  svg: RenderedSvg;
  /** The data table as HTML, captioned with the chart's title. */
  tableHtml: string;
  csv: string;
}

/** Everything `<Chart>` needs to write its figure. */
export interface ChartFigure extends RenderedFigure {
  /** Ids the SVG's aria attributes point at; the figure must carry elements with them. */
  nameId: string;
  descriptionId: string;
  urls: { csv: string; png: string };
}

/**
 * Charts kept in memory at most: a chart's note page, feed entry and email edition render
 * close together, and an older one is read back from the disk cache (1,500 figure entries
 * in 38 ms). Unbounded, these memos held every figure of the site until the build ended.
 */
const RECENT_CHARTS = 256;
/**
 * Recent whole figures, by figure key: a chart on a note page, its version page, the feed and
 * the email edition is normalised, drawn, described and tabled once.
 */
const figures = new RecentMap<string, RenderedFigure>(RECENT_CHARTS);
/** Recent SVG drawings by render key (the spec without its source line), with placeholder ids. */
const drawings = new RecentMap<string, RenderedSvg>(RECENT_CHARTS);

/** Drawings being drawn on a worker thread, by render key: concurrent pages wait for one drawing. */
const pendingDrawings = new Map<string, Promise<RenderedSvg>>();
/** Figures being built, by figure key (the note page, its feed entry and its email at once). */
const pendingFigures = new Map<string, Promise<RenderedFigure>>();

/** A drawing from memory or the disk cache. */
function cachedDrawing(key: string): RenderedSvg | undefined {
  const memo = drawings.get(key);
  if (memo) return memo;
  const cached = readJsonCache('render', key, isCached);
  if (!cached) return undefined;
  const svg = fromCached(cached);
  drawings.set(key, svg);
  return svg;
}

function storeDrawing(key: string, svg: RenderedSvg): RenderedSvg {
  writeJsonCache('render', key, toCached(svg));
  drawings.set(key, svg);
  return svg;
}

/** Draws on this thread (tests, and the `plot` escape hatch, whose function cannot cross threads). */
function drawHere(spec: ChartSpec, key: string, place: ChartPlace): { key: string; svg: RenderedSvg } {
  const svg = cachedDrawing(key) ?? storeDrawing(key, renderSvg(spec, SHARED_LABELS, place));
  return { key, svg };
}

/**
 * Draws on a worker thread, so the main thread renders other pages meanwhile. The worker
 * also stores the drawing and, when given, the figure entry waiting for it (`stored`: true),
 * so cache writes stay off this thread.
 */
async function drawInWorker(
  spec: ChartSpec,
  key: string,
  place: ChartPlace,
  figure: { key: string; head: Omit<FigureHead, 'drawing'>; texts: { tableHtml: string; csv: string } },
): Promise<{ key: string; svg: RenderedSvg; stored?: boolean }> {
  if (spec.plot) return drawHere(spec, key, place);
  const cached = cachedDrawing(key);
  if (cached) return { key, svg: cached };
  let pending = pendingDrawings.get(key);
  if (!pending) {
    pending = runTask(svgTask, { spec, labels: SHARED_LABELS, place, cacheKey: key, figure })
      .then((svg) => {
        drawings.set(key, svg);
        return svg;
      })
      .finally(() => pendingDrawings.delete(key));
    pendingDrawings.set(key, pending);
    return { key, svg: await pending, stored: true };
  }
  return { key, svg: await pending };
}

/** A figure from the disk cache, when its entry is intact. */
function readFigure(key: string): RenderedFigure | undefined {
  const stored = readFigureEntry(key);
  if (!stored) return undefined;
  // Stored with its ids: one copy of the SVGs in memory, and no placeholders to replace.
  const { head, svg, tableHtml, csv } = stored;
  return figureOf({ ...head, tableHtml, csv }, fromCached(svg));
}

/** A figure; its fields in one order, however it was made. */
function figureOf(parts: Omit<RenderedFigure, 'svg'>, svg: RenderedSvg): RenderedFigure {
  const { id, drawing, spec, description, tableHtml, derivedRows, csv, csvId } = parts;
  return { id, drawing, spec, svg, description, tableHtml, derivedRows, csv, csvId };
}

/** A normalised chart with everything but its drawing: the main thread's share of the work. */
function prepareFigure(props: Record<string, unknown>, dataset: Dataset, place: ChartPlace) {
  const spec = normaliseChart(props, dataset, place);
  const { id, drawing } = chartKeys(spec);
  const { title, subtitle, caption, derived, source } = spec;
  const csv = chartCsv(spec);
  const table = chartTable(spec);
  return {
    spec,
    drawingKey: drawing,
    parts: {
      id,
      spec: { title, subtitle, caption, derived, source },
      description: describeChart(spec),
      tableHtml: chartTableHtml(table, title ?? subtitle ?? ''),
      derivedRows: table.rows.some((row) => row.derived),
      csv,
      csvId: csvFileId(csv),
    },
  };
}

/**
 * Stores a new figure in the disk cache with its drawing, unless the worker that drew it
 * already did, and returns it with its ids.
 */
function completeFigure(
  key: string,
  parts: ReturnType<typeof prepareFigure>['parts'],
  drawn: { key: string; svg: RenderedSvg; stored?: boolean },
): RenderedFigure {
  const figure = figureOf({ ...parts, drawing: drawn.key }, withIds(drawn.svg, parts.id));
  if (!drawn.stored) writeFigureEntry(key, figure, figure.svg, figure);
  return figure;
}

/**
 * Stages the figure's download files once per build (and, for a note's lead chart, its
 * preview card's source) in the runtime, and adds its ids and URLs.
 */
function present(figure: RenderedFigure, place: ChartPlace, { base = '/', stage = true }: BuildOptions): ChartFigure {
  const { id } = figure;
  if (stage) {
    const { svg } = figure;
    runtime().stageChart(
      id,
      {
        csv: figure.csv,
        csvId: figure.csvId,
        drawing: figure.drawing,
        get svg() {
          return svg.standalone;
        },
      },
      place,
    );
  }
  return {
    ...figure,
    nameId: `chart-${id}-name`,
    descriptionId: `chart-${id}-desc`,
    urls: chartAssetUrls(id, figure.csvId, base),
  };
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
 * and vintage) were rendered before, in this process or an earlier build. Only valid charts
 * are cached, so a cached figure never hides an error. Draws on this thread; pages use
 * `buildChartAsync`.
 */
export function buildChart(
  props: Record<string, unknown>,
  dataset: Dataset,
  place: ChartPlace,
  options: BuildOptions = {},
): ChartFigure {
  const key = figureKey(props, dataset);
  let figure = figures.get(key) ?? readFigure(key);
  if (!figure) {
    const { spec, drawingKey, parts } = prepareFigure(props, dataset, place);
    figure = completeFigure(key, parts, drawHere(spec, drawingKey, place));
  }
  figures.set(key, figure);
  return present(figure, place, options);
}

/**
 * `buildChart` with the drawing (Plot and the DOM, most of a chart's cost) on a worker thread.
 * Same result, same caches; validation errors are still thrown on this thread, with the place.
 */
export async function buildChartAsync(
  props: Record<string, unknown>,
  dataset: Dataset,
  place: ChartPlace,
  options: BuildOptions = {},
): Promise<ChartFigure> {
  const key = figureKey(props, dataset);
  let figure = figures.get(key) ?? readFigure(key);
  if (!figure) {
    let pending = pendingFigures.get(key);
    if (!pending) {
      const { spec, drawingKey, parts } = prepareFigure(props, dataset, place);
      const { tableHtml, csv, ...head } = parts;
      pending = drawInWorker(spec, drawingKey, place, { key, head, texts: { tableHtml, csv } })
        .then((drawn) => completeFigure(key, parts, drawn))
        .finally(() => pendingFigures.delete(key));
      pendingFigures.set(key, pending);
    }
    figure = await pending;
  }
  figures.set(key, figure);
  return present(figure, place, options);
}

/** Drops the in-process memos (tests that exercise the disk cache). */
export function clearRenderMemory(): void {
  figures.clear();
  drawings.clear();
}
