/**
 * The site-wide change log (/changes/ and its feeds), as a pure model: every `updates` entry
 * of every note and event, and every revision of a dataset's published rows, newest first,
 * each with links to the versions before and after it. Dates are content dates (`updates`
 * dates, the data's `revisions` entries and `asOf`), never commit dates; commits only order
 * entries that share a date. No commit message or hash is part of an entry.
 *
 * To add a kind of entry (e.g. a withdrawal), add it to `ChangeLogEntry`, build it next to
 * the others in `buildChangeLog` (or concatenate and call `sortChangeLog`), and give it a
 * case in the page (src/components/changes/) and the feeds (src/feeds/changes.ts).
 */
import { versionUrl } from '../versions/manifest.ts';
import type { Version } from '../versions/model.ts';
import { type DataRevision, type RevisionText, revisionText } from './revisions.ts';

/** What the summary of a data revision says when its dataset's metadata gives none. */
export const DEFAULT_REVISION_SUMMARY = 'Figures revised by the source';

/** A link to one version of a note or event. */
export interface VersionLink {
  /** "version 2", or "latest version" for a page that shows a notice. */
  label: string;
  url: string;
}

/** What every entry has: an anchor, a content date and a place in commit order. */
interface ChangeBase {
  /** Anchor on the change log page, stable as history grows: "notes-x-v2", "data-exports-r1". */
  id: string;
  /** The content date readers see; undefined for a data revision committed before its dataset had `asOf`. */
  date: Date | undefined;
  /** Place on the main line of the commit that made it (orders entries of one date). */
  order: number;
}

/** A correction or update of a note or event: one `updates` entry, i.e. version k ≥ 2. */
export interface UpdateChange extends ChangeBase {
  kind: 'update';
  date: Date;
  /** "notes" or "events". */
  collection: string;
  slug: string;
  /** Headline of the note, name of the event (today's). */
  title: string;
  /** URL of its latest page. */
  url: string;
  summary: string;
  version: number;
  before: VersionLink;
  after: VersionLink;
}

/** A page that showed revised rows of a data revision, and where to read it before and after. */
export interface RevisionShownIn {
  title: string;
  url: string;
  before: VersionLink;
  after: VersionLink;
  /** True when no version includes the revision yet: the latest page shows a notice. */
  notice: boolean;
}

/** A revision of a dataset's published rows. */
export interface DataRevisionChange extends ChangeBase {
  kind: 'data';
  dataset: string;
  /** The dataset's title, from its metadata after the revision. */
  datasetTitle: string;
  /** The data's own "as of" date after the revision. */
  asOf: Date | undefined;
  /** From the dataset's `revisions` entries added with the change, else DEFAULT_REVISION_SUMMARY. */
  summary: string;
  /** Whether the metadata gave the summary (false: the build warns). */
  summaryGiven: boolean;
  rows: RevisionText[];
  /** Published versions whose figures it revised. */
  shownIn: RevisionShownIn[];
  /** The revision it comes from (for notices to link to). */
  revision: { dataset: string; number: number; position: number; ids: string[] };
}

/** A note withdrawn (docs/versions.md): its URL shows a withdrawal notice; every version stays readable. */
export interface WithdrawalChange extends ChangeBase {
  kind: 'withdrawal';
  date: Date;
  collection: string;
  slug: string;
  title: string;
  /** Its URL: the withdrawal notice. */
  url: string;
  /** Why, as the notice says it. */
  reason: string;
  /** Its last version, as published. */
  last: VersionLink;
}

/** One entry of the change log. Other kinds join this union. */
export type ChangeLogEntry = UpdateChange | DataRevisionChange | WithdrawalChange;

/** A note or event with its versions, as the change log needs it. */
export interface DocumentVersions {
  collection: string;
  /** Slug: the page is `url`, version k is `url` + "vk/". */
  slug: string;
  title: string;
  /** URL of its latest page: "/notes/x/". */
  url: string;
  versions: readonly Version[];
  /** Set when the note was withdrawn: the log lists the withdrawal. */
  withdrawn?: { date: Date; reason: string };
}

/** Inputs of `buildChangeLog`. */
export interface ChangeLogInput {
  documents: readonly DocumentVersions[];
  revisions: readonly DataRevision[];
  /** Place of each main-line commit, oldest 0: versions' vintages are ordered against revisions with it. */
  positions: ReadonlyMap<string, number>;
  /** Whether a document's version showed (at its vintage) any of a revision's rows. */
  shows(document: DocumentVersions, version: Version, revision: DataRevision): boolean;
}

/** The change log, newest first. */
export function buildChangeLog(input: ChangeLogInput): ChangeLogEntry[] {
  const position = (commit: string | undefined) =>
    commit === undefined ? Number.POSITIVE_INFINITY : (input.positions.get(commit) ?? -1);
  const entries: ChangeLogEntry[] = [];
  for (const document of input.documents) {
    for (const version of document.versions) {
      if (version.number < 2 || version.draft) continue;
      entries.push({
        kind: 'update',
        id: `${document.collection}-${document.slug}-v${version.number}`,
        date: version.date,
        order: position(version.startCommit),
        collection: document.collection,
        slug: document.slug,
        title: document.title,
        url: document.url,
        summary: version.summary,
        version: version.number,
        before: link(document, version.number - 1, false),
        after: link(document, version.number, version.latest),
      });
    }
  }
  for (const document of input.documents) {
    const last = document.versions.filter((version) => !version.draft).at(-1);
    if (!document.withdrawn || !last) continue;
    entries.push({
      kind: 'withdrawal',
      id: `${document.collection}-${document.slug}-withdrawn`,
      date: document.withdrawn.date,
      // After everything else of its date: nothing happens to a note once withdrawn.
      order: Number.MAX_SAFE_INTEGER,
      collection: document.collection,
      slug: document.slug,
      title: document.title,
      url: document.url,
      reason: document.withdrawn.reason,
      last: { label: `version ${last.number}`, url: versionUrl(document.url, last.number) },
    });
  }
  for (const revision of input.revisions) {
    const shownIn: RevisionShownIn[] = [];
    for (const document of input.documents) {
      const published = document.versions.filter((version) => !version.draft && version.vintageCommit !== undefined);
      const before = published.filter((version) => position(version.vintageCommit) < revision.position).at(-1);
      if (!before || !input.shows(document, before, revision)) continue;
      const first = published.find((version) => position(version.vintageCommit) >= revision.position);
      // A version that never existed on its own (several entries in one commit) reads as the one it is the same as.
      const after = published.find((version) => version.number === first?.sameAs) ?? first;
      const latest = published.at(-1) as Version;
      shownIn.push({
        title: document.title,
        url: document.url,
        before: link(document, before.number, false),
        after: after
          ? link(document, after.number, after.latest)
          : { label: 'latest version, with a notice', url: document.url },
        notice: !after && latest === before,
      });
    }
    const key = revision.meta.key ?? [];
    const given = revision.entries.length > 0;
    entries.push({
      kind: 'data',
      id: `data-${revision.dataset}-r${revision.number}`,
      date: revision.entries.at(-1)?.date ?? revision.meta.asOf,
      order: revision.position,
      dataset: revision.dataset,
      datasetTitle: revision.meta.title,
      asOf: revision.meta.asOf,
      summary: given ? revision.entries.map((entry) => entry.summary).join('; ') : DEFAULT_REVISION_SUMMARY,
      summaryGiven: given,
      rows: revision.rows.map((row) => revisionText(row, revision.meta, key)),
      shownIn,
      revision: {
        dataset: revision.dataset,
        number: revision.number,
        position: revision.position,
        ids: revision.rows.map((row) => row.id),
      },
    });
  }
  return sortChangeLog(entries);
}

/** Newest first: by content date, then by commit; undated entries (history before `asOf`) last. */
export function sortChangeLog<T extends ChangeBase>(entries: readonly T[]): T[] {
  return [...entries].sort((a, b) => {
    const at = a.date?.getTime() ?? Number.NEGATIVE_INFINITY;
    const bt = b.date?.getTime() ?? Number.NEGATIVE_INFINITY;
    if (at !== bt) return bt - at;
    if (a.order !== b.order) return b.order - a.order;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
}

/**
 * The change log entry a notice links to: the newest revision of `dataset` after a version's
 * vintage (at `position`) that changed one of the rows it shows.
 */
export function revisionEntryFor(
  entries: readonly ChangeLogEntry[],
  dataset: string,
  position: number,
  ids: readonly string[],
): DataRevisionChange | undefined {
  const wanted = new Set(ids);
  return entries.find(
    (entry): entry is DataRevisionChange =>
      entry.kind === 'data' &&
      entry.dataset === dataset &&
      entry.revision.position > position &&
      entry.revision.ids.some((id) => wanted.has(id)),
  );
}

function link(document: DocumentVersions, number: number, latest: boolean): VersionLink {
  return { label: `version ${number}`, url: latest ? document.url : versionUrl(document.url, number) };
}
