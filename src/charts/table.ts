import { formatCell } from './format.ts';
import { rowStyle } from './marks.ts';
import type { ChartSpec } from './spec.ts';

/** The chart's data table as plain text cells; the component escapes them when rendering. */
export interface ChartTable {
  headers: string[];
  /** Whether each column holds numbers (right-aligned, tabular figures). */
  numeric: boolean[];
  rows: { cells: string[]; derived: boolean }[];
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
    rows: spec.rows.map((row) => ({
      derived: style.isDerived(row),
      cells: columns.map((c) => {
        const value = row[c.name] ?? null;
        // The unit is in the header, so cells carry bare numbers.
        return formatCell(
          value,
          c.column,
          c.name === spec.y.name ? { ...spec.number, unit: '' } : { specifier: c.column.format ?? ',~f', unit: '' },
        );
      }),
    })),
  };
}
