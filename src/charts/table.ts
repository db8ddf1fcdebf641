import type { Row } from '../data/schema.ts';
import { escapeHtmlLatin1 } from '../lib/escape.ts';
import { formatCell } from './format.ts';
import { rowStyle } from './marks.ts';
import type { ChartSpec } from './spec.ts';

/** The chart's data table as plain text cells; the component escapes them when rendering. */
export interface ChartTable {
  headers: string[];
  /** Whether each column holds numbers (right-aligned, tabular figures). */
  numeric: boolean[];
  /** `missing` marks cells with no value (an optional column's empty cell); absent when none is. */
  rows: { cells: string[]; derived: boolean; missing?: boolean[] }[];
}

/** Exactly the plotted rows, formatted as the chart and prose format them. */
export function chartTable(spec: ChartSpec): ChartTable {
  const style = rowStyle(spec);
  const columns = spec.tableColumns;
  return {
    headers: columns.map((c) =>
      c.name === spec.y.name && spec.number.unit ? `${c.label} (${spec.number.unit})` : c.label,
    ),
    numeric: columns.map((c) => c.type === 'number'),
    rows: spec.rows.map((row) => tableRow(spec, row, style.isDerived(row))),
  };
}

function tableRow(spec: ChartSpec, row: Row, derived: boolean): ChartTable['rows'][number] {
  const columns = spec.tableColumns;
  const cells = columns.map((c) =>
    // The unit is in the header, so cells carry bare numbers.
    formatCell(
      row[c.name] ?? null,
      c.column,
      c.name === spec.y.name ? { ...spec.number, unit: '' } : { specifier: c.column.format ?? ',~f', unit: '' },
    ),
  );
  const missing = columns.map((c) => (row[c.name] ?? null) === null);
  return missing.includes(true) ? { derived, cells, missing } : { derived, cells };
}

/**
 * The table as HTML, every cell escaped, characters beyond Latin-1 as references (see
 * `escapeHtmlLatin1`). Built as one string rather than element by element in the component:
 * a chart's table is most of its markup. Made once per figure and cached with it.
 */
export function chartTableHtml(table: ChartTable, caption: string): string {
  const num = (i: number) => (table.numeric[i] ? ' class="num"' : '');
  const derivedRows = table.rows.some((row) => row.derived);
  const missingCells = table.rows.some((row) => row.missing);
  const head = table.headers.map((header, i) => `<th scope="col"${num(i)}>${escapeHtmlLatin1(header)}</th>`).join('');
  const body = table.rows
    .map(
      (row) =>
        `<tr${row.derived ? ' class="derived"' : ''}>${row.cells
          .map(
            (cell, i) =>
              `<td${num(i)}>${row.missing?.[i] ? `<abbr title="no value">${escapeHtmlLatin1(cell)}</abbr>` : escapeHtmlLatin1(cell)}${row.derived && i === 0 ? '<abbr title="derived"> *</abbr>' : ''}</td>`,
          )
          .join('')}</tr>`,
    )
    .join('');
  const notes = [
    derivedRows ? 'rows marked * are derived' : '',
    missingCells ? escapeHtmlLatin1('– marks a missing value') : '',
  ];
  const note = notes.some(Boolean) ? ` (${notes.filter(Boolean).join('; ')})` : '';
  return `<table><caption>${escapeHtmlLatin1(caption)}${note}</caption><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}
