import type { ChartSpec } from './spec.ts';
import { axisPosition } from './values.ts';

/** Where a reference line's label goes: at which end of the line, and above or below it. */
export interface RuleLabelPlace {
  end: 'right' | 'left' | 'middle';
  above: boolean;
}

/** The label's size as fractions of the plot frame's width and height. */
export interface LabelBox {
  width: number;
  height: number;
}

const PLACES: readonly RuleLabelPlace[] = [
  { end: 'right', above: true },
  { end: 'right', above: false },
  { end: 'left', above: true },
  { end: 'left', above: false },
  { end: 'middle', above: true },
  { end: 'middle', above: false },
];

type Point = readonly [x: number, y: number];

/**
 * Picks the first place, in the order right-above, right-below, left-above, left-below,
 * middle-above, middle-below, where no plotted line passes through the label, so "July 2024" never sits on the line's
 * last point. Right-above when none is clear: the label's halo keeps it readable. Works in
 * fractions of the frame (0 = left or bottom, 1 = right or top), from the rows alone.
 */
export function ruleLabelPlace(spec: ChartSpec, level: number, box: LabelBox): RuleLabelPlace {
  const lines = plottedLines(spec);
  const values = lines.flatMap((line) => line.map(([, y]) => y));
  const low = Math.min(level, ...values, ...(spec.kind === 'area' ? [0] : []));
  const high = Math.max(level, ...values);
  if (!(high > low)) return PLACES[0] as RuleLabelPlace;
  const y = (value: number) => (value - low) / (high - low);
  const at = y(level);
  const clear = ({ end, above }: RuleLabelPlace) => {
    const [x0, x1] =
      end === 'right'
        ? [1 - box.width, 1]
        : end === 'left'
          ? [0, box.width]
          : [0.5 - box.width / 2, 0.5 + box.width / 2];
    const [y0, y1] = above ? [at, at + box.height] : [at - box.height, at];
    return lines.every((line) => {
      const span = valuesWithin(line, x0, x1).map(y);
      return span.length === 0 || Math.max(...span) < y0 || Math.min(...span) > y1;
    });
  };
  return PLACES.find(clear) ?? (PLACES[0] as RuleLabelPlace);
}

/** Each series as points (x as a fraction of the axis, y as the value drawn: stacked if stacked). */
function plottedLines(spec: ChartSpec): Point[][] {
  const xs = spec.rows.map((row) => axisPosition(row[spec.x.name]));
  const first = Math.min(...xs);
  const last = Math.max(...xs);
  const span = last - first || 1;
  const bySeries = new Map<string, Point[]>();
  const stacked = new Map<number, number>();
  spec.rows.forEach((row, index) => {
    const value = row[spec.y.name];
    const x = xs[index] as number;
    if (typeof value !== 'number' || !Number.isFinite(x)) return;
    const series = spec.series ? String(row[spec.series.name]) : '';
    let drawn = value;
    if (spec.stack) {
      drawn = (stacked.get(x) ?? 0) + value;
      stacked.set(x, drawn);
    }
    const line = bySeries.get(series) ?? [];
    line.push([(x - first) / span, drawn]);
    bySeries.set(series, line);
  });
  return [...bySeries.values()].map((line) => line.sort((a, b) => a[0] - b[0]));
}

/** The line's values over [x0, x1]: its points inside, and where it crosses the two edges. */
function valuesWithin(line: readonly Point[], x0: number, x1: number): number[] {
  const values: number[] = [];
  for (let i = 0; i < line.length; i++) {
    const [x, y] = line[i] as Point;
    if (x >= x0 && x <= x1) values.push(y);
    const next = line[i + 1];
    if (!next) continue;
    for (const edge of [x0, x1])
      if (x < edge && next[0] > edge) values.push(y + ((next[1] - y) * (edge - x)) / (next[0] - x));
  }
  return values;
}
