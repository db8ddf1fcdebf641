import type { Row } from '../data/schema.ts';
import type { AxisValue, ColumnRef } from './spec.ts';
import { compareCells } from './values.ts';

/** How rows are chosen and ordered for one chart, with values already parsed. */
export interface RowSelection {
  where: { column: ColumnRef; values: AxisValue[] }[];
  x: ColumnRef;
  y: ColumnRef;
  from: AxisValue | null;
  to: AxisValue | null;
  sort: 'x' | '-x' | 'y' | '-y' | 'none';
}

/** The rows a chart plots: filtered by `where`, cut to `from`..`to` on x (inclusive), then sorted (stable). */
export function selectRows(rows: readonly Row[], selection: RowSelection): Row[] {
  const { where, x, y, from, to, sort } = selection;
  const kept = rows.filter((row) => {
    for (const condition of where) {
      const cell = row[condition.column.name] ?? null;
      if (!condition.values.some((value) => compareCells(cell, value) === 0 && cell !== null)) return false;
    }
    const at = row[x.name] ?? null;
    if (from !== null && (at === null || compareCells(at, from) < 0)) return false;
    if (to !== null && (at === null || compareCells(at, to) > 0)) return false;
    return true;
  });
  if (sort === 'none') return kept;
  const column = sort.endsWith('x') ? x.name : y.name;
  const sign = sort.startsWith('-') ? -1 : 1;
  // Array.prototype.sort is stable, so ties keep CSV order (and series order within a date).
  return kept.sort((a, b) => sign * compareCells(a[column] ?? null, b[column] ?? null));
}
