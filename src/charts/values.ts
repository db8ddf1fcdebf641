import type { Cell } from '../data/schema.ts';
import type { AxisValue, ColumnRef } from './spec.ts';

/**
 * Parses a value an author wrote in MDX ("2025-04", 657, "Germany") against a column's type.
 * Dates accept 2025, 2025-04 and 2025-04-04 whatever the CSV format, so notes read naturally.
 * Returns undefined when the text is not a value of that type.
 */
export function parseAxisValue(value: string | number, column: ColumnRef): AxisValue | undefined {
  switch (column.type) {
    case 'number': {
      const number = typeof value === 'number' ? value : Number(value.trim());
      return typeof value === 'string' && value.trim() === ''
        ? undefined
        : Number.isFinite(number)
          ? number
          : undefined;
    }
    case 'date': {
      const match = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/.exec(String(value).trim());
      if (!match) return undefined;
      const [, year, month = '1', day = '1'] = match;
      const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
      return date.getUTCMonth() === Number(month) - 1 && date.getUTCDate() === Number(day) ? date : undefined;
    }
    case 'string':
      return String(value);
  }
}

/** A cell's place on a continuous axis: dates by time, numbers as they are, anything else NaN. */
export function axisPosition(value: unknown): number {
  return value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Number.NaN;
}

/** Orders cells: nulls last, then dates and numbers by value, text by locale-independent code points. */
export function compareCells(a: Cell, b: Cell): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  const x = a instanceof Date ? a.getTime() : a;
  const y = b instanceof Date ? b.getTime() : b;
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  const s = String(x);
  const t = String(y);
  return s < t ? -1 : s > t ? 1 : 0;
}

/** Whether two cells hold the same value (dates by time). */
export function sameCell(a: Cell, b: Cell): boolean {
  return compareCells(a, b) === 0 && (a === null) === (b === null);
}

/** A cell as plain JSON-safe data: dates as ISO strings. */
export function plainCell(value: Cell): string | number | null {
  return value instanceof Date ? value.toISOString() : value;
}
