import type { Row } from '../data/schema.ts';
import { dateGrain, formatDateRange, numberFormatter } from './format.ts';
import { rowStyle } from './marks.ts';
import type { AxisValue, ChartKind, ChartSpec } from './spec.ts';
import { compareCells } from './values.ts';

const KIND_NAMES: Record<ChartKind, string> = { bar: 'Bars', line: 'Line', area: 'Area', dot: 'Dots' };

/**
 * The chart's text description, from the data: what is plotted, over what range, first and
 * last values with the overall change, the largest step, and which values are derived or missing.
 * An author's `alt` replaces it entirely.
 */
export function describeChart(spec: ChartSpec): string {
  if (spec.alt) return spec.alt;
  const style = rowStyle(spec);
  const value = numberFormatter(spec.number);
  const kind = spec.plot ? 'Chart' : kindName(spec);
  const measure = spec.subtitle;
  const range = xRange(spec);
  const sentences: string[] = [`${kind}: ${stripStop(measure)}${range ? `, ${range}` : ''}.`];
  if (spec.plot && !spec.series) sentences.push(`${spec.rows.length} rows of ${spec.source.title}.`);
  const groups = spec.series
    ? groupBy(spec.rows, spec.series.name)
    : new Map([[spec.seriesNames[0] as string, spec.rows]]);
  for (const [name, rows] of groups) {
    const points = rows.filter((row) => typeof row[spec.y.name] === 'number');
    if (points.length === 0) continue;
    const prefix = spec.series ? `${name}: ` : '';
    const first = points[0] as Row;
    const last = points[points.length - 1] as Row;
    const y0 = first[spec.y.name] as number;
    const y1 = last[spec.y.name] as number;
    if (points.length === 1 || spec.x.type === 'string') {
      const ranked = [...points].sort((a, b) => (b[spec.y.name] as number) - (a[spec.y.name] as number));
      const top = ranked[0] as Row;
      const bottom = ranked[ranked.length - 1] as Row;
      sentences.push(
        points.length === 1
          ? `${prefix}${value(y0)} in ${style.xLabel(first[spec.x.name] as AxisValue)}.`
          : `${prefix}${prefix ? 'highest' : 'Highest'} ${style.xLabel(top[spec.x.name] as AxisValue)} at ${value(top[spec.y.name] as number)}, lowest ${style.xLabel(bottom[spec.x.name] as AxisValue)} at ${value(bottom[spec.y.name] as number)}.`,
      );
      continue;
    }
    const about = (row: Row) => (style.isDerived(row) ? 'about ' : '');
    const direction = y1 < y0 ? 'falling' : y1 > y0 ? 'rising' : 'unchanged';
    sentences.push(
      `${prefix || ''}${prefix ? direction : capitalise(direction)} from ${about(first)}${value(y0)} in ${style.xLabel(first[spec.x.name] as AxisValue)} to ${about(last)}${value(y1)} in ${style.xLabel(last[spec.x.name] as AxisValue)}${percent(y0, y1)}.`,
    );
    const step = largestStep(points, spec.y.name);
    if (step && points.length > 2) {
      const [a, b] = step;
      sentences.push(
        `${prefix ? '' : ''}Largest change: ${style.xLabel(a[spec.x.name] as AxisValue)} to ${style.xLabel(b[spec.x.name] as AxisValue)}, ${value(a[spec.y.name] as number)} to ${value(b[spec.y.name] as number)}${percent(a[spec.y.name] as number, b[spec.y.name] as number)}.`,
      );
    }
  }
  const label = (row: Row) =>
    `${spec.series ? `${row[spec.series.name]} ` : ''}${style.xLabel(row[spec.x.name] as AxisValue)}`;
  const derived = spec.rows.filter(style.isDerived);
  if (derived.length > 0) {
    sentences.push(
      `Derived (estimated) value${derived.length > 1 ? 's' : ''}, drawn lighter: ${joinList(derived.map(label))}.`,
    );
  }
  // Gaps are drawn as gaps; a reader of the text needs them named, not silently skipped.
  const missing = spec.rows.filter((row) => row[spec.y.name] === null && row[spec.x.name] != null);
  if (missing.length > 0) sentences.push(`No value for ${joinList(missing.map(label))}.`);
  if (spec.annotations.length > 0)
    sentences.push(`Marked: ${joinList(spec.annotations.map((a) => a.label ?? style.xLabel(a.value)))}.`);
  return sentences.join(' ');
}

function kindName(spec: ChartSpec): string {
  if (spec.kind === 'bar') {
    const base = spec.horizontal ? 'Horizontal bars' : 'Bars';
    return spec.series ? `${spec.stack ? 'Stacked' : 'Grouped'} ${base.toLowerCase()}` : base;
  }
  if (spec.kind === 'area' && spec.stack && spec.series) return 'Stacked area';
  return spec.series && spec.kind === 'line' ? 'Lines' : KIND_NAMES[spec.kind];
}

function xRange(spec: ChartSpec): string | null {
  const values = spec.rows.map((row) => row[spec.x.name]).filter((v) => v !== null && v !== undefined) as AxisValue[];
  if (values.length === 0 || spec.x.type === 'string') return null;
  const sorted = [...values].sort(compareCells);
  const first = sorted[0] as AxisValue;
  const last = sorted[sorted.length - 1] as AxisValue;
  if (first instanceof Date && last instanceof Date) return formatDateRange(first, last, dateGrain(spec.x.column));
  const fmt = numberFormatter({ specifier: ',~f', unit: '' });
  return `${spec.x.label} ${fmt(first as number)} to ${fmt(last as number)}`;
}

function percent(from: number, to: number): string {
  if (from === 0) return '';
  const change = (to - from) / Math.abs(from);
  const text = numberFormatter({ specifier: '+.0%', unit: '' })(change);
  return ` (${text})`;
}

function largestStep(rows: readonly Row[], column: string): [Row, Row] | null {
  let best: [Row, Row] | null = null;
  let size = -1;
  for (let i = 1; i < rows.length; i++) {
    const a = rows[i - 1] as Row;
    const b = rows[i] as Row;
    const delta = Math.abs((b[column] as number) - (a[column] as number));
    if (delta > size) {
      size = delta;
      best = [a, b];
    }
  }
  return best;
}

function groupBy(rows: readonly Row[], column: string): Map<string, Row[]> {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const key = String(row[column] ?? '');
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return groups;
}

function joinList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

function stripStop(text: string): string {
  return text.replace(/[.\s]+$/, '');
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
