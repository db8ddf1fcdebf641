import { formatSpecifier } from 'd3-format';
import { utcFormat } from 'd3-time-format';
import type { Row } from '../data/schema.ts';
import { type DateGrain, numberFormatter, percentChange } from './format.ts';
import { rowStyle } from './marks.ts';
import type { AxisValue, ChartSpec, Marker } from './spec.ts';
import { compareCells } from './values.ts';

/**
 * The chart's text description, from the data, read by screen readers (the SVG's description),
 * shown under the chart and used as the PNG's alt text. It tells the story in order of
 * importance: what is plotted and over what period; each series from its start to its end by
 * way of its low and high points, with their dates; the largest change between neighbouring
 * points; what the annotations, reference lines and highlight mark; then which values are
 * derived or missing. Numbers are written in the measure's own format and unit.
 * An author's `alt` replaces it entirely.
 */
export function describeChart(spec: ChartSpec): string {
  if (spec.alt) return spec.alt;
  const say = phrasing(spec);
  const sentences: string[] = [introduction(spec, say)];
  if (spec.plot && !spec.series) sentences.push(`${spec.rows.length} rows of ${spec.source.title}.`);
  const groups = spec.series
    ? groupBy(spec.rows, spec.series.name)
    : new Map([[spec.seriesNames[0] as string, spec.rows]]);
  const ends: [string, Row][] = [];
  for (const [name, rows] of groups) {
    const points = rows.filter((row) => typeof row[spec.y.name] === 'number');
    if (points.length === 0) continue;
    const prefix = spec.series ? `${name}: ` : '';
    if (spec.x.type === 'string') {
      sentences.push(prefix + categories(points, say));
      continue;
    }
    const ordered = [...points].sort((a, b) => compareCells(a[spec.x.name] ?? null, b[spec.x.name] ?? null));
    ends.push([name, ordered.at(-1) as Row]);
    const step = largestStep(ordered, say);
    // In a series' own sentence, so several series never leave a "largest change" without its name.
    if (prefix)
      sentences.push(`${capitalise(prefix + journey(ordered, say))}${step ? `; largest change ${step}` : ''}.`);
    else sentences.push(`${capitalise(journey(ordered, say))}.`, ...(step ? [`Largest change: ${step}.`] : []));
  }
  const standing = lastStanding(ends, say);
  if (standing) sentences.push(standing);
  sentences.push(...markers(spec, say));
  const derived = spec.rows.filter(say.isDerived);
  if (derived.length > 0) {
    sentences.push(`Derived (estimated), not stated by the source: ${say.rowList(derived)}.`);
  }
  // Gaps are drawn as gaps; a reader of the text needs them named, not silently skipped.
  const missing = spec.rows.filter((row) => row[spec.y.name] === null && row[spec.x.name] != null);
  if (missing.length > 0) sentences.push(`No value for ${say.rowList(missing)}.`);
  return sentences.join(' ');
}

/** How one chart's values, places and changes are written. */
interface Phrasing {
  x: (row: Row) => AxisValue;
  y: (row: Row) => number;
  /** A value as the dataset writes it, "about" when it is derived: "about 5,383 t". */
  value: (row: Row) => string;
  /** Where a point is: "in May 2025", "on 4 April 2025", "at Year 2,020", "Germany". */
  at: (row: Row) => string;
  /** A point's x value for lists: "May 2025". */
  label: (value: AxisValue) => string;
  /** Two x values as a span: "March to May 2025". */
  span: (from: AxisValue, to: AxisValue) => string;
  /** A change in words: "up 4%", "down about 2,749 t (51%)". */
  change: (from: Row, to: Row, absolute: boolean) => string;
  /** Rows named for a list: "March and April 2025", "Germany June 2025". */
  rowList: (rows: readonly Row[]) => string;
  isDerived: (row: Row) => boolean;
  amount: (value: number) => string;
}

/** Month names in full: the description is read aloud, and "Mar" is not a word. */
const LONG_DATES: Record<DateGrain, string> = { day: '%-d %B %Y', month: '%B %Y', year: '%Y' };
const MONTH = utcFormat('%B');

function phrasing(spec: ChartSpec): Phrasing {
  const style = rowStyle(spec, { hoverTitles: false });
  // Sentences: the dataset's unit word ("1,238 tonnes"), as <Value> writes it (format.ts, measureStyle).
  const amount = numberFormatter(spec.number, { sentence: true });
  // A measure written as a percentage changes by points: "up 5 percentage points", not "up 20%".
  const percentScale = formatSpecifier(spec.number.specifier).type === '%';
  const grain = spec.grain ?? 'day';
  const long = utcFormat(LONG_DATES[grain]);
  const label = (value: AxisValue): string => {
    if (value instanceof Date) return long(value);
    if (typeof value === 'number') return `${spec.x.label} ${numberFormatter({ specifier: ',~f', unit: '' })(value)}`;
    return value;
  };
  const y = (row: Row) => row[spec.y.name] as number;
  const about = (...rows: Row[]) => (rows.some(style.isDerived) ? 'about ' : '');
  const span = (from: AxisValue, to: AxisValue): string => {
    if (compareCells(from, to) === 0) return label(from);
    if (from instanceof Date && to instanceof Date && grain !== 'day' && sameYear(from, to))
      return grain === 'year' ? label(from) : `${MONTH(from)} to ${label(to)}`;
    return `${label(from)} to ${label(to)}`;
  };
  const change = (from: Row, to: Row, absolute: boolean): string => {
    const delta = y(to) - y(from);
    if (delta === 0) return 'unchanged';
    const direction = delta > 0 ? 'up' : 'down';
    const size = percentScale
      ? `${numberFormatter({ specifier: spec.number.specifier, unit: '' })(Math.abs(delta)).replace(/%$/, '')} percentage points`
      : amount(Math.abs(delta));
    const relative = percentScale || y(from) <= 0 ? null : percentChange(delta / y(from));
    if (relative === '0%' && !absolute) return 'little changed';
    if (!relative) return `${direction} ${about(from, to)}${size}`;
    return absolute ? `${direction} ${about(from, to)}${size} (${relative})` : `${direction} ${relative}`;
  };
  const rowList = (rows: readonly Row[]): string => {
    const xs = rows.map((row) => row[spec.x.name] as AxisValue);
    if (!spec.series && grain === 'month' && xs.every((x) => x instanceof Date && sameYear(x, xs[0] as Date))) {
      return `${joinList(
        xs
          .slice(0, -1)
          .map((x) => MONTH(x as Date))
          .concat(label(xs.at(-1) as Date)),
      )}`;
    }
    return joinList(
      rows.map((row) => `${spec.series ? `${row[spec.series.name]} ` : ''}${label(row[spec.x.name] as AxisValue)}`),
    );
  };
  const at = (row: Row): string => {
    const x = row[spec.x.name] as AxisValue;
    if (x instanceof Date) return `${grain === 'day' ? 'on' : 'in'} ${label(x)}`;
    return typeof x === 'number' ? `at ${label(x)}` : label(x);
  };
  return {
    x: (row) => row[spec.x.name] as AxisValue,
    y,
    value: (row) => `${about(row)}${amount(y(row))}`,
    at,
    label,
    span,
    change,
    rowList,
    isDerived: style.isDerived,
    amount,
  };
}

/** "Line chart: Monthly exports, tonnes, March to July 2025, by destination." */
function introduction(spec: ChartSpec, say: Phrasing): string {
  const parts = [`${kindName(spec)}: ${spec.subtitle.replace(/[.\s]+$/, '')}`];
  const xs = spec.rows.map((row) => row[spec.x.name]).filter((v) => v !== null && v !== undefined) as AxisValue[];
  if (xs.length > 0 && spec.x.type !== 'string') {
    const sorted = [...xs].sort(compareCells);
    parts.push(say.span(sorted[0] as AxisValue, sorted.at(-1) as AxisValue));
  }
  // "by destination", unless the subtitle says so already.
  const by = spec.series && `by ${lowerInitial(spec.series.label)}`;
  if (by && !spec.subtitle.toLowerCase().includes(by.toLowerCase())) parts.push(by);
  return `${parts.join(', ')}.`;
}

/** "Destination" → "destination"; "US state" stays as it is. */
function lowerInitial(label: string): string {
  return /^\p{Lu}\p{Ll}/u.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label;
}

function kindName(spec: ChartSpec): string {
  if (spec.plot) return 'Chart';
  if (spec.kind === 'bar') {
    const base = spec.horizontal ? 'horizontal bar chart' : 'bar chart';
    return capitalise(spec.series ? `${spec.stack ? 'stacked' : 'grouped'} ${base}` : base);
  }
  if (spec.kind === 'area') return spec.stack && spec.series ? 'Stacked area chart' : 'Area chart';
  return spec.kind === 'line' ? 'Line chart' : 'Dot chart';
}

/**
 * One series over time, start to end by way of its extremes, in date order:
 * "from about 5,383 t in March 2025, down to a low of 1,238 t in May 2025, then up to
 * 5,577 t in July 2025 (the highest); up 4% overall." Points that are both an end and an
 * extreme say so instead of being named twice.
 */
function journey(points: readonly Row[], say: Phrasing): string {
  const first = points[0] as Row;
  const last = points.at(-1) as Row;
  if (points.length === 1) return `${say.value(first)} ${say.at(first)}`;
  const values = points.map(say.y);
  const low = Math.min(...values);
  const high = Math.max(...values);
  if (low === high) return `unchanged at ${say.value(first)} from ${say.span(say.x(first), say.x(last))}`;
  const tag = (row: Row) => (say.y(row) === high ? ' (the highest)' : say.y(row) === low ? ' (the lowest)' : '');
  const ends = [say.y(first), say.y(last)];
  const interior = [
    ends.every((v) => v > low) ? { row: points[values.indexOf(low)] as Row, word: 'a low of' } : null,
    ends.every((v) => v < high) ? { row: points[values.indexOf(high)] as Row, word: 'a high of' } : null,
  ]
    .filter((turn) => turn !== null)
    .sort((a, b) => points.indexOf(a.row) - points.indexOf(b.row));
  let text = `from ${say.value(first)} ${say.at(first)}${tag(first)}`;
  let previous = first;
  for (const turn of interior) {
    text += `, ${direction(previous, turn.row, say)} to ${turn.word} ${say.value(turn.row)} ${say.at(turn.row)}`;
    previous = turn.row;
  }
  const arrive = `${say.value(last)} ${say.at(last)}${tag(last)}`;
  if (interior.length === 0) return `${text} to ${arrive}, ${say.change(first, last, false)}`;
  return `${text}, then ${direction(previous, last, say)} to ${arrive}; ${say.change(first, last, false)} overall`;
}

function direction(from: Row, to: Row, say: Phrasing): string {
  return say.y(to) > say.y(from) ? 'up' : 'down';
}

/** The largest change between neighbouring points, when there are more than two. */
function largestStep(points: readonly Row[], say: Phrasing): string | null {
  if (points.length < 3) return null;
  let best: [Row, Row] | null = null;
  let size = 0;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] as Row;
    const b = points[i] as Row;
    const delta = Math.abs(say.y(b) - say.y(a));
    if (delta > size) {
      size = delta;
      best = [a, b];
    }
  }
  if (!best) return null;
  const [a, b] = best;
  return `${say.change(a, b, true)} from ${say.span(say.x(a), say.x(b))}`;
}

/** Categories (x is text): the highest and the lowest, "Highest: Germany, 1,116 t; lowest: …". */
function categories(points: readonly Row[], say: Phrasing): string {
  const first = points[0] as Row;
  if (points.length === 1) return `${say.at(first)}, ${say.value(first)}.`;
  const ranked = [...points].sort((a, b) => say.y(b) - say.y(a));
  const top = ranked[0] as Row;
  const bottom = ranked.at(-1) as Row;
  if (say.y(top) === say.y(bottom)) return `all ${points.length} at ${say.value(top)}.`;
  return `${points.length} categories. Highest: ${say.at(top)}, ${say.value(top)}; lowest: ${say.at(bottom)}, ${say.value(bottom)}.`;
}

/** Which series leads at the latest date, when several end there: "In July 2025: Germany 1,116 t, United States 619 t." */
function lastStanding(ends: [string, Row][], say: Phrasing): string | null {
  if (ends.length < 2) return null;
  const latest = ends
    .map(([, row]) => say.x(row))
    .sort(compareCells)
    .at(-1) as AxisValue;
  const there = ends.filter(([, row]) => compareCells(say.x(row), latest) === 0);
  if (there.length < 2) return null;
  there.sort(([, a], [, b]) => say.y(b) - say.y(a));
  return `${capitalise(say.at(there[0]?.[1] as Row))}: ${there.map(([name, row]) => `${name} ${say.value(row)}`).join(', ')}.`;
}

/** What the annotations, reference lines and highlight mark. */
function markers(spec: ChartSpec, say: Phrasing): string[] {
  const sentences: string[] = [];
  const place = (marker: Marker): string =>
    marker.axis === 'y' && typeof marker.value === 'number'
      ? say.amount(marker.value)
      : marker.value instanceof Date
        ? utcFormat(marker.value.getUTCDate() === 1 ? LONG_DATES[spec.grain ?? 'day'] : LONG_DATES.day)(marker.value)
        : say.label(marker.value);
  const marked = spec.annotations.map((marker) => {
    const where = place(marker);
    const label = marker.label ? withoutDate(marker.label, marker.value) : '';
    return label ? `${where}, ${label}` : where;
  });
  if (marked.length > 0) sentences.push(`Marked: ${marked.join('; ')}.`);
  const rules = spec.rules.map((rule) => `${rule.label ? `${rule.label} at ` : ''}${place(rule)}`);
  if (rules.length > 0) sentences.push(`Reference line${rules.length > 1 ? 's' : ''}: ${joinList(rules)}.`);
  const highlight = spec.highlight;
  if (highlight) {
    const label = highlight.label ? `, ${highlight.label}` : '';
    sentences.push(`Highlighted: ${say.span(highlight.from, highlight.to)}${label}.`);
  }
  return sentences;
}

/**
 * An annotation's label without the date it repeats: "4 Apr: licences required" at 4 April
 * becomes "licences required", since the description gives the date in full before it.
 */
function withoutDate(label: string, value: AxisValue): string {
  if (!(value instanceof Date)) return label;
  const day = value.getUTCDate();
  const months = [utcFormat('%b')(value), utcFormat('%B')(value)].join('|');
  const prefix = new RegExp(
    `^(?:${day} (?:${months})\\.?|(?:${months})\\.? ${day})(?:,? ${value.getUTCFullYear()})?\\s*[:,–—-]\\s*`,
  );
  const rest = label.replace(prefix, '');
  return rest === '' ? label : rest;
}

function sameYear(a: Date, b: Date): boolean {
  return a.getUTCFullYear() === b.getUTCFullYear();
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

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
