/**
 * The rows of a dataset one `<Chart>`, `<Value>` or `<Change>` shows, and the columns it shows
 * of them: what a revision is judged against. Charts use the chart engine's own selection
 * (normaliseChart), so a notice and the chart cannot disagree on which rows are plotted.
 */
import { normaliseChart } from '../charts/normalise.ts';
import type { ChartPlace, ColumnRef } from '../charts/spec.ts';
import { parseAxisValue, sameCell } from '../charts/values.ts';
import type { Dataset, Row } from '../data/schema.ts';

/** The components that show figures from a dataset. */
export type FigureComponent = 'Chart' | 'Value' | 'Change';

/** Rows a component shows, and the columns of them a reader sees. */
export interface ShownRows {
  rows: Row[];
  columns: string[];
}

/**
 * What a component shows of `dataset` with these props; throws (an AssayError) when the props
 * do not fit the data, as rendering would.
 */
export function rowsShown(
  component: FigureComponent,
  props: Record<string, unknown>,
  dataset: Dataset,
  place: ChartPlace,
): ShownRows {
  if (component === 'Chart') {
    const spec = normaliseChart(props, dataset, place);
    return { rows: spec.rows, columns: spec.tableColumns.map((column) => column.name) };
  }
  return quotedRows(props, dataset, component === 'Value' ? [props.at] : [props.from, props.to]);
}

/**
 * The rows `<Value>` and `<Change>` read. The same selection as their lookup in
 * src/charts/prose.ts (key column `by`, default the first date column; `where` first), kept
 * lenient: a prop that does not parse selects nothing here, and rendering reports it.
 */
function quotedRows(props: Record<string, unknown>, dataset: Dataset, at: unknown[]): ShownRows {
  const { columns, meta } = dataset;
  const ref = (name: string): ColumnRef | undefined => {
    const spec = meta.columns[name];
    return spec ? { name, label: spec.label ?? name, type: spec.type, column: spec } : undefined;
  };
  const byName =
    typeof props.by === 'string'
      ? props.by
      : (columns.find((name) => meta.columns[name]?.type === 'date') ?? (columns[0] as string));
  const by = ref(byName);
  const column =
    typeof props.column === 'string'
      ? props.column
      : columns.find((name) => name !== byName && meta.columns[name]?.type === 'number');
  if (!by || !column) return { rows: [], columns: [] };
  let rows: Row[] = dataset.rows;
  const where = (props.where ?? {}) as Record<string, unknown>;
  for (const [name, value] of Object.entries(where)) {
    const on = ref(name);
    const parsed =
      on && (typeof value === 'string' || typeof value === 'number') ? parseAxisValue(value, on) : undefined;
    if (parsed === undefined) return { rows: [], columns: [] };
    rows = rows.filter((row) => sameCell(row[name] ?? null, parsed));
  }
  const keys = at
    .filter((value): value is string | number => typeof value === 'string' || typeof value === 'number')
    .map((value) => parseAxisValue(value, by))
    .filter((value) => value !== undefined);
  return {
    rows: rows.filter((row) => keys.some((key) => sameCell(row[by.name] ?? null, key))),
    columns: [column],
  };
}
