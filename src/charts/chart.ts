/**
 * The centre of the chart engine: one pure function from a complete chart (a normalised spec,
 * which carries exactly the rows it plots) to everything a reader gets of it: the drawing in
 * its three forms, the description, the data table and the CSV download. No cache, no worker,
 * no I/O: the engine (engine.ts) adds those around it, and tests call it directly.
 */
import { SHARED_LABELS } from './cached-svg.ts';
import { chartCsv, csvFileId } from './csv.ts';
import { describeChart } from './describe.ts';
import { type ChartLabels, type RenderedSvg, renderSvg } from './render.ts';
import type { ChartPlace, ChartSpec } from './spec.ts';
import { chartTable, chartTableHtml } from './table.ts';

/** A chart's texts: what the figure around the drawing shows and the download. */
export interface ChartTexts {
  /** What the chart shows, in sentences (the figure's paragraph the SVG's aria-describedby names). */
  description: string;
  /** The data table as HTML, captioned with the chart's title. */
  tableHtml: string;
  /** Whether a plotted row is derived (the source line says so). */
  derivedRows: boolean;
  /** The CSV download. */
  csv: string;
  /** The CSV's content hash: its file name in dist/charts/. */
  csvId: string;
}

/** A rendered chart: its drawing and its texts. */
export interface RenderedChart extends ChartTexts {
  svg: RenderedSvg;
}

/** The texts of a chart (no drawing): cheap next to Plot, and specific to the chart's title. */
export function chartTexts(spec: ChartSpec): ChartTexts {
  const csv = chartCsv(spec);
  const table = chartTable(spec);
  return {
    description: describeChart(spec),
    tableHtml: chartTableHtml(table, spec.title ?? spec.subtitle ?? ''),
    derivedRows: table.rows.some((row) => row.derived),
    csv,
    csvId: csvFileId(csv),
  };
}

/**
 * Renders a chart. `labels` are the ids the SVG's aria attributes point at (by default the
 * placeholders of a drawing shared between charts, which `withIds` fills in); `place` is
 * where the chart is written, for the errors of a `plot` function.
 */
export function renderChart(spec: ChartSpec, place: ChartPlace, labels: ChartLabels = SHARED_LABELS): RenderedChart {
  return { svg: renderSvg(spec, labels, place), ...chartTexts(spec) };
}
