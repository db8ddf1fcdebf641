import type { Cell, ColumnSpec, Row } from '../data/schema.ts';
import type { DateGrain, NumberStyle } from './format.ts';
import type { PlotFunction } from './options.ts';

/** The chart kinds the declarative API draws. */
export type ChartKind = 'bar' | 'line' | 'area' | 'dot';

/** A dataset column as a chart uses it. */
export interface ColumnRef {
  name: string;
  /** Label for axes, tables and descriptions. */
  label: string;
  type: ColumnSpec['type'];
  column: ColumnSpec;
}

/** A value on an axis after parsing against the column's type. */
export type AxisValue = Date | number | string;

/** A reference line or an annotation, placed on one axis. */
export interface Marker {
  axis: 'x' | 'y';
  value: AxisValue;
  label: string | null;
}

/** Where the data came from, for source lines, CSV headers and descriptions. */
export interface ChartSource {
  dataset: string;
  file: string;
  title: string;
  name: string;
  url: string | null;
  licence: string;
  /** "Data as of" date, ISO yyyy-mm-dd: the metadata's `asOf` at the vintage (null without one), never a commit date. */
  asOf: string | null;
  /** Short commit of the data vintage, when versions supply one. */
  commit: string | null;
}

/**
 * A complete, validated chart: what `normaliseChart` returns and the only thing renderers,
 * describers and exporters accept. Every default is filled in; nothing is optional.
 */
export interface ChartSpec {
  kind: ChartKind;
  horizontal: boolean;
  stack: boolean;
  x: ColumnRef;
  y: ColumnRef;
  series: ColumnRef | null;
  /** Grain of a date x axis (null for numbers and categories). */
  grain: DateGrain | null;
  /** Rows marked derived: column and value, or null when the data has no such marking. */
  derived: { column: string; value: string } | null;
  title: string | null;
  subtitle: string;
  caption: string | null;
  alt: string | null;
  number: NumberStyle;
  /** Exactly the rows plotted, tabled and downloaded, in plotting order. */
  rows: Row[];
  /** Columns of the table and the CSV download, in order. */
  tableColumns: ColumnRef[];
  /** Series names in order of first appearance, and their colours. */
  seriesNames: string[];
  colours: Record<string, string>;
  rules: Marker[];
  annotations: Marker[];
  highlight: { from: AxisValue; to: AxisValue; label: string | null } | null;
  /**
   * Values written on the marks: every bar or point, the last of each series (with its name
   * when there are several), or none. Default: `ends` for lines and areas, `none` otherwise.
   */
  labels: 'values' | 'ends' | 'none';
  /** Whether the value axis starts at zero: always for bars and areas, by default for lines. */
  zero: boolean;
  height: number;
  xLabel: string;
  yLabel: string;
  source: ChartSource;
  plot: PlotFunction | null;
}

/** Where a chart is written, for error messages. */
export interface ChartPlace {
  file: string;
  line?: number;
  column?: number;
  /** An earlier version from git history: checks added since warn instead of failing (see RenderContext). */
  history?: boolean;
}

/** The cell of a row as an axis value (null cells are skipped by callers). */
export function axisCell(row: Row, column: ColumnRef): Cell {
  return row[column.name] ?? null;
}
