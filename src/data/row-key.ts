import { AssayError } from '../lib/errors.ts';
import { lineStarts, positionOf, resolveDialect, scanDsv } from './dialect.ts';
import { decodeCsv } from './encoding.ts';
import type { Cell, Dataset } from './schema.ts';

/**
 * A dataset's row key (`key: [month, destination]` in its metadata) names each row, so a
 * revised figure can be matched with the one it replaces. No two rows may share a key.
 */

/** The key of a row as one string: typed values, so "2025-05" and "2025-5" as months are the same key. */
export function rowKey(row: Dataset['rows'][number], key: readonly string[]): string {
  return key.map((column) => cellKey(row[column] ?? null)).join('\0');
}

function cellKey(cell: Cell): string {
  return cell instanceof Date ? cell.toISOString() : cell === null ? '' : String(cell);
}

/**
 * Fails when two rows share the key, at the line and column of the repeated row. `csv` is the
 * file as read (text or bytes), used only to place the problem.
 */
export function checkRowKey(dataset: Dataset, csv: string | Uint8Array): void {
  const key = dataset.meta.key;
  if (!key) return;
  const first = new Map<string, number>();
  for (const [index, row] of dataset.rows.entries()) {
    const id = rowKey(row, key);
    const earlier = first.get(id);
    if (earlier === undefined) {
      first.set(id, index);
      continue;
    }
    const [at, then] = [rowPlace(dataset, csv, index), rowPlace(dataset, csv, earlier)];
    const values = key.map((column) => `${column} ${at.cells[dataset.columns.indexOf(column)] ?? ''}`).join(', ');
    throw new AssayError(
      `two rows have the same key (${values}): this row and the one on line ${then.line}; the key (${key.join(', ')}) must name one row`,
      {
        file: dataset.file,
        line: at.line,
        column: at.column,
        hint: `remove the repeated row, or add the column that tells them apart to key: in data/${dataset.name}.yml`,
      },
    );
  }
}

/** Line, column and cells of the `index`-th data row (blank rows skipped, as the parser skips them). */
function rowPlace(
  dataset: Dataset,
  csv: string | Uint8Array,
  index: number,
): { line: number; column: number; cells: string[] } {
  const yml = dataset.file.replace(/\.[^./]+$/, '.yml');
  const text = typeof csv === 'string' ? csv : decodeCsv(csv, dataset.meta.dialect, dataset.file, yml);
  const records = scanDsv(text, resolveDialect(dataset.meta.dialect, dataset.file).delimiter);
  const starts = lineStarts(text);
  let seen = -1;
  for (const record of records.slice(1)) {
    if (record.cells.every((cell) => cell.trim() === '')) continue;
    if (++seen === index) {
      return { ...positionOf(starts, record.offsets[0] as number), cells: record.cells.map((cell) => cell.trim()) };
    }
  }
  return { line: 1, column: 1, cells: [] };
}
