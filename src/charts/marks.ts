import * as Plot from '@observablehq/plot';
import type { Row } from '../data/schema.ts';
import { dateFormatter, numberFormatter } from './format.ts';
import { MUTED } from './palette.ts';
import type { AxisValue, ChartSpec } from './spec.ts';
import { compareCells } from './values.ts';

/** Opacity of derived (estimated) values: visibly lighter than stated ones in both colour schemes. */
export const DERIVED_OPACITY = 0.4;

/** Helpers every mark builder shares: colours, derived flags and hover titles for rows. */
export interface RowStyle {
  colour(row: Row): string;
  isDerived(row: Row): boolean;
  opacity(row: Row): number;
  /** The hover title of a row's mark; undefined where the drawing has none (phones). */
  title: ((row: Row) => string) | undefined;
  xLabel(value: AxisValue): string;
  inHighlight(row: Row): boolean;
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
    opacity: (row) => (isDerived(row) ? DERIVED_OPACITY : 1),
    inHighlight,
    xLabel,
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

/** The data marks of a chart kind: bars, lines with points, areas or dots. */
export function dataMarks(spec: ChartSpec, style: RowStyle): Plot.Markish[] {
  const { x, y, series, rows } = spec;
  const z = series ? series.name : undefined;
  const common = { fill: style.colour, fillOpacity: style.opacity, title: style.title };
  switch (spec.kind) {
    case 'bar': {
      const outline = { stroke: style.colour, strokeWidth: 1 };
      if (spec.horizontal) {
        if (series && !spec.stack)
          return [Plot.barX(rows, { x: y.name, y: z, fy: x.name, ...common, ...outline }), Plot.ruleX([0])];
        return [
          Plot.barX(rows, Plot.stackX({ x: y.name, y: x.name, z, order: spec.seriesNames, ...common, ...outline })),
          Plot.ruleX([0]),
        ];
      }
      if (series && !spec.stack)
        return [Plot.barY(rows, { y: y.name, x: z, fx: x.name, ...common, ...outline }), Plot.ruleY([0])];
      return [
        Plot.barY(rows, Plot.stackY({ x: x.name, y: y.name, z, order: spec.seriesNames, ...common, ...outline })),
        Plot.ruleY([0]),
      ];
    }
    case 'line':
      return [
        Plot.lineY(rows, { x: x.name, y: y.name, z, stroke: style.colour, strokeWidth: 2.5, curve: 'linear' }),
        ...seriesDots(spec, {
          x: x.name,
          y: y.name,
          r: 3.5,
          fill: style.colour,
          fillOpacity: style.opacity,
          stroke: style.colour,
          strokeWidth: 1.5,
          title: style.title,
        }),
      ];
    case 'area': {
      if (spec.stack) {
        const stack = { x: x.name, y: y.name, z, order: spec.seriesNames };
        return [
          Plot.areaY(rows, Plot.stackY({ ...stack, fill: style.colour, fillOpacity: 0.85 })),
          Plot.dot(
            rows,
            Plot.stackY({
              ...stack,
              y: y.name,
              r: 2.5,
              fill: style.colour,
              stroke: 'currentColor',
              strokeOpacity: 0.4,
              fillOpacity: style.opacity,
              title: style.title,
            }),
          ),
          Plot.ruleY([0]),
        ];
      }
      return [
        Plot.areaY(rows, { x: x.name, y1: 0, y2: y.name, z, fill: style.colour, fillOpacity: series ? 0.25 : 0.35 }),
        Plot.lineY(rows, { x: x.name, y: y.name, z, stroke: style.colour, strokeWidth: 2 }),
        ...seriesDots(spec, {
          x: x.name,
          y: y.name,
          r: 3,
          fill: style.colour,
          fillOpacity: style.opacity,
          stroke: style.colour,
          title: style.title,
        }),
        Plot.ruleY([0]),
      ];
    }
    case 'dot':
      return [Plot.dot(rows, { x: x.name, y: y.name, r: 4.5, ...common, stroke: style.colour, strokeWidth: 1.5 })];
  }
}

/**
 * The points on a line or area: one dot mark per series, in legend order, so each group's
 * dots share one colour, which the SVG clean-up moves onto the group instead of repeating it
 * on every point (the points were two fifths of a note page's bytes).
 */
function seriesDots(spec: ChartSpec, options: Plot.DotOptions): Plot.Markish[] {
  const { series } = spec;
  if (!series) return [Plot.dot(spec.rows, options)];
  const groups = new Map<string, Row[]>(spec.seriesNames.map((name) => [name, []]));
  for (const row of spec.rows) {
    const name = String(row[series.name] ?? '');
    let group = groups.get(name);
    // Every row is drawn, even one whose series the legend does not name.
    if (!group) {
      group = [];
      groups.set(name, group);
    }
    group.push(row);
  }
  return [...groups.values()].filter((rows) => rows.length > 0).map((rows) => Plot.dot(rows, options));
}
