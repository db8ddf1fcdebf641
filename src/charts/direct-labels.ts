import * as Plot from '@observablehq/plot';
import type { Row } from '../data/schema.ts';
import { numberFormatter } from './format.ts';
import type { Layout } from './layout.ts';
import type { AxisValue, ChartSpec } from './spec.ts';
import { compareCells } from './values.ts';

/** One line end's label: the series name (when there are several) and its last value. */
export interface EndLabel {
  x: AxisValue;
  /** Where the label sits on the value axis: the last value, or the middle of a stacked layer. */
  y: number;
  name: string | null;
  value: string | null;
}

/** Labels written at the end of lines (and areas), and the right margin they need. */
export interface DirectLabels {
  ends: EndLabel[];
  marginRight: number;
}

/** Room for labels: at most this share of the chart's width. */
const MAX_MARGIN_SHARE = 0.34;

/**
 * House style: label line ends directly, with a legend only where the labels cannot do the
 * job. Each series of a line or area chart gets its name (when there are several) and its
 * last value after its last point, when every label fits in the right margin and no two
 * labels are closer than their height (judged on the value range, which Plot's nice domain
 * only widens, hence the safety factor). Undefined when the chart asks for no labels
 * (`labels="none"`) or the names do not fit: then the legend names the series.
 */
export function directLabels(spec: ChartSpec, layout: Layout, plotHeight: number): DirectLabels | undefined {
  if ((spec.kind !== 'line' && spec.kind !== 'area') || spec.horizontal || spec.plot || spec.labels === 'none')
    return undefined;
  const series = spec.series;
  const several = series !== null && spec.seriesNames.length > 1;
  // Values at every point (`labels="values"`) are written by the points; the ends keep the names.
  const withValue = spec.labels === 'ends';
  if (!several && !withValue) return undefined;
  const nameOf = (row: Row) => (series ? String(row[series.name] ?? '') : (spec.seriesNames[0] as string));
  const last = new Map<string, Row>();
  for (const row of spec.rows) {
    const at = row[spec.x.name] ?? null;
    if (typeof row[spec.y.name] !== 'number' || at === null) continue;
    const seen = last.get(nameOf(row));
    if (!seen || compareCells(seen[spec.x.name] ?? null, at) <= 0) last.set(nameOf(row), row);
  }
  if (several && last.size !== spec.seriesNames.length) return undefined;
  const format = numberFormatter(spec.number);
  const stacked = stackedMiddles(spec, nameOf);
  const ends: EndLabel[] = [...last.entries()].map(([name, row]) => ({
    x: row[spec.x.name] as AxisValue,
    y: stacked?.get(row) ?? (row[spec.y.name] as number),
    name: several ? name : null,
    value: withValue ? format(row[spec.y.name] as number) : null,
  }));
  const longest = Math.max(...ends.flatMap((end) => [end.name?.length ?? 0, end.value?.length ?? 0]));
  const marginRight = Math.ceil(longest * layout.charWidth + 14);
  if (marginRight > layout.width * MAX_MARGIN_SHARE) return undefined;
  const values = spec.rows.map((row) => row[spec.y.name]).filter((v): v is number => typeof v === 'number');
  const ruleValues = spec.rules.filter((r) => r.axis === 'y').map((r) => r.value as number);
  const tops = stacked ? [...stacked.values()].map((middle) => middle * 2) : [];
  const low = Math.min(...values, ...ruleValues, ...(spec.zero ? [0] : []));
  const high = Math.max(...values, ...ruleValues, ...tops);
  const pixelsPerUnit = high > low ? (plotHeight / (high - low)) * 0.8 : 0;
  const lineHeight = layout.fontSize + 2;
  const height = (end: EndLabel) => (end.name && end.value ? 2 : 1) * lineHeight;
  const sorted = [...ends].sort((a, b) => a.y - b.y);
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1] as EndLabel;
    const b = sorted[i] as EndLabel;
    if ((b.y - a.y) * pixelsPerUnit < (height(a) + height(b)) / 2 + 1) return undefined;
  }
  return { ends, marginRight };
}

/** The middle of each stacked layer at each row (stacked areas), else undefined. */
function stackedMiddles(spec: ChartSpec, nameOf: (row: Row) => string): Map<Row, number> | undefined {
  if (!(spec.stack && spec.kind === 'area')) return undefined;
  const base = new Map<string, number>();
  const middles = new Map<Row, number>();
  for (const name of spec.seriesNames)
    for (const row of spec.rows) {
      const value = row[spec.y.name];
      const at = row[spec.x.name] ?? null;
      if (nameOf(row) !== name || typeof value !== 'number' || at === null) continue;
      const key = at instanceof Date ? String(at.getTime()) : String(at);
      const below = base.get(key) ?? 0;
      base.set(key, below + value);
      middles.set(row, below + value / 2);
    }
  return middles;
}

/**
 * The label marks, in the text colour (contrast), just right of the last point: the name in
 * bold above the value, or either alone.
 */
export function directLabelMarks(labels: DirectLabels, layout: Layout): Plot.Markish[] {
  const named = labels.ends.filter((end) => end.name);
  const valued = labels.ends.filter((end) => end.value);
  // Name above value when a label has both (then every label has both).
  const half = named.length > 0 && valued.length > 0 ? (layout.fontSize + 2) / 2 : 0;
  const common = { x: 'x', y: 'y', textAnchor: 'start', dx: 8, fill: 'currentColor' } as const;
  const marks: Plot.Markish[] = [];
  if (named.length > 0) marks.push(Plot.text(named, { ...common, text: 'name', fontWeight: 600, dy: -half }));
  if (valued.length > 0) marks.push(Plot.text(valued, { ...common, text: 'value', dy: half }));
  return marks;
}
