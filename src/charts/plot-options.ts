import * as Plot from '@observablehq/plot';
import { utcFormat } from 'd3-time-format';
import type { Row } from '../data/schema.ts';
import { directLabelMarks, directLabels } from './direct-labels.ts';
import { numberFormatter } from './format.ts';
import type { Layout } from './layout.ts';
import { DERIVED_KEY, dataMarks, type Hatches, hatches, rowStyle } from './marks.ts';
import { type RuleLabelPlace, ruleLabelPlace } from './rule-labels.ts';
import type { AxisValue, ChartSpec, Marker } from './spec.ts';
import { axisPosition, compareCells } from './values.ts';

/** Height of one legend row, in SVG pixels. */
export const LEGEND_ROW = 20;

/** A legend entry: its words and a swatch shaped like the marks it stands for. */
export interface LegendEntry {
  label: string;
  /** Outline (and line) colour: a series colour, or currentColor for the neutral derived key. */
  colour: string;
  /** Fill of a rect or dot swatch: the colour, a hatch (`url(#…)`), or none (hollow). */
  fill: string;
  shape: 'rect' | 'line' | 'dot';
  /** A line swatch drawn dashed (derived segments). */
  dashed: boolean;
}

/** Plot options for a spec at one layout, plus what the renderer must add around them. */
export interface BuiltPlot {
  options: Plot.PlotOptions;
  /** Legend entries drawn by the renderer in the top margin (empty: no legend). */
  legend: LegendEntry[];
  /** Vertical space reserved for the legend, in SVG pixels. */
  legendHeight: number;
}

/** Translates a complete ChartSpec into Plot options for one layout. */
export function plotOptions(spec: ChartSpec, layout: Layout): BuiltPlot {
  const style = rowStyle(spec, { hoverTitles: layout.hoverTitles });
  const hatch = hatches(layout, spec);
  const labels = directLabels(spec, layout, Math.round(spec.height * layout.heightScale) - 40);
  const legend = legendEntries(spec, !labels, hatch);
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
  const barValues = bandX ? barLabels(spec, layout, xValues, plotWidth, valueFormat) : null;

  // A value axis that does not start at zero gets a break between its labels and the plot.
  const broken = !spec.zero && spec.kind === 'line' && !spec.horizontal;
  const valueAxis = {
    grid: true,
    nice: true,
    zero: spec.zero,
    label: null,
    ticks: spec.horizontal ? horizontalTicks(valueChars, layout) : layout.ticks,
    tickFormat: valueFormat,
    tickSize: 0,
    ...(broken ? { tickPadding: 3 + AXIS_BREAK_WIDTH } : {}),
  };
  const options: Plot.PlotOptions = {
    width: layout.width,
    height: Math.round(spec.height * layout.heightScale) + legendHeight + (hasTopNotes ? 30 : 8),
    marginTop: legendHeight + (hasTopNotes ? 40 : 12) + (barValues && !spec.horizontal ? layout.fontSize : 0),
    marginRight: labels?.marginRight ?? (barValues && spec.horizontal ? barValues.marginRight : 16),
    marginBottom: spec.x.type === 'date' && spec.grain !== 'year' ? 40 : 30,
    marginLeft: Math.round(valueChars * layout.charWidth + 14 + (broken ? AXIS_BREAK_WIDTH : 0)),
    style: { fontSize: `${layout.fontSize}px` },
    marks: [],
  };

  if (spec.horizontal) {
    const longest = Math.max(...xValues.map((v) => categoryFormat(v).length));
    options.marginLeft = Math.min(Math.round(longest * layout.charWidth + 14), Math.round(layout.width * 0.4));
    options.height = Math.max(
      options.height as number,
      xValues.length * (spec.series && !spec.stack ? spec.seriesNames.length * 16 : 28) + 60 + legendHeight,
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

  // The patterns first: Plot works out every mark's channels (which name the hatches) before drawing any.
  const marks: Plot.Markish[] = [hatch.mark];
  marks.push(...highlightMarks(spec, bandX));
  marks.push(...dataMarks(spec, style, hatch));
  if (broken) marks.push(axisBreak);
  const margins = {
    left: options.marginLeft as number,
    right: options.marginRight as number,
    frameHeight: (options.height as number) - (options.marginTop as number) - (options.marginBottom as number),
  };
  marks.push(...markerMarks(spec, layout, bandX, xValues, style.xLabel, margins));
  if (barValues) marks.push(...barValues.marks);
  else if (spec.labels === 'values') marks.push(...pointValueMarks(spec, valueFormat));
  if (labels) marks.push(...directLabelMarks(labels, layout));
  options.marks = marks;
  return { options, legend, legendHeight };
}

/**
 * Series swatches (unless the ends of lines name them) and the derived-values key, each
 * swatch shaped like the marks: a bar or area's rect, a line's segment, a dot.
 */
function legendEntries(spec: ChartSpec, withSeries: boolean, hatch: Hatches): LegendEntry[] {
  const shape = spec.kind === 'line' ? 'line' : spec.kind === 'dot' ? 'dot' : 'rect';
  const entry = (label: string, colour: string, derived: boolean): LegendEntry => ({
    label,
    colour,
    fill: derived ? (shape === 'rect' ? hatch.fill(colour) : 'none') : colour,
    shape,
    dashed: derived && shape === 'line',
  });
  const several = withSeries && spec.seriesNames.length > 1;
  const entries = several ? spec.seriesNames.map((name) => entry(name, spec.colours[name] as string, false)) : [];
  const derived = spec.derived;
  if (derived && spec.rows.some((row) => row[derived.column] === derived.value)) {
    // With several series the key is neutral (ink), so it names no series' colour.
    const neutral = spec.seriesNames.length > 1 || (spec.kind === 'bar' && spec.highlight !== null);
    const colour = neutral ? 'currentColor' : (spec.colours[spec.seriesNames[0] as string] as string);
    if (!several) entries.push(entry('Stated', colour, false));
    entries.push(entry(DERIVED_KEY[spec.kind], colour, true));
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
  return LEGEND_SWATCH + 6 + label.length * layout.charWidth + 16;
}

/** Width of a legend swatch: long enough for a dashed line to read as dashed. */
export const LEGEND_SWATCH = 20;

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

/**
 * The plotted x value whose period contains a date at the chart's grain, e.g. 2025-04-04 →
 * the April bar or point; other values stand for themselves when plotted.
 */
export function periodFor(value: AxisValue, spec: ChartSpec, values: readonly AxisValue[]): AxisValue | undefined {
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
    // A date marks the period that contains it: the April bar or point for 4 April.
    const at = periodFor(note.value, spec, values) ?? (bandX ? undefined : note.value);
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
    // Drawn the same way on every kind: a dashed stem from the top of the period's bar or
    // point up to the label above the plot (the whole height where the period has no mark).
    const top = valueTop(spec, at);
    // It stops short of the point, or of the value written over the bar.
    const clear = bandX ? (spec.labels !== 'none' ? layout.fontSize + 8 : 0) : 6;
    const stem =
      top === null ? NOTE_STYLE : { ...NOTE_STYLE, y1: top, y2: top, insetBottom: clear, render: stemToFrameTop };
    // In a facet, x: null puts the rule at the facet's middle.
    marks.push(Plot.ruleX([at], grouped ? { ...stem, fx: (d: AxisValue) => d, x: null } : stem));
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

/**
 * The top of what is drawn at an x value: a stack's total, else the highest value there;
 * null where nothing is.
 */
function valueTop(spec: ChartSpec, at: AxisValue): number | null {
  let total = 0;
  let max = Number.NEGATIVE_INFINITY;
  for (const row of spec.rows as Row[]) {
    if (compareCells(row[spec.x.name] ?? null, at) !== 0) continue;
    const v = row[spec.y.name];
    if (typeof v === 'number') {
      total += v;
      max = Math.max(max, v);
    }
  }
  if (max === Number.NEGATIVE_INFINITY) return null;
  return spec.stack ? total : max;
}

/** Runs a rule from the top of the frame down to its y2 (Plot would start it at y1's value). */
const stemToFrameTop: Plot.RenderFunction = (index, scales, values, dimensions, context, next) => {
  const g = next?.(index, scales, values, dimensions, context) ?? null;
  for (const line of Array.from(g?.querySelectorAll('line') ?? []))
    line.setAttribute('y1', String(dimensions.marginTop));
  return g;
};

/** Room for the axis break between the value axis' labels and the plot. */
const AXIS_BREAK_WIDTH = 16;

/** Ticks on a horizontal value axis: as many as fit their labels with room between. */
function horizontalTicks(valueChars: number, layout: Layout): number {
  const frame = layout.width * 0.55;
  return Math.max(2, Math.min(layout.ticks, Math.floor(frame / ((valueChars * layout.charWidth + 12) * 2))));
}

/**
 * The axis break of a line chart whose value axis does not start at zero (`zero={false}`): a
 * zigzag where the bottom gridline meets the value axis, so the cut is seen, not assumed.
 */
const axisBreak: Plot.RenderFunction = (_index, _scales, _values, dimensions, context) => {
  const path = context.document.createElementNS('http://www.w3.org/2000/svg', 'path');
  const x = dimensions.marginLeft;
  const y = dimensions.height - dimensions.marginBottom;
  path.setAttribute('d', `M${x - AXIS_BREAK_WIDTH},${y}l3,-4l4,8l4,-8l3,4`);
  path.setAttribute('fill', 'none');
  path.setAttribute('stroke', 'currentColor');
  path.setAttribute('stroke-width', '1.5');
  path.setAttribute('data-mark', 'axis-break');
  return path as SVGElement;
};

/** Bar values (`labels`): over each bar, or each stack's total, and where they fit. */
interface BarLabels {
  marks: Plot.Markish[];
  /** Room the values need right of horizontal bars. */
  marginRight: number;
}

/**
 * Values written on bars (`labels="values"`, or `"ends"` for the last period only): above
 * vertical bars, after horizontal ones; a stack shows its total. Where the values are wider
 * than their bars at this layout (a phone, many bars), only the last period's are written,
 * the latest figure a reader looks for first.
 */
function barLabels(
  spec: ChartSpec,
  layout: Layout,
  values: readonly AxisValue[],
  plotWidth: number,
  format: (value: number) => string,
): BarLabels | null {
  if (spec.labels === 'none' || spec.plot) return null;
  const grouped = spec.series !== null && !spec.stack;
  const byBar: { at: AxisValue; series: string | null; value: number }[] = [];
  if (grouped) {
    const series = spec.series?.name as string;
    for (const row of spec.rows) {
      const value = row[spec.y.name];
      const at = row[spec.x.name] ?? null;
      if (typeof value === 'number' && at !== null) byBar.push({ at, series: String(row[series] ?? ''), value });
    }
  } else {
    for (const at of values) {
      const top = valueTop(spec, at);
      if (top !== null) byBar.push({ at, series: null, value: top });
    }
  }
  const last = values[values.length - 1];
  const widest = Math.max(0, ...byBar.map((bar) => format(bar.value).length)) * layout.charWidth;
  const barWidth = ((plotWidth / Math.max(1, values.length)) * 0.8) / (grouped ? spec.seriesNames.length : 1);
  const fits = spec.horizontal || widest + 2 <= barWidth;
  const shown =
    spec.labels === 'ends' || !fits
      ? byBar.filter((bar) => last !== undefined && compareCells(bar.at, last) === 0)
      : byBar;
  const text = (bar: { value: number }) => format(bar.value);
  const common = { text, fill: 'currentColor' } as const;
  let mark: Plot.Markish;
  if (spec.horizontal) {
    const place = grouped ? { fy: 'at', y: 'series' } : { y: 'at' };
    mark = Plot.text(shown, { ...common, ...place, x: 'value', dx: 4, textAnchor: 'start' });
  } else {
    const place = grouped ? { fx: 'at', x: 'series' } : { x: 'at' };
    mark = Plot.text(shown, { ...common, ...place, y: 'value', dy: -4, lineAnchor: 'bottom' });
  }
  return { marks: [mark], marginRight: Math.ceil(widest + 12) };
}

/** Values at every point of lines, areas and dots (`labels="values"`), above each point. */
function pointValueMarks(spec: ChartSpec, format: (value: number) => string): Plot.Markish[] {
  if (spec.plot || (spec.stack && spec.kind === 'area')) return [];
  const rows = spec.rows.filter((row) => typeof row[spec.y.name] === 'number');
  return [
    Plot.text(rows, {
      x: spec.x.name,
      y: spec.y.name,
      text: (row: Row) => format(row[spec.y.name] as number),
      dy: -9,
      lineAnchor: 'bottom',
      fill: 'currentColor',
      stroke: 'white',
      strokeWidth: 3,
      paintOrder: 'stroke',
    }),
  ];
}

/** Start of the UTC year, month or day containing a date, as a timestamp. */
function floorToGrain(date: Date, grain: 'day' | 'month' | 'year'): number {
  return Date.UTC(
    date.getUTCFullYear(),
    grain === 'year' ? 0 : date.getUTCMonth(),
    grain === 'day' ? date.getUTCDate() : 1,
  );
}
