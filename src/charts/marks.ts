import * as Plot from '@observablehq/plot';
import type { Row } from '../data/schema.ts';
import { dateFormatter, numberFormatter } from './format.ts';
import type { Layout } from './layout.ts';
import { MUTED } from './palette.ts';
import type { AxisValue, ChartSpec } from './spec.ts';
import { compareCells } from './values.ts';

/**
 * How derived (estimated) values are drawn, one way in every chart kind and colour scheme:
 * bars and areas hatched (stripes of the series colour on a faint tint, bars outlined), line
 * segments that reach a derived point dashed, points and dots hollow. None of it depends on
 * the background, so "derived" reads the same in light and dark mode and in the PNG.
 */
export const DERIVED_DASH = '5,4';
/** The words of the legend's derived key, true to what each kind draws. */
export const DERIVED_KEY = {
  bar: 'Derived (hatched)',
  area: 'Derived (hatched)',
  line: 'Derived (dashed)',
  dot: 'Derived (hollow)',
} as const;

/** Helpers every mark builder shares: colours, derived flags and hover titles for rows. */
export interface RowStyle {
  colour(row: Row): string;
  isDerived(row: Row): boolean;
  /** The hover title of a row's mark; undefined where the drawing has none (phones). */
  title: ((row: Row) => string) | undefined;
  xLabel(value: AxisValue): string;
  inHighlight(row: Row): boolean;
  /** The series a row belongs to (the one series' name without a series column). */
  seriesOf(row: Row): string;
}

/**
 * Builds the per-row styling of a spec. Without `hoverTitles` marks get no title channel:
 * the phone drawing would only drop the titles again, after formatting every one of them.
 */
export function rowStyle(spec: ChartSpec, { hoverTitles = true }: { hoverTitles?: boolean } = {}): RowStyle {
  const value = numberFormatter(spec.number);
  const xLabel = (at: AxisValue): string =>
    at instanceof Date
      ? dateFormatter(spec.grain ?? 'day')(at)
      : typeof at === 'number'
        ? numberFormatter({ specifier: ',~f', unit: '' })(at)
        : at;
  const seriesOf = (row: Row) => (spec.series ? String(row[spec.series.name] ?? '') : (spec.seriesNames[0] as string));
  const isDerived = (row: Row) => spec.derived !== null && row[spec.derived.column] === spec.derived.value;
  const highlight = spec.highlight;
  const inHighlight = (row: Row) => {
    if (!highlight) return true;
    const at = row[spec.x.name] ?? null;
    return at !== null && compareCells(at, highlight.from) >= 0 && compareCells(at, highlight.to) <= 0;
  };
  return {
    colour: (row) => (spec.kind === 'bar' && !inHighlight(row) ? MUTED : (spec.colours[seriesOf(row)] as string)),
    isDerived,
    inHighlight,
    xLabel,
    seriesOf,
    title: !hoverTitles
      ? undefined
      : (row) => {
          const y = row[spec.y.name];
          const parts = [
            spec.series ? `${seriesOf(row)}, ` : '',
            xLabel(row[spec.x.name] as AxisValue),
            ': ',
            typeof y === 'number' ? value(y) : 'no value',
          ];
          if (isDerived(row)) parts.push(' (derived)');
          return parts.join('');
        },
  };
}

/** Hatch patterns of one drawing: a fill per colour, and the `<defs>` that define them. */
export interface Hatches {
  /** `url(#…)` of the hatch in a colour (a hex colour or currentColor). */
  fill(colour: string): string;
  /** The mark that writes the patterns used so far (drawn first; Plot computes every channel before drawing). */
  mark: Plot.RenderFunction;
}

/**
 * Pattern ids carry the layout and a hash of what the chart draws, so the wide and the narrow
 * drawing of a chart (one of them hidden: a pattern in a hidden SVG paints nothing) and the
 * other charts of a page never point at each other's patterns. Not the chart's id: the
 * drawing is shared by charts with other ids, and its bytes must not depend on which.
 */
export function hatches(layout: Layout, spec: ChartSpec): Hatches {
  const xs = spec.rows.map((row) => row[spec.x.name] ?? null);
  const key = [spec.source.dataset, spec.kind, spec.y.name, spec.rows.length, xs[0], xs[xs.length - 1]]
    .concat(Object.values(spec.colours))
    .map((part) => (part instanceof Date ? part.toISOString() : String(part)))
    .join('\0');
  const prefix = `assay-${fnv1a(key).toString(36)}-${layout.name}-hatch`;
  const ids = new Map<string, string>();
  const fill = (colour: string) => {
    let id = ids.get(colour);
    if (!id) {
      id = `${prefix}${ids.size}`;
      ids.set(colour, id);
    }
    return `url(#${id})`;
  };
  const mark: Plot.RenderFunction = (_index, _scales, _values, _dimensions, context) => {
    const doc = context.document;
    const svg = (name: string, attributes: Record<string, string>) => {
      const element = doc.createElementNS('http://www.w3.org/2000/svg', name);
      for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value);
      return element;
    };
    const defs = svg('defs', {});
    for (const [colour, id] of ids) {
      const pattern = svg('pattern', {
        id,
        width: '6',
        height: '6',
        patternUnits: 'userSpaceOnUse',
        patternTransform: 'rotate(45)',
      });
      pattern.append(
        svg('rect', { width: '6', height: '6', fill: colour, 'fill-opacity': '0.15' }),
        svg('rect', { width: '2.5', height: '6', fill: colour }),
      );
      defs.append(pattern);
    }
    return defs as SVGElement;
  };
  return { fill, mark };
}

/** FNV-1a: a tiny stable hash, for ids (not security). */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** A point of a line or area as drawn: its series, x, the band it spans (y1 to y2) and its row. */
interface Point {
  series: string;
  x: AxisValue;
  y1: number;
  y2: number;
  row: Row;
  /** The run (stretch of line or area) it belongs to. */
  run: number;
}

/**
 * Lines and areas as runs: stretches of consecutive points whose segments are all stated or
 * all derived. A segment is derived when either end is (the line between a stated and an
 * estimated month is itself an estimate). Neighbouring runs share their end point, so the
 * drawing has no gaps; a missing value ends a run, as it breaks the line. Stacked areas are
 * stacked here (each layer on the ones before it, in legend order), since a run is drawn
 * as a mark of its own and Plot's stack would stack each run alone.
 */
export function runs(spec: ChartSpec, style: RowStyle): { stated: Point[]; derived: Point[] } {
  const stated: Point[] = [];
  const derived: Point[] = [];
  const stacked = spec.stack && spec.kind === 'area';
  const base = new Map<string, number>();
  let run = 0;
  for (const name of seriesOrder(spec, style)) {
    let previous: Point | undefined;
    let current: { derived: boolean; run: number } | undefined;
    for (const row of spec.rows) {
      if (style.seriesOf(row) !== name) continue;
      const value = row[spec.y.name];
      const x = row[spec.x.name] ?? null;
      if (typeof value !== 'number' || x === null) {
        previous = current = undefined;
        continue;
      }
      const key = x instanceof Date ? String(x.getTime()) : String(x);
      const y1 = stacked ? (base.get(key) ?? 0) : 0;
      if (stacked) base.set(key, y1 + value);
      const point: Point = { series: name, x, y1, y2: y1 + value, row, run: 0 };
      if (previous) {
        const isDerived = style.isDerived(previous.row) || style.isDerived(row);
        const into = isDerived ? derived : stated;
        if (!current || current.derived !== isDerived) {
          current = { derived: isDerived, run: ++run };
          into.push({ ...previous, run });
        }
        into.push({ ...point, run });
      }
      previous = point;
    }
  }
  return { stated, derived };
}

/** Series in legend order, then any the legend does not name. */
function seriesOrder(spec: ChartSpec, style: RowStyle): string[] {
  const names = [...spec.seriesNames];
  for (const row of spec.rows) {
    const name = style.seriesOf(row);
    if (!names.includes(name)) names.push(name);
  }
  return names;
}

/** The data marks of a chart kind: bars, lines with points, areas or dots. */
export function dataMarks(spec: ChartSpec, style: RowStyle, hatch: Hatches): Plot.Markish[] {
  const { x, y, series, rows } = spec;
  const z = series ? series.name : undefined;
  switch (spec.kind) {
    case 'bar': {
      const bars = {
        fill: (row: Row) => (style.isDerived(row) ? hatch.fill(style.colour(row)) : style.colour(row)),
        stroke: style.colour,
        strokeWidth: 1.5,
        title: style.title,
      };
      // Register every hatch before Plot draws (fills are evaluated as channels, defs drawn first).
      for (const row of rows) if (style.isDerived(row)) hatch.fill(style.colour(row));
      if (spec.horizontal) {
        if (series && !spec.stack) return [Plot.barX(rows, { x: y.name, y: z, fy: x.name, ...bars }), Plot.ruleX([0])];
        return [
          Plot.barX(rows, Plot.stackX({ x: y.name, y: x.name, z, order: spec.seriesNames, ...bars })),
          Plot.ruleX([0]),
        ];
      }
      if (series && !spec.stack) return [Plot.barY(rows, { y: y.name, x: z, fx: x.name, ...bars }), Plot.ruleY([0])];
      return [
        Plot.barY(rows, Plot.stackY({ x: x.name, y: y.name, z, order: spec.seriesNames, ...bars })),
        Plot.ruleY([0]),
      ];
    }
    case 'line':
    case 'area': {
      const area = spec.kind === 'area';
      const { stated, derived } = runs(spec, style);
      const colour = (point: Point) =>
        spec.colours[point.series] ?? (spec.colours[spec.seriesNames[0] as string] as string);
      for (const point of derived) hatch.fill(colour(point));
      const marks: Plot.Markish[] = [];
      if (area) {
        const opacity = spec.stack ? 0.75 : series ? 0.25 : 0.3;
        marks.push(
          Plot.areaY(stated, { x: 'x', y1: 'y1', y2: 'y2', z: 'run', fill: colour, fillOpacity: opacity }),
          Plot.areaY(derived, { x: 'x', y1: 'y1', y2: 'y2', z: 'run', fill: (p: Point) => hatch.fill(colour(p)) }),
        );
      }
      const line = { x: 'x', y: 'y2', z: 'run', stroke: colour, strokeWidth: area ? 2 : 2.5, curve: 'linear' } as const;
      marks.push(Plot.lineY(stated, line), Plot.lineY(derived, { ...line, strokeDasharray: DERIVED_DASH }));
      marks.push(...pointMarks(spec, style, area ? 3 : 3.5));
      if (area || spec.zero) marks.push(Plot.ruleY([0]));
      return marks;
    }
    case 'dot':
      return pointMarks(spec, style, 4.5);
  }
}

/**
 * Points on lines and areas, and the dots of a dot chart: stated ones filled, derived ones
 * hollow (the page's background inside a ring of the series colour). One mark per series and
 * kind, so each group's points share one colour, which the SVG clean-up moves onto the group
 * instead of repeating it on every point (the points were two fifths of a note page's bytes).
 */
function pointMarks(spec: ChartSpec, style: RowStyle, r: number): Plot.Markish[] {
  const stacked = spec.stack && spec.kind === 'area';
  const tops = new Map<Row, number>();
  if (stacked) {
    const base = new Map<string, number>();
    for (const name of seriesOrder(spec, style))
      for (const row of spec.rows) {
        const value = row[spec.y.name];
        const x = row[spec.x.name] ?? null;
        if (style.seriesOf(row) !== name || typeof value !== 'number' || x === null) continue;
        const key = x instanceof Date ? String(x.getTime()) : String(x);
        const top = (base.get(key) ?? 0) + value;
        base.set(key, top);
        tops.set(row, top);
      }
  }
  const y = stacked ? (row: Row) => tops.get(row) ?? null : spec.y.name;
  const groups = new Map<string, { stated: Row[]; derived: Row[] }>();
  for (const name of seriesOrder(spec, style)) groups.set(name, { stated: [], derived: [] });
  for (const row of spec.rows) {
    const group = groups.get(style.seriesOf(row)) as { stated: Row[]; derived: Row[] };
    (style.isDerived(row) ? group.derived : group.stated).push(row);
  }
  const marks: Plot.Markish[] = [];
  for (const [name, group] of groups) {
    const colour = spec.colours[name] ?? (spec.colours[spec.seriesNames[0] as string] as string);
    const common = { x: spec.x.name, y, r, stroke: colour, strokeWidth: 1.5, title: style.title };
    if (group.stated.length > 0) marks.push(Plot.dot(group.stated, { ...common, fill: colour }));
    // White in the standalone drawing; charts.css paints it in the page's background.
    if (group.derived.length > 0)
      marks.push(Plot.dot(group.derived, { ...common, fill: 'white', render: markedDerived }));
  }
  return marks;
}

/** Names the group of derived points `derived-dot` (its data-mark once cleaned), for charts.css. */
const markedDerived: Plot.RenderFunction = (index, scales, values, dimensions, context, next) => {
  const g = next?.(index, scales, values, dimensions, context) ?? null;
  g?.setAttribute('aria-label', 'derived-dot');
  return g;
};
