/**
 * Revisions and the change log for this site: the pure models (revisions.ts, changelog.ts)
 * fed with the version index, the data history from git and the content collections' titles.
 * Read once per build (per version index: `astro dev` re-reads it as commits land).
 */

import { loadDataset } from '../data/load.ts';
import { rowKey } from '../data/row-key.ts';
import { type FileSource, workingTree } from '../data/source.ts';
import { pageUrl, paginate } from '../feeds/paginate.ts';
import { site } from '../site.config.ts';
import type { ContentVersions, VersionIndex } from '../versions/index.ts';
import type { Version } from '../versions/model.ts';
import { datasetsNamedIn } from '../versions/published-data.ts';
import { versionData } from '../versions/site.ts';
import { buildChangeLog, type ChangeLogEntry, type DocumentVersions } from './changelog.ts';
import { type DataHistory, readDataHistory } from './data-history.ts';
import { figuresIn, textRevisions } from './figures.ts';
import { type DataRevision, dataRevisions } from './revisions.ts';
import { rowsShown } from './shown-rows.ts';

/** Where the change log lives. */
export const CHANGES_PATH = '/changes/';

/**
 * The data a latest page's figures are compared with: the committed data at HEAD in a build
 * (uncommitted edits are not published), the working tree in `npm run dev`. Undefined without
 * history (a preview shows today's data everywhere, so nothing can be revised).
 */
export function currentData(index: VersionIndex, options: { dev?: boolean } = {}): FileSource | undefined {
  if (!index.available || !index.head) return undefined;
  return options.dev ? workingTree() : index.data(index.head);
}

/** The data revisions in committed history, and the datasets whose history cannot be compared. */
export interface SiteDataRevisions {
  history: DataHistory;
  revisions: DataRevision[];
  /** Datasets with committed changes but no `key`: their revisions cannot be told from additions. */
  keyless: string[];
}

const dataMemo = new WeakMap<VersionIndex, SiteDataRevisions>();

/** Revisions of every dataset in the main line's history (memoised per version index). */
export function siteDataRevisions(index: VersionIndex, root: string = process.cwd()): SiteDataRevisions {
  const memo = dataMemo.get(index);
  if (memo) return memo;
  const history: DataHistory = index.available ? readDataHistory(root) : { positions: new Map(), datasets: new Map() };
  const revisions: DataRevision[] = [];
  const keyless: string[] = [];
  const head = index.head ? index.data(index.head) : undefined;
  for (const [name, states] of history.datasets) {
    if (states.length < 2) continue;
    // Today's key and wording: the key names rows in every vintage; a summary's typo can be fixed.
    const today = head ? safeMeta(name, head) : undefined;
    const meta = today ?? states.at(-1)?.dataset.meta;
    if (!meta?.key) {
      keyless.push(name);
      continue;
    }
    revisions.push(...dataRevisions(name, states, meta.key, meta.revisions ?? []));
  }
  const result = { history, revisions, keyless };
  dataMemo.set(index, result);
  return result;
}

function safeMeta(name: string, source: FileSource) {
  try {
    return loadDataset(name, source).meta;
  } catch {
    return undefined;
  }
}

/** Whether an entry's latest version is published with a data vintage (a note to compare). */
export function comparable(entry: ContentVersions): boolean {
  return !entry.draft && !entry.unpublished && !entry.latest.draft && entry.latest.vintageCommit !== undefined;
}

/** Revised figures of an entry's latest version: its vintage against `currentData`. */
export function latestRevisions(index: VersionIndex, entry: ContentVersions, options: { dev?: boolean } = {}) {
  const current = currentData(index, options);
  if (!current || !comparable(entry)) return { figures: [], uncomparable: [] };
  const published = versionData(index, entry.latest, options);
  return textRevisions(index.text(entry.file, entry.latest.number), entry.file, published, current);
}

/** Whether a version showed, at its own vintage, any of the rows a revision changed. */
function versionShows(index: VersionIndex, file: string, version: Version, revision: DataRevision): boolean {
  if (!version.vintageCommit) return false;
  const text = index.text(file, version.number);
  if (!datasetsNamedIn(text).some((use) => use.name === revision.dataset)) return false;
  const source = index.data(version.vintageCommit);
  const key = revision.meta.key ?? [];
  const ids = new Set(revision.rows.map((row) => row.id));
  for (const figure of figuresIn(text, file)) {
    if (figure.dataset !== revision.dataset) continue;
    try {
      const dataset = loadDataset(figure.dataset, source);
      const place = { file, line: figure.line, column: figure.column, history: true };
      const shown = rowsShown(figure.component, figure.props, dataset, place);
      if (shown.rows.some((row) => ids.has(rowKey(row, key)))) return true;
    } catch {
      // a figure that does not render at its vintage shows nothing
    }
  }
  return false;
}

/** A document's title and URL, from the content collections (the index knows files only). */
export interface DocumentTitle {
  file: string;
  collection: string;
  slug: string;
  title: string;
  url: string;
}

const logMemo = new WeakMap<VersionIndex, ChangeLogEntry[]>();

/** The change log of the site, newest first (memoised per version index). */
export function siteChangeLog(index: VersionIndex, titles: readonly DocumentTitle[]): ChangeLogEntry[] {
  const memo = logMemo.get(index);
  if (memo) return memo;
  const data = siteDataRevisions(index);
  const files = new Map<DocumentVersions, string>();
  const documents: DocumentVersions[] = [];
  for (const title of titles) {
    const entry = index.files.get(title.file);
    if (!entry || entry.unpublished || entry.draft) continue;
    const document: DocumentVersions = { ...title, versions: entry.versions };
    if (entry.withdrawn) document.withdrawn = entry.withdrawn;
    files.set(document, title.file);
    documents.push(document);
  }
  const log = buildChangeLog({
    documents,
    revisions: data.revisions,
    positions: data.history.positions,
    shows: (document, version, revision) => versionShows(index, files.get(document) as string, version, revision),
  });
  logMemo.set(index, log);
  return log;
}

/** The change log in pages of the site's page size: /changes/, /changes/page/2/ … */
export function changeLogPages(entries: readonly ChangeLogEntry[]) {
  return paginate(entries, site.pageSize, CHANGES_PATH);
}

/** URL of an entry on its page of the change log: "/changes/#data-exports-r1". */
export function changeLogEntryUrl(entries: readonly ChangeLogEntry[], entry: ChangeLogEntry): string {
  const index = entries.indexOf(entry);
  const page = index < 0 ? 1 : Math.floor(index / site.pageSize) + 1;
  return `${pageUrl(CHANGES_PATH, page)}#${entry.id}`;
}
