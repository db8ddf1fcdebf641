import type { Dataset } from '../data/schema.ts';
import { chartAssetUrls, stageChartAssets } from './assets.ts';
import { readJsonCache, writeJsonCache } from './cache.ts';
import { chartCsv } from './csv.ts';
import { describeChart } from './describe.ts';
import { chartId } from './identity.ts';
import { normaliseChart } from './normalise.ts';
import { type RenderedSvg, renderSvg } from './render.ts';
import type { ChartPlace, ChartSpec } from './spec.ts';
import { type ChartTable, chartTable } from './table.ts';

/** Everything `<Chart>` needs to write its figure. */
export interface ChartFigure {
  /** Stable content hash: file names in dist/charts/ and element ids. */
  id: string;
  spec: ChartSpec;
  svg: RenderedSvg;
  /** Ids the SVG's aria attributes point at; the figure must carry elements with them. */
  nameId: string;
  descriptionId: string;
  description: string;
  table: ChartTable;
  csv: string;
  urls: { csv: string; svg: string; png: string };
}

/** Renders kept for this process: identical charts on many pages are drawn once. */
const memory = new Map<string, RenderedSvg>();

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

/**
 * The chart engine's entry point: validate and normalise props, render (or reuse a cached
 * render), describe, table and export. `stage` false skips writing download files (tests).
 */
export function buildChart(
  props: Record<string, unknown>,
  dataset: Dataset,
  place: ChartPlace,
  { base = '/', stage = true }: { base?: string; stage?: boolean } = {},
): ChartFigure {
  const spec = normaliseChart(props, dataset, place);
  const id = chartId(spec);
  const nameId = `chart-${id}-name`;
  const descriptionId = `chart-${id}-desc`;
  let svg = memory.get(id) ?? readJsonCache('svg', id, isRendered);
  if (!svg) {
    svg = renderSvg(spec, { nameId, descriptionId }, place);
    writeJsonCache('svg', id, svg);
  }
  memory.set(id, svg);
  const csv = chartCsv(spec);
  if (stage) stageChartAssets(id, { csv, svg: svg.standalone });
  return {
    id,
    spec,
    svg,
    nameId,
    descriptionId,
    description: describeChart(spec),
    table: chartTable(spec),
    csv,
    urls: chartAssetUrls(id, base),
  };
}

/** Drops the in-process render memo (tests that exercise the disk cache). */
export function clearRenderMemory(): void {
  memory.clear();
}
