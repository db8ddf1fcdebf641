/**
 * The change log and revision notices with the content collections' titles: the only
 * provenance module that touches `astro:content` (pages and components import it; the build
 * log's integration uses src/provenance/site.ts, which does not).
 */
import { eventFile, publishedEvents } from '../events/collection.ts';
import { eventUrl } from '../events/event.ts';
import type { RenderContext } from '../lib/render-context.ts';
import { noteFile, noteUrl, publishedNotes, withdrawnNotes } from '../notes/collection.ts';
import { siteVersions } from '../versions/site.ts';
import { type ChangeLogEntry, revisionEntryFor } from './changelog.ts';
import { figureRevision } from './figures.ts';
import { revisionText } from './revisions.ts';
import {
  CHANGES_PATH,
  changeLogEntryUrl,
  currentData,
  type DocumentTitle,
  latestRevisions,
  siteChangeLog,
  siteDataRevisions,
} from './site.ts';

/** Titles and URLs of every published note and event, by file. */
export async function documentTitles(): Promise<DocumentTitle[]> {
  // Withdrawn notes too: the change log lists their updates and their withdrawal.
  const notes = [...(await publishedNotes()), ...(await withdrawnNotes())].map((note) => ({
    file: noteFile(note),
    collection: 'notes',
    slug: note.id,
    title: note.data.title,
    url: noteUrl(note),
  }));
  const events = (await publishedEvents()).map((event) => ({
    file: eventFile(event),
    collection: 'events',
    slug: event.slug,
    title: event.data.name,
    url: eventUrl(event),
  }));
  return [...notes, ...events];
}

/** The site's change log, newest first. */
export async function changeLog(options: { dev?: boolean } = {}): Promise<ChangeLogEntry[]> {
  const index = siteVersions(options);
  return siteChangeLog(index, await documentTitles());
}

/** What a revision notice under a figure says, computed from the data. */
export interface RevisionNoticeData {
  /** One per revised row: "May 2025, 1,238 t → 1,290 t". */
  rows: string[];
  /** The data's own "as of" date today. */
  asOf: Date | undefined;
  /** The change log entry of the newest revision it reports. */
  href: string;
}

/**
 * The notice under a chart on a latest page whose pinned data has been revised since (issue
 * 16): nothing on earlier versions (they stay as published), on drafts, or when the rows the
 * chart shows are the same today.
 */
export async function chartRevisionNotice(options: {
  context: RenderContext;
  props: Record<string, unknown>;
  dataset: string;
  line: number;
  column: number;
  dev?: boolean;
}): Promise<RevisionNoticeData | undefined> {
  const { context, props, dataset, dev } = options;
  const vintage = context.data.vintage;
  if (context.history || !vintage || props.vintage === 'latest') return undefined;
  const index = siteVersions({ dev });
  const current = currentData(index, { dev });
  if (!current) return undefined;
  const figure = { component: 'Chart' as const, dataset, props, line: options.line, column: options.column };
  const result = figureRevision(figure, context.data, current, { file: context.file });
  if (!result || !('revisions' in result)) return undefined;
  const entries = await changeLog({ dev });
  const position = siteDataRevisions(index).history.positions.get(vintage.commit) ?? -1;
  const ids = result.revisions.map((revision) => revision.id);
  const entry = revisionEntryFor(entries, dataset, position, ids);
  return {
    rows: result.revisions.map((revision) => {
      const text = revisionText(revision, result.current.meta, result.key);
      return `${text.row}, ${text.change}`;
    }),
    asOf: result.current.meta.asOf,
    href: entry ? changeLogEntryUrl(entries, entry) : CHANGES_PATH,
  };
}

/**
 * The notice for figures quoted in the text (`<Value>`, `<Change>`) of an entry's latest page
 * whose rows were revised since and that no chart of the page already reports (a chart's own
 * notice covers the rows it shows).
 */
export async function textRevisionNotice(file: string, options: { dev?: boolean } = {}) {
  const index = siteVersions(options);
  const entry = index.files.get(file);
  if (!entry) return undefined;
  const found = latestRevisions(index, entry, options);
  const charted = new Set(
    found.figures
      .filter((figure) => figure.figure.component === 'Chart')
      .flatMap((figure) => figure.revisions.map((revision) => `${figure.figure.dataset}\0${revision.id}`)),
  );
  const rows = new Map<string, string>();
  let newest: { dataset: string; ids: string[]; asOf: Date | undefined } | undefined;
  for (const figure of found.figures) {
    if (figure.figure.component === 'Chart') continue;
    const fresh = figure.revisions.filter((revision) => !charted.has(`${figure.figure.dataset}\0${revision.id}`));
    for (const revision of fresh) {
      const text = revisionText(revision, figure.current.meta, figure.key);
      rows.set(`${figure.figure.dataset}\0${revision.id}`, `${text.row}, ${text.change}`);
    }
    if (fresh.length > 0) {
      newest ??= { dataset: figure.figure.dataset, ids: [], asOf: figure.current.meta.asOf };
      if (newest.dataset === figure.figure.dataset) newest.ids.push(...fresh.map((revision) => revision.id));
    }
  }
  if (!newest || !entry.latest.vintageCommit) return undefined;
  const entries = await changeLog(options);
  const position = siteDataRevisions(index).history.positions.get(entry.latest.vintageCommit) ?? -1;
  const linked = revisionEntryFor(entries, newest.dataset, position, newest.ids);
  return {
    rows: [...rows.values()],
    asOf: newest.asOf,
    href: linked ? changeLogEntryUrl(entries, linked) : CHANGES_PATH,
  } satisfies RevisionNoticeData;
}
