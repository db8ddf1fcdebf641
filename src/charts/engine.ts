import { createHash } from 'node:crypto';
import type { Dataset } from '../data/schema.ts';
import { chartAssetUrls, stageChartAssets, stagingDir } from './assets.ts';
import { readJsonCache, writeJsonCache } from './cache.ts';
import { chartCsv } from './csv.ts';
import { describeChart } from './describe.ts';
import { figureKey } from './figure-key.ts';
import { chartId, specFingerprint } from './identity.ts';
import { normaliseChart } from './normalise.ts';
import { RENDERER_VERSION, type RenderedSvg, renderSvg } from './render.ts';
import type { ChartPlace, ChartSpec } from './spec.ts';
import { type ChartTable, chartTable } from './table.ts';

/** The parts of a spec the figure around the SVG shows (title, caption, source line). */
export type FigureSpec = Pick<ChartSpec, 'title' | 'subtitle' | 'caption' | 'derived' | 'source'>;

/** A rendered figure without its URLs: what is kept in memory. */
interface RenderedFigure {
  /** Stable content hash: file names in dist/charts/ and element ids. */
  id: string;
  spec: FigureSpec;
  svg: RenderedSvg;
  description: string;
  table: ChartTable;
  csv: string;
}

/** A figure on disk: its drawing by key (drawings are cached separately and shared), not the SVG again. */
interface StoredFigure extends Omit<RenderedFigure, 'svg'> {
  drawing: string;
}

/** Everything `<Chart>` needs to write its figure. */
export interface ChartFigure extends RenderedFigure {
  /** Ids the SVG's aria attributes point at; the figure must carry elements with them. */
  nameId: string;
  descriptionId: string;
  urls: { csv: string; svg: string; png: string };
}

/**
 * Whole figures kept for this process, by figure key: a chart on a note page, its version
 * page, the feed and the email edition is normalised, drawn, described and tabled once.
 */
const figures = new Map<string, RenderedFigure>();
/** SVG drawings by render key (the spec without its source line), with placeholder ids. */
const drawings = new Map<string, RenderedSvg>();
/** Charts whose files are already staged, by staging directory and id. */
const staged = new Set<string>();

/** Stands for the chart id inside cached drawings; replaced when a figure uses the drawing. */
const ID_TOKEN = 'assay0chart0id';

function isRendered(value: unknown): value is RenderedSvg {
  const v = value as RenderedSvg | null;
  return (
    !!v &&
    typeof v.wide === 'string' &&
    v.wide.startsWith('<svg') &&
    typeof v.narrow === 'string' &&
    v.narrow.startsWith('<svg') &&
    typeof v.standalone === 'string'
  );
}

function isStoredFigure(value: unknown): value is StoredFigure {
  const v = value as StoredFigure | null;
  return (
    !!v &&
    typeof v.id === 'string' &&
    /^[0-9a-f]{16}$/.test(v.id) &&
    typeof v.drawing === 'string' &&
    typeof v.description === 'string' &&
    typeof v.csv === 'string' &&
    !!v.spec &&
    typeof v.spec.subtitle === 'string' &&
    !!v.spec.source &&
    !!v.table &&
    Array.isArray(v.table.headers) &&
    Array.isArray(v.table.rows)
  );
}

/**
 * The drawing of a spec, shared by specs that differ only in their source line (the same
 * chart read at another data vintage, or in a feed): the SVG does not show the source.
 */
function drawing(spec: ChartSpec, place: ChartPlace): { key: string; svg: RenderedSvg } {
  const key = createHash('sha256')
    .update(`${RENDERER_VERSION}\0`)
    .update(specFingerprint({ ...spec, source: { ...spec.source, asOf: null, commit: null } }))
    .digest('hex')
    .slice(0, 24);
  let svg = drawings.get(key) ?? readJsonCache('render', key, isRendered);
  if (!svg) {
    svg = renderSvg(spec, { nameId: `chart-${ID_TOKEN}-name`, descriptionId: `chart-${ID_TOKEN}-desc` }, place);
    writeJsonCache('render', key, svg);
  }
  drawings.set(key, svg);
  return { key, svg };
}

/** A shared drawing with this chart's ids in its aria attributes. */
function withIds(shared: RenderedSvg, id: string): RenderedSvg {
  return {
    wide: shared.wide.replaceAll(ID_TOKEN, id),
    narrow: shared.narrow.replaceAll(ID_TOKEN, id),
    standalone: shared.standalone,
  };
}

/** A figure from the disk cache, when both its entry and its drawing's are intact. */
function readFigure(key: string): RenderedFigure | undefined {
  const stored = readJsonCache('figure', key, isStoredFigure);
  if (!stored) return undefined;
  const shared = drawings.get(stored.drawing) ?? readJsonCache('render', stored.drawing, isRendered);
  if (!shared) return undefined;
  drawings.set(stored.drawing, shared);
  const { drawing: _drawing, ...rest } = stored;
  return { ...rest, svg: withIds(shared, stored.id) };
}

/** Normalises, draws, describes, tables and exports a chart: the uncached path. */
function renderFigure(
  props: Record<string, unknown>,
  dataset: Dataset,
  place: ChartPlace,
): StoredFigure & { svg: RenderedSvg } {
  const spec = normaliseChart(props, dataset, place);
  const id = chartId(spec);
  const shared = drawing(spec, place);
  const { title, subtitle, caption, derived, source } = spec;
  return {
    id,
    spec: { title, subtitle, caption, derived, source },
    drawing: shared.key,
    svg: withIds(shared.svg, id),
    description: describeChart(spec),
    table: chartTable(spec),
    csv: chartCsv(spec),
  };
}

/**
 * The chart engine's entry point: validate and normalise props, render, describe, table and
 * export, or reuse the whole figure when the same props over the same data (by content hash
 * and vintage) were rendered before, in this process or an earlier build. Only valid charts
 * are cached, so a cached figure never hides an error. `stage` false skips writing
 * download files (tests).
 */
export function buildChart(
  props: Record<string, unknown>,
  dataset: Dataset,
  place: ChartPlace,
  { base = '/', stage = true }: { base?: string; stage?: boolean } = {},
): ChartFigure {
  const key = figureKey(props, dataset);
  let figure = figures.get(key) ?? readFigure(key);
  if (!figure) {
    const { svg, ...stored } = renderFigure(props, dataset, place);
    writeJsonCache('figure', key, stored);
    const { drawing: _drawing, ...rest } = stored;
    figure = { ...rest, svg };
  }
  figures.set(key, figure);
  const { id } = figure;
  if (stage) {
    const dir = stagingDir();
    const stagedKey = `${dir}\0${id}`;
    if (!staged.has(stagedKey)) {
      stageChartAssets(id, { csv: figure.csv, svg: figure.svg.standalone }, dir);
      staged.add(stagedKey);
    }
  }
  return {
    ...figure,
    nameId: `chart-${id}-name`,
    descriptionId: `chart-${id}-desc`,
    urls: chartAssetUrls(id, base),
  };
}

/** Drops the in-process memos (tests that exercise the disk cache). */
export function clearRenderMemory(): void {
  figures.clear();
  drawings.clear();
  staged.clear();
}
