import * as Plot from '@observablehq/plot';
import { utcFormat } from 'd3-time-format';
import type { Row } from '../data/schema.ts';
import { directLabelMarks, directLabels } from './direct-labels.ts';
import { numberFormatter } from './format.ts';
import type { Layout } from './layout.ts';
import { dataMarks, rowStyle } from './marks.ts';
import { type RuleLabelPlace, ruleLabelPlace } from './rule-labels.ts';
import type { AxisValue, ChartSpec, Marker } from './spec.ts';
import { axisPosition, compareCells } from './values.ts';

/** Height of one legend row, in SVG pixels. */
export const LEGEND_ROW = 20;

/** Plot options for a spec at one layout, plus what the renderer must add around them. */
export interface BuiltPlot {
  options: Plot.PlotOptions;
  /** Legend entries drawn by the renderer in the top margin (empty: no legend). */
  legend: { label: string; colour: string; opacity: number }[];
  /** Vertical space reserved for the legend, in SVG pixels. */
  legendHeight: number;
}

/** Translates a complete ChartSpec into Plot options for one layout. */
export function plotOptions(spec: ChartSpec, layout: Layout): BuiltPlot {
  const style = rowStyle(spec, { hoverTitles: layout.hoverTitles });
  const labels = directLabels(spec, layout, Math.round(spec.height * layout.heightScale) - 40);
  const legend = legendEntries(spec, !labels);
  const legendHeight = legendRows(legend, layout) * LEGEND_ROW;
  const hasTopNotes =
    [...spec.annotations, ...spec.rules].some((m) => m.axis === 'x' && m.label) || spec.highlight?.label;
  const valueFormat = numberFormatter(spec.number, { unit: false });
  const valueMax = maxStackedValue(spec);
  const valueChars = Math.max(valueFormat(valueMax).length, valueFormat(0).length);
  const bandX = spec.kind === 'bar';
  const xValues = uniqueValues(spec.rows.map((row) => row[spec.x.name] ?? null));
  const plotWidth = layout.width - 60;
  const categoryFormat = bandTickFormat(spec, xValues, layout, spec.horizontal ? Number.POSITIVE_INFINITY : plotWidth);

  const valueAxis = {
    grid: true,
    nice: true,
    zero: spec.kind === 'bar' || spec.kind === 'area',
    label: null,
    ticks: layout.ticks,
    tickFormat: valueFormat,
    tickSize: 0,
  };
  const options: Plot.PlotOptions = {
    width: layout.width,
    height: Math.round(spec.height * layout.heightScale) + legendHeight + (hasTopNotes ? 30 : 8),
    marginTop: legendHeight + (hasTopNotes ? 40 : 12),
    marginRight: labels?.marginRight ?? 16,
    marginBottom: spec.x.type === 'date' && spec.grain !== 'year' ? 40 : 30,
    marginLeft: Math.round(valueChars * layout.charWidth + 14),
    style: { fontSize: `${layout.fontSize}px` },
    marks: [],
  };

  if (spec.horizontal) {
    const longest = Math.max(...xValues.map((v) => categoryFormat(v).length));
    options.marginLeft = Math.min(Math.round(longest * layout.charWidth + 14), Math.round(layout.width * 0.4));
    options.height = Math.max(
      options.height as number,
      xValues.length * (spec.series && !spec.stack ? spec.seriesNames.length * 14 : 26) + 60 + legendHeight,
    );
    options.x = valueAxis;
    const categoryAxis = { domain: xValues, tickFormat: categoryFormat, label: null, padding: 0.2 };
    if (spec.series && !spec.stack) {
      options.fy = categoryAxis;
      options.y = { axis: null, domain: spec.seriesNames };
    } else options.y = categoryAxis;
  } else if (bandX) {
    options.y = valueAxis;
    const categoryAxis = { domain: xValues, tickFormat: categoryFormat, label: null, padding: 0.2, tickSize: 0 };
    if (spec.series && !spec.stack) {
      options.fx = { ...categoryAxis, axis: 'bottom' as const, padding: 0.15 };
      options.x = { axis: null, domain: spec.seriesNames, padding: 0.05 };
    } else options.x = categoryAxis;
  } else {
    options.y = valueAxis;
    const few = xValues.length <= layout.ticks * 1.5;
    options.x = {
      type: spec.x.type === 'date' ? 'utc' : 'linear',
      label: spec.kind === 'dot' && spec.x.type === 'number' ? spec.xLabel : null,
      ...(few ? { ticks: xValues, tickFormat: categoryFormat } : { ticks: layout.ticks }),
      ...(spec.x.type === 'number' ? { nice: true } : {}),
      inset: 10,
    };
  }

  const marks: Plot.Markish[] = [];
  marks.push(...highlightMarks(spec, bandX));
  marks.push(...dataMarks(spec, style));
  const margins = {
    left: options.marginLeft as number,
    right: options.marginRight as number,
    frameHeight: (options.height as number) - (options.marginTop as number) - (options.marginBottom as number),
  };
  marks.push(...markerMarks(spec, layout, bandX, xValues, style.xLabel, margins));
  if (labels) marks.push(...directLabelMarks(spec, labels));
  options.marks = marks;
  return { options, legend, legendHeight };
}

/** Series swatches (unless lines are labelled directly) and the derived-values key. */
function legendEntries(spec: ChartSpec, withSeries: boolean): BuiltPlot['legend'] {
  const entries: BuiltPlot['legend'] =
    withSeries && spec.seriesNames.length > 1
      ? spec.seriesNames.map((name) => ({ label: name, colour: spec.colours[name] as string, opacity: 1 }))
      : [];
  const derived = spec.derived;
  if (derived && spec.rows.some((row) => row[derived.column] === derived.value)) {
    const colour = spec.colours[spec.seriesNames[0] as string] as string;
    if (entries.length === 0 && withSeries) entries.push({ label: 'Stated', colour, opacity: 1 });
    entries.push({ label: 'Lighter: derived', colour, opacity: 0.4 });
  }
  return entries;
}

/** Number of legend rows, wrapping entries at the layout width. */
export function legendRows(legend: BuiltPlot['legend'], layout: Layout): number {
  if (legend.length === 0) return 0;
  let rows = 1;
  let used = 0;
  for (const entry of legend) {
    const width = legendEntryWidth(entry.label, layout);
    if (used > 0 && used + width > layout.width - 8) {
      rows++;
      used = 0;
    }
    used += width;
  }
  return rows;
}

/** Width of one legend entry: swatch, gap, text, spacing. */
export function legendEntryWidth(label: string, layout: Layout): number {
  return 14 + 6 + label.length * layout.charWidth + 16;
}

function maxStackedValue(spec: ChartSpec): number {
  const values = spec.rows.map((row) => row[spec.y.name]).filter((v): v is number => typeof v === 'number');
  if (!spec.stack)
    return Math.max(0, ...values, ...spec.rules.filter((r) => r.axis === 'y').map((r) => r.value as number));
  const sums = new Map<string, number>();
  for (const row of spec.rows) {
    const key = String(row[spec.x.name] instanceof Date ? (row[spec.x.name] as Date).getTime() : row[spec.x.name]);
    const v = row[spec.y.name];
    if (typeof v === 'number' && v > 0) sums.set(key, (sums.get(key) ?? 0) + v);
  }
  return Math.max(0, ...sums.values());
}

function uniqueValues(values: readonly (AxisValue | null)[]): AxisValue[] {
  const seen: AxisValue[] = [];
  for (const value of values) if (value !== null && !seen.some((s) => compareCells(s, value) === 0)) seen.push(value);
  return seen;
}

/**
 * Labels for band (category) ticks: months as "Mar", with the year under the first month
 * and every January; labels thinned to every k-th when they would collide.
 */
function bandTickFormat(
  spec: ChartSpec,
  values: readonly AxisValue[],
  layout: Layout,
  width: number,
): (value: AxisValue) => string {
  const label = (value: AxisValue, index: number): string => {
    if (!(value instanceof Date))
      return typeof value === 'number' ? numberFormatter({ specifier: ',~f', unit: '' })(value) : value;
    if (spec.grain === 'year') return utcFormat('%Y')(value);
    const previous = values[index - 1];
    const newYear = !(previous instanceof Date) || previous.getUTCFullYear() !== value.getUTCFullYear();
    const head = spec.grain === 'day' ? utcFormat('%-d %b')(value) : utcFormat('%b')(value);
    return newYear ? `${head}\n${value.getUTCFullYear()}` : head;
  };
  const labels = values.map(label);
  const widest =
    Math.max(1, ...labels.map((text) => Math.max(...text.split('\n').map((line) => line.length)))) * layout.charWidth +
    8;
  const step = Math.max(1, Math.ceil((values.length * widest) / width));
  return (value: AxisValue) => {
    const index = values.findIndex((v) => compareCells(v, value) === 0);
    if (index < 0) return '';
    return index % step === 0 ? (labels[index] as string) : '';
  };
}

/** The bar (band) that contains a date at the chart's grain, e.g. 2025-04-04 → the April bar. */
function bandFor(value: AxisValue, spec: ChartSpec, values: readonly AxisValue[]): AxisValue | undefined {
  if (!(value instanceof Date)) return values.find((v) => compareCells(v, value) === 0);
  const start = floorToGrain(value, spec.grain ?? 'day');
  return values.find((v) => v instanceof Date && floorToGrain(v, spec.grain ?? 'day') === start);
}

function highlightMarks(spec: ChartSpec, bandX: boolean): Plot.Markish[] {
  const highlight = spec.highlight;
  if (!highlight || bandX) return [];
  const same = compareCells(highlight.from, highlight.to) === 0;
  if (same) return [Plot.ruleX([highlight.from], { stroke: 'currentColor', strokeOpacity: 0.25, strokeWidth: 8 })];
  return [Plot.rectX([highlight], { x1: 'from', x2: 'to', fill: 'currentColor', fillOpacity: 0.08 })];
}

const NOTE_STYLE = { stroke: 'currentColor', strokeOpacity: 0.7, strokeDasharray: '4,3' } as const;

function markerMarks(
  spec: ChartSpec,
  layout: Layout,
  bandX: boolean,
  values: readonly AxisValue[],
  xLabel: (v: AxisValue) => string,
  margins: { left: number; right: number; frameHeight: number },
): Plot.Markish[] {
  const marks: Plot.Markish[] = [];
  const lineWidth = layout.name === 'narrow' ? 14 : 24;
  const frameWidth = layout.width - margins.left - margins.right;
  const notes: Marker[] = [...spec.rules, ...spec.annotations];
  if (spec.highlight?.label) notes.push({ axis: 'x', value: spec.highlight.from, label: spec.highlight.label });
  const horizontalValueAxis = spec.horizontal;
  for (const note of notes) {
    if (note.axis === 'y') {
      const level = note.value as number;
      if (horizontalValueAxis) {
        marks.push(Plot.ruleX([level], NOTE_STYLE));
        if (note.label)
          marks.push(
            Plot.text([note.label], {
              x: level,
              frameAnchor: 'top',
              dy: -8,
              lineAnchor: 'bottom',
              textAnchor: 'start',
              dx: 4,
              lineWidth,
              text: (d) => d,
            }),
          );
      } else {
        marks.push(Plot.ruleY([level], NOTE_STYLE));
        if (note.label) {
          // Lines and points can run through the label's spot; bars keep it above the line.
          const box = {
            width: (Math.min(note.label.length, lineWidth * 1.8) * layout.charWidth + 8) / frameWidth,
            height: (layout.fontSize + 6) / margins.frameHeight,
          };
          const place: RuleLabelPlace = bandX ? { end: 'right', above: true } : ruleLabelPlace(spec, level, box);
          marks.push(
            Plot.text([note.label], {
              y: level,
              frameAnchor: place.end,
              textAnchor: place.end === 'right' ? 'end' : place.end === 'left' ? 'start' : 'middle',
              lineAnchor: place.above ? 'bottom' : 'top',
              dy: place.above ? -4 : 4,
              lineWidth,
              text: (d) => d,
              stroke: 'var(--chart-bg, white)',
              strokeWidth: 3,
              paintOrder: 'stroke',
              fill: 'currentColor',
            }),
          );
        }
      }
      continue;
    }
    const at = bandX ? bandFor(note.value, spec, values) : note.value;
    if (at === undefined) continue;
    const label = note.label;
    // Grouped bars put each category in a facet of its own (fx, or fy when horizontal):
    // a mark placed on x or y at the category would fall outside the series scale and vanish.
    const grouped = bandX && spec.series !== null && !spec.stack;
    if (spec.horizontal) {
      if (label)
        marks.push(
          Plot.text([label], {
            ...(grouped ? { fy: () => at } : { y: at as never }),
            frameAnchor: 'right',
            textAnchor: 'end',
            text: (d) => d,
            dy: -10,
          }),
        );
      continue;
    }
    if (bandX) {
      const top = barTop(spec, at);
      const span = { y1: top, y2: maxStackedValue(spec) * 1.02 };
      // In a facet, x: null puts the rule at the facet's middle.
      marks.push(
        Plot.ruleX([at], grouped ? { ...NOTE_STYLE, ...span, fx: (d) => d, x: null } : { ...NOTE_STYLE, ...span }),
      );
    } else {
      marks.push(Plot.ruleX([at], NOTE_STYLE));
    }
    if (label) {
      // The label runs right from its line when it fits (or has more room there), else left;
      // it sits above the frame, so it may use the margins but never the SVG's edges.
      const x = xFraction(at, values, bandX) * frameWidth;
      const width = Math.min(label.length * layout.charWidth, lineWidth * layout.fontSize);
      const roomRight = frameWidth - x + margins.right;
      const roomLeft = x + margins.left;
      const rightwards = roomRight >= width || roomRight >= roomLeft;
      marks.push(
        Plot.text([label], {
          ...(grouped ? { fx: () => at } : { x: at as never }),
          frameAnchor: 'top',
          lineAnchor: 'bottom',
          // Clear of the top value-axis label, which straddles the frame's top edge.
          dy: -10,
          textAnchor: rightwards ? 'start' : 'end',
          dx: bandX ? 0 : rightwards ? 3 : -3,
          lineWidth,
          text: (d) => d,
          title: layout.hoverTitles ? () => `${xLabel(note.value)}: ${label}` : undefined,
        }),
      );
    }
  }
  return marks;
}

/** Where `at` falls across the x axis, from 0 (left edge of the frame) to 1 (right edge). */
function xFraction(at: AxisValue, values: readonly AxisValue[], bandX: boolean): number {
  if (bandX) {
    const index = values.findIndex((v) => compareCells(v, at) === 0);
    return (Math.max(0, index) + 0.5) / Math.max(1, values.length);
  }
  const first = axisPosition(values[0]);
  const last = axisPosition(values[values.length - 1]);
  const fraction = (axisPosition(at) - first) / (last - first);
  return Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : 0.5;
}

function barTop(spec: ChartSpec, at: AxisValue): number {
  let total = 0;
  let max = 0;
  for (const row of spec.rows as Row[]) {
    if (compareCells(row[spec.x.name] ?? null, at) !== 0) continue;
    const v = row[spec.y.name];
    if (typeof v === 'number') {
      total += v;
      max = Math.max(max, v);
    }
  }
  return spec.stack || !spec.series ? total : max;
}

/** Start of the UTC year, month or day containing a date, as a timestamp. */
function floorToGrain(date: Date, grain: 'day' | 'month' | 'year'): number {
  return Date.UTC(
    date.getUTCFullYear(),
    grain === 'year' ? 0 : date.getUTCMonth(),
    grain === 'day' ? date.getUTCDate() : 1,
  );
}
