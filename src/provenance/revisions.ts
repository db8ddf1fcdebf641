/**
 * Revisions of published figures, as pure functions of rows (docs/versions.md, "Revisions").
 *
 * A note's figures are pinned to its data vintage. When the committed data changes later, the
 * rows it shows are matched with today's by the dataset's row key (`key: [month]`): a changed
 * value, a changed `basis` (stated / derived) or a removed row is a revision; a row added since
 * is not (appending next month's figures revises nothing).
 */
import { type DateGrain, dateGrain, formatCell } from '../charts/format.ts';
import { sameCell } from '../charts/values.ts';
import { rowKey } from '../data/row-key.ts';
import type { Cell, DatasetMeta, Row } from '../data/schema.ts';
import { MONTH_NAMES } from '../lib/calendar-date.ts';
import { formatDate } from '../lib/dates.ts';

/** The column that says whether a value was stated by the source or derived by us. */
export const BASIS_COLUMN = 'basis';

/** One published row that is no longer what it was. */
export interface RowRevision {
  /** The row key as one string (src/data/row-key.ts): the same row in every vintage. */
  id: string;
  /** `changed`: a compared cell differs; `removed`: no row with this key any more. */
  kind: 'changed' | 'removed';
  /** The row as published. */
  before: Row;
  /** The row today; undefined when removed. */
  after: Row | undefined;
  /** Compared columns whose cells differ (every compared column for a removed row). */
  columns: string[];
}

/**
 * The published rows (`before`) that differ in `after`, matched by `key` and compared on
 * `columns` (the key columns themselves are never compared: they are what matches). Rows in
 * `after` with a key `before` lacks are additions, not revisions. Order follows `before`.
 */
export function revisedRows(
  before: readonly Row[],
  after: readonly Row[],
  key: readonly string[],
  columns: readonly string[],
): RowRevision[] {
  const today = new Map<string, Row>();
  for (const row of after) {
    const id = rowKey(row, key);
    // Keys are unique in the working tree (checkRowKey); in history the first row wins.
    if (!today.has(id)) today.set(id, row);
  }
  const compared = columns.filter((column) => !key.includes(column));
  const revisions: RowRevision[] = [];
  const seen = new Set<string>();
  for (const row of before) {
    const id = rowKey(row, key);
    if (seen.has(id)) continue;
    seen.add(id);
    const now = today.get(id);
    if (!now) {
      revisions.push({ id, kind: 'removed', before: row, after: undefined, columns: [...compared] });
      continue;
    }
    const changed = compared.filter((column) => !sameCell(row[column] ?? null, now[column] ?? null));
    if (changed.length > 0) revisions.push({ id, kind: 'changed', before: row, after: now, columns: changed });
  }
  return revisions;
}

/**
 * The columns a view's revisions are judged on: the ones it shows, less the key, plus `basis`
 * when the dataset declares it (a stated figure that becomes derived is a revision even when
 * the number stays).
 */
export function comparedColumns(meta: DatasetMeta, shown: readonly string[]): string[] {
  const key = meta.key ?? [];
  const columns = shown.filter((column) => !key.includes(column) && meta.columns[column] !== undefined);
  if (meta.columns[BASIS_COLUMN] && !columns.includes(BASIS_COLUMN)) columns.push(BASIS_COLUMN);
  return [...new Set(columns)];
}

/** Every declared column but the key: what a dataset's own revisions are judged on. */
export function valueColumns(meta: DatasetMeta): string[] {
  return Object.keys(meta.columns).filter((column) => !(meta.key ?? []).includes(column));
}

/** A revision in words, computed from the data: "May 2025, 1,238 t → 1,290 t". */
export interface RevisionText {
  /** The row, by its key cells: "May 2025" or "May 2025, Germany". */
  row: string;
  /** "1,238 t → 1,290 t", "1,238 t (derived) → 1,290 t (stated)", or "1,238 t, removed". */
  change: string;
  /** The published and today's values of the first changed column, for a reader to compare. */
  before: string;
  after: string | undefined;
}

/** Reader-facing text of one revised row, each cell formatted like its column. */
export function revisionText(revision: RowRevision, meta: DatasetMeta, key: readonly string[]): RevisionText {
  const cell = (row: Row, column: string): string => {
    const spec = meta.columns[column];
    const value: Cell = row[column] ?? null;
    // Dates at the column's grain in full ("April 2025": a sentence, not an axis), numbers in its format and unit.
    if (value instanceof Date && spec?.type === 'date') return keyDate(value, dateGrain(spec));
    return spec ? formatCell(value, spec) : value === null ? '–' : String(value);
  };
  const row = key.map((column) => cell(revision.before, column)).join(', ');
  const values = revision.columns.filter((column) => column !== BASIS_COLUMN);
  // A removed row "changes" every column; its basis is not news.
  const basisChanged = revision.kind === 'changed' && revision.columns.includes(BASIS_COLUMN);
  const basisOf = (source: Row) => (meta.columns[BASIS_COLUMN] ? ` (${cell(source, BASIS_COLUMN)})` : '');
  const shown = (source: Row) => {
    const main = values.length > 0 ? values.map((column) => cell(source, column)).join(', ') : undefined;
    if (main === undefined) return cell(source, BASIS_COLUMN);
    return basisChanged ? `${main}${basisOf(source)}` : main;
  };
  const before = shown(revision.before);
  if (revision.kind === 'removed' || !revision.after) {
    return { row, change: `${before}, removed`, before, after: undefined };
  }
  const after = shown(revision.after);
  return { row, change: `${before} \u2192 ${after}`, before, after };
}

/** A date key as a sentence says it: "20 June 2025", "April 2025", "2025". */
function keyDate(date: Date, grain: DateGrain): string {
  if (grain === 'day') return formatDate(date);
  const year = String(date.getUTCFullYear());
  return grain === 'month' ? `${MONTH_NAMES[date.getUTCMonth()]} ${year}` : year;
}

/** A dataset as committed at one commit, for `dataRevisions`. */
export interface CommittedDataset {
  commit: string;
  /** Place of the commit on the main line, oldest 0. */
  position: number;
  dataset: { hash: string; rows: readonly Row[]; meta: DatasetMeta };
}

/** A `revisions` entry of a dataset's metadata: what the source revised, and when. */
export interface RevisionEntry {
  date: Date;
  summary: string;
}

/** One commit that revised a dataset's published rows. */
export interface DataRevision {
  dataset: string;
  /** 1 for the dataset's first revision, and so on: its change log anchor. */
  number: number;
  commit: string;
  position: number;
  /** Rows that changed or went, as they were and as they became. */
  rows: RowRevision[];
  /** The metadata after the revision: its `asOf`, columns and formats. */
  meta: DatasetMeta;
  /** The `revisions` entries added with the data change (today's wording); none when the author added none. */
  entries: RevisionEntry[];
}

/**
 * The revisions in a dataset's committed history (states oldest first): each commit that changed
 * or removed a row of the commit before it, rows matched by `key` (today's). Appended rows are
 * not revisions. A `revisions` entry belongs to the commit where the list first grew to hold
 * it, like a note's `updates`; one added in a commit that revised nothing describes the latest
 * revision before it that has none (so a forgotten summary can be added later). `entries`
 * gives today's wording (`today`), so a typo can be fixed.
 */
export function dataRevisions(
  name: string,
  states: readonly CommittedDataset[],
  key: readonly string[],
  today: readonly RevisionEntry[] = [],
): DataRevision[] {
  const revisions: DataRevision[] = [];
  let listed = states[0]?.dataset.meta.revisions?.length ?? 0;
  for (let i = 1; i < states.length; i++) {
    const before = states[i - 1] as CommittedDataset;
    const after = states[i] as CommittedDataset;
    const own = after.dataset.meta.revisions ?? [];
    const added = own.length > listed ? own.slice(listed).map((entry, j) => today[listed + j] ?? entry) : [];
    listed = Math.max(listed, own.length);
    // Columns both states declare: a column added later is not a revision of every row.
    const columns = valueColumns(after.dataset.meta).filter((column) => before.dataset.meta.columns[column]);
    const rows =
      before.dataset.hash === after.dataset.hash
        ? []
        : revisedRows(before.dataset.rows, after.dataset.rows, key, columns);
    if (rows.length === 0) {
      const unsummarised = revisions.findLast((revision) => revision.entries.length === 0);
      if (unsummarised && added.length > 0) unsummarised.entries = added;
      continue;
    }
    revisions.push({
      dataset: name,
      number: revisions.length + 1,
      commit: after.commit,
      position: after.position,
      rows,
      meta: after.dataset.meta,
      entries: added,
    });
  }
  return revisions;
}
