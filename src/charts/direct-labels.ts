import * as Plot from '@observablehq/plot';
import type { Row } from '../data/schema.ts';
import type { Layout } from './layout.ts';
import type { ChartSpec } from './spec.ts';

/** Series names written at the end of their lines, and the right margin they need. */
export interface DirectLabels {
  rows: Row[];
  marginRight: number;
}

/** Room for labels: at most this share of the chart's width. */
const MAX_MARGIN_SHARE = 0.3;

/**
 * House style: label lines directly where the labels fit, use a legend otherwise. A
 * multi-series line chart gets each series' name after its last point when every name fits
 * in the right margin and no two end points are closer than a line of text (judged on the
 * value range, which Plot's nice domain only widens, hence the safety factor). Returns
 * undefined when the legend should be used instead.
 */
export function directLabels(spec: ChartSpec, layout: Layout, plotHeight: number): DirectLabels | undefined {
  const series = spec.series;
  if (spec.kind !== 'line' || !series || spec.horizontal || spec.plot || spec.seriesNames.length < 2) return undefined;
  const last = new Map<string, Row>();
  for (const row of spec.rows) {
    if (typeof row[spec.y.name] === 'number') last.set(String(row[series.name]), row);
  }
  if (last.size !== spec.seriesNames.length) return undefined;
  const longest = Math.max(...spec.seriesNames.map((name) => name.length));
  const marginRight = Math.ceil(longest * layout.charWidth + 14);
  if (marginRight > layout.width * MAX_MARGIN_SHARE) return undefined;
  const values = spec.rows.map((row) => row[spec.y.name]).filter((v): v is number => typeof v === 'number');
  const ruleValues = spec.rules.filter((r) => r.axis === 'y').map((r) => r.value as number);
  const low = Math.min(...values, ...ruleValues);
  const high = Math.max(...values, ...ruleValues);
  const pixelsPerUnit = high > low ? (plotHeight / (high - low)) * 0.8 : 0;
  const ends = [...last.values()].map((row) => row[spec.y.name] as number).sort((a, b) => a - b);
  for (let i = 1; i < ends.length; i++) {
    if (((ends[i] as number) - (ends[i - 1] as number)) * pixelsPerUnit < layout.fontSize + 3) return undefined;
  }
  return { rows: [...last.values()], marginRight };
}

/** The label marks: the series name in the text colour (contrast), just right of the last point. */
export function directLabelMarks(spec: ChartSpec, labels: DirectLabels): Plot.Markish[] {
  const series = spec.series?.name as string;
  return [
    Plot.text(labels.rows, {
      x: spec.x.name,
      y: spec.y.name,
      text: (row: Row) => String(row[series]),
      textAnchor: 'start',
      dx: 8,
      fontWeight: 600,
      fill: 'currentColor',
    }),
  ];
}
