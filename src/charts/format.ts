import { format as d3Format, formatSpecifier } from 'd3-format';
import { utcFormat as d3UtcFormat } from 'd3-time-format';
import type { Cell, ColumnSpec, DatasetMeta } from '../data/schema.ts';
import { memoised } from '../lib/memo.ts';

/**
 * d3's formatters by specifier. Making one parses its specifier, and a chart's table, CSV,
 * description and hover titles format every cell: one formatter per specifier, not per cell.
 */
const numberFormat = memoised(d3Format);
const utcFormat = memoised(d3UtcFormat);

/** Shorthand names for common number formats, usable in `format="…"`. */
export const FORMAT_KEYWORDS: Readonly<Record<string, string>> = {
  /** 5,383 */
  thousands: ',.0f',
  /** 0.53 → 53% (values are fractions) */
  percent: '.0%',
  /** 5383 → $5,383 */
  currency: '$,.0f',
  /** 5383 → 5.38k */
  si: '.3~s',
  /** 5383.5 → 5,383.5: thousands separators, no trailing zeros */
  number: ',~f',
};

/** How numbers of one measure are written in ticks, tables, titles and prose. */
export interface NumberStyle {
  /** A d3-format specifier, e.g. ",.0f". */
  specifier: string;
  /** Unit written after the number ("t" gives "5,383 t"; "%" gives "53%"); empty for none. */
  unit: string;
  /**
   * The unit sentences write instead (`<Value>`, `<Change>`, chart descriptions), when it is
   * not `unit`: the dataset's unit word for its main measure, "5,383 tonnes", as the author's
   * own prose, the dek and the chart's subtitle say it. See `measureStyle`.
   */
  sentenceUnit?: string;
}

/** Units written against the number ("53%", "20°"), the same in sentences and on charts. */
const ATTACHED_UNIT = /^[%‰°]/;

/**
 * How the numbers of one column of a dataset are written, decided here only, from the metadata:
 * the column's `format` (or the author's `format`) and its `unit` on charts and in tables
 * ("5,577 t", where space is short and the subtitle gives the word); in sentences, the
 * dataset's `unit` word for its main measure (its first number column), "5,577 tonnes", so a
 * `<Value>` reads as the dek and the author's prose around it do. An author's `unit` prop
 * holds everywhere; a column without a unit stays bare; "%", "‰" and "°" are never spelt out.
 */
export function measureStyle(
  dataset: { meta: DatasetMeta; columns: readonly string[] },
  column: string,
  written: { specifier?: string | undefined; unit?: string | undefined } = {},
): NumberStyle {
  const spec = dataset.meta.columns[column];
  const declared = spec?.format;
  const specifier = written.specifier ?? (declared && isFormatSpecifier(declared) ? declared : ',~f');
  if (written.unit !== undefined) return { specifier, unit: written.unit };
  const unit = spec?.unit ?? '';
  const main = dataset.columns.find((name) => dataset.meta.columns[name]?.type === 'number');
  const word = dataset.meta.unit.trim();
  if (column !== main || unit === '' || ATTACHED_UNIT.test(unit) || word === '' || word === unit)
    return { specifier, unit };
  return { specifier, unit, sentenceUnit: word };
}

/** How a change is written as a percentage: whole percentages, in prose and descriptions alike ("up 46%"). */
export const CHANGE_PERCENT = ',.0%';

/** The size of a relative change as readers see it, without sign: 0.4615 → "46%". */
export function percentChange(ratio: number, specifier: string = CHANGE_PERCENT): string {
  return numberFormat(specifier)(Math.abs(ratio));
}

/** Whether a string is a valid d3-format specifier. */
export function isFormatSpecifier(text: string): boolean {
  try {
    formatSpecifier(text);
    return true;
  } catch {
    return false;
  }
}

/** Resolves a format keyword or specifier; undefined when it is neither. */
export function resolveSpecifier(text: string): string | undefined {
  const keyword = FORMAT_KEYWORDS[text];
  if (keyword) return keyword;
  return isFormatSpecifier(text) ? text : undefined;
}

/** Joins a formatted number and its unit the way a reader expects: "53%", "5,383 t". */
export function withUnit(number: string, unit: string): string {
  if (!unit) return number;
  return /^[%‰°]/.test(unit) ? `${number}${unit}` : `${number}\u00a0${unit}`;
}

/** A formatter for numbers in a given style; the minus sign is a true minus (d3 default). */
export function numberFormatter(
  style: NumberStyle,
  { unit = true, sentence = false }: { unit?: boolean; sentence?: boolean } = {},
): (value: number) => string {
  const base = numberFormat(style.specifier);
  const written = sentence ? (style.sentenceUnit ?? style.unit) : style.unit;
  return (value) => (unit ? withUnit(base(value), written) : base(value));
}

/** How finely a date column is sampled, read from its declared CSV format. */
export type DateGrain = 'day' | 'month' | 'year';

/** The grain of a date column: "%Y-%m" is monthly, "%Y" yearly, anything with a day is daily. */
export function dateGrain(column: ColumnSpec): DateGrain {
  const pattern = column.format ?? '%Y-%m-%d';
  if (/%[dejU]/.test(pattern)) return 'day';
  if (/%[mbB]/.test(pattern)) return 'month';
  return 'year';
}

const DATE_LABELS: Record<DateGrain, string> = { day: '%-d %b %Y', month: '%b %Y', year: '%Y' };

/** Formats a date for readers at the column's grain: "May 2025", "4 Apr 2025", "2025". */
export function dateFormatter(grain: DateGrain): (date: Date) => string {
  return utcFormat(DATE_LABELS[grain]);
}

/** Formats a date as the CSV column writes it ("2025-05"), for downloads. */
export function csvDateFormatter(column: ColumnSpec): (date: Date) => string {
  return utcFormat(column.format ?? '%Y-%m-%d');
}

/** The reader-facing text of any cell: numbers in style, dates at their grain, text as is. */
export function formatCell(value: Cell, column: ColumnSpec, style?: NumberStyle): string {
  if (value === null) return '–';
  if (value instanceof Date) return dateFormatter(dateGrain(column))(value);
  if (typeof value === 'number') return numberFormatter(style ?? columnStyle(column))(value);
  return value;
}

/** A column's own number style (its declared format and unit), worked out once per column. */
function columnStyle(column: ColumnSpec): NumberStyle {
  let style = columnStyles.get(column);
  if (!style) {
    style = {
      specifier: column.format && isFormatSpecifier(column.format) ? column.format : ',~f',
      unit: column.unit ?? '',
    };
    columnStyles.set(column, style);
  }
  return style;
}

const columnStyles = new WeakMap<ColumnSpec, NumberStyle>();

/** Formats a range of two dates compactly: "Mar–May 2025", "Dec 2024–Feb 2025". */
export function formatDateRange(from: Date, to: Date, grain: DateGrain): string {
  const label = dateFormatter(grain);
  if (from.getTime() === to.getTime()) return label(from);
  if (grain === 'month' && from.getUTCFullYear() === to.getUTCFullYear()) {
    return `${utcFormat('%b')(from)}–${label(to)}`;
  }
  return `${label(from)}–${label(to)}`;
}
