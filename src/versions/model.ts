import { AssayError } from '../lib/errors.ts';
import type { UpdateEntry } from './frontmatter.ts';

/**
 * The versions model (docs/versions.md), as pure functions of a file's history:
 * version 1 is the file as first published; each `updates` entry starts the next version.
 */

/** The file at one commit, with its `updates` list as read there. */
export interface RevisionState {
  /** Commit hash; undefined for uncommitted changes in the working tree (always last). */
  commit: string | undefined;
  /** Committer date; undefined for the working tree. */
  date: Date | undefined;
  /** Project-relative path at that commit. */
  path: string;
  /** The `updates` list there; undefined when the frontmatter could not be read (the count carries over). */
  updates: UpdateEntry[] | undefined;
}

/** One version of a note or event. */
export interface Version {
  /** 1 for the first publication; N + 1 once N `updates` entries exist. */
  number: number;
  /** Commit that started this version; undefined when it starts with uncommitted changes (a draft). */
  startCommit: string | undefined;
  /** Committer date of `startCommit`: machinery (ordering), never shown to readers as a content date. */
  startDate: Date | undefined;
  /** Commit whose file text is this version's text; undefined means the working tree. */
  textCommit: string | undefined;
  /** Path of the file at `textCommit` (an old path if the file was renamed since). */
  textPath: string;
  /** Commit whose `data/` the version's charts read: `startCommit`; undefined means the working tree. */
  vintageCommit: string | undefined;
  /** The `updates` summary that started it, or "First published". */
  summary: string;
  /** The `updates` entry's date, or the published date for version 1. */
  date: Date;
  /** Whether this is the newest version (its text is the working tree). */
  latest: boolean;
  /** Whether it starts with uncommitted changes, i.e. is not published yet. */
  draft: boolean;
  /**
   * Set when several entries arrived in one commit: this version never existed on its own,
   * and its text and data are those of the version named here. Pages may redirect to it.
   */
  sameAs?: number;
}

/** Summary of version 1 in change logs. */
export const FIRST_PUBLISHED = 'First published';

/** Inputs beyond the revisions that `versionsOf` needs. */
export interface VersionsOptions {
  /** Project-relative path today, for messages. */
  file: string;
  /** Today's `updates` list (working tree): summaries and dates come from it, so an author can fix a typo in one. */
  updates: readonly UpdateEntry[];
  /** Today's `published` date, for version 1 of a note or event. */
  published?: Date;
  /** Date for anything not yet committed and undated: the build date, never the wall clock. */
  buildDate: Date;
}

/**
 * Versions of one file from its revisions, oldest first (the working tree last, when it has
 * uncommitted changes). Versions are permanent: a version starts when the number of `updates`
 * entries first exceeds the highest number seen before, so a later edit never renumbers or
 * removes a published version. Throws when today's file has fewer entries than were published.
 */
export function versionsOf(revisions: readonly RevisionState[], options: VersionsOptions): Version[] {
  if (revisions.length === 0) throw new Error(`versionsOf: no revisions for ${options.file}`);
  const counts = carriedCounts(revisions);
  const starts: { number: number; index: number; sameAs?: number }[] = [];
  let highest = -1;
  counts.forEach((count, index) => {
    if (count <= highest) return;
    // Entries highest+1 … count all arrive here; only the last of them has text of its own.
    for (let number = highest + 2; number <= count + 1; number++) {
      starts.push({ number, index, sameAs: number < count + 1 ? count + 1 : undefined });
    }
    highest = count;
  });
  const current = counts[counts.length - 1] as number;
  if (current < highest) throw removedEntryError(options.file, highest, current, revisions, counts);

  const versions = starts.map((start, position): Version => {
    const latest = position === starts.length - 1;
    const startRevision = revisions[start.index] as RevisionState;
    const textIndex = latest
      ? revisions.length - 1
      : textRevisionIndex(counts, start.index, nextDistinctStart(starts, position), start.number - 1);
    const textRevision = revisions[textIndex] as RevisionState;
    const entry =
      start.number === 1 ? undefined : (options.updates[start.number - 2] ?? startRevision.updates?.[start.number - 2]);
    const version: Version = {
      number: start.number,
      startCommit: startRevision.commit,
      startDate: startRevision.date,
      textCommit: textRevision.commit,
      textPath: textRevision.path,
      vintageCommit: startRevision.commit,
      summary: entry ? entry.summary : FIRST_PUBLISHED,
      // A content date, never a commit date: the entry's, or `published` for version 1. Only a
      // file the schema refuses lacks one; the build date keeps output reproducible meanwhile.
      date: (entry ? entry.date : options.published) ?? options.buildDate,
      latest,
      draft: startRevision.commit === undefined,
    };
    if (start.sameAs !== undefined) version.sameAs = start.sameAs;
    return version;
  });
  // A version that never existed on its own shows the text of the one it arrived with.
  for (const version of versions) {
    const target = version.sameAs === undefined ? undefined : versions[version.sameAs - 1];
    if (target) {
      version.textCommit = target.textCommit;
      version.textPath = target.textPath;
    }
  }
  return versions;
}

/** Number of entries at each revision; unreadable frontmatter keeps the previous count (history cannot be fixed). */
function carriedCounts(revisions: readonly RevisionState[]): number[] {
  let previous = 0;
  return revisions.map((revision) => {
    previous = revision.updates?.length ?? previous;
    return previous;
  });
}

/** Index of the revision where the next version with its own text starts (or the end). */
function nextDistinctStart(starts: readonly { index: number }[], position: number): number {
  const here = (starts[position] as { index: number }).index;
  for (let next = position + 1; next < starts.length; next++) {
    const index = (starts[next] as { index: number }).index;
    if (index !== here) return index;
  }
  return Number.POSITIVE_INFINITY;
}

/** Newest revision in [from, until) with exactly `entries` entries; the last one in range if a dip left none. */
function textRevisionIndex(counts: readonly number[], from: number, until: number, entries: number): number {
  const end = Math.min(until, counts.length) - 1;
  for (let index = end; index >= from; index--) if (counts[index] === entries) return index;
  return Math.max(from, end);
}

function removedEntryError(
  file: string,
  highest: number,
  current: number,
  revisions: readonly RevisionState[],
  counts: readonly number[],
): AssayError {
  const at = counts.indexOf(highest);
  const commit = revisions[at]?.commit;
  return new AssayError(
    `the updates list has ${current} entr${current === 1 ? 'y' : 'ies'} but had ${highest}${commit ? ` at commit ${commit.slice(0, 7)}` : ''}: ` +
      `versions 1 to ${highest + 1} are published and an entry cannot be removed`,
    {
      file,
      hint: 'restore the removed updates entry; to retract a correction, add a new entry that says so (e.g. "Withdrew the 2 May correction")',
    },
  );
}
