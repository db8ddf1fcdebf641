/**
 * The shapes of the version index (what `loadVersionIndex` reads from git history), apart
 * from the code that reads it, so the modules that use the index need not import its reader.
 */
import type { FileSource } from '../data/source.ts';
import type { Version } from './model.ts';

/** A commit and its committer date. */
export interface CommitRef {
  commit: string;
  date: Date;
}

/** Versions and dates of one note or event in the working tree. */
export interface ContentVersions {
  /** Project-relative path today: "content/notes/2025-06-magnets.mdx". */
  file: string;
  /** Collection, from the content folder's name: "notes" or "events". */
  collection: string;
  /** Path inside the collection folder without extension: "2025-06-magnets" (the default URL slug). */
  id: string;
  /** Every version, oldest first; the last is the latest. */
  versions: Version[];
  /** The newest version (also the last of `versions`). */
  latest: Version;
  /** The commit that first published it (machinery: pages show version 1's `published` date); undefined for an unpublished draft. */
  firstPublished: CommitRef | undefined;
  /** Date of the latest version: its `updates` entry date, or the published date. */
  lastUpdated: Date;
  /** Newest commit touching the file, typo fixes included (e.g. for sitemap lastmod). */
  lastCommit: CommitRef | undefined;
  /** Earlier project-relative paths from git renames, oldest first: each needs a redirect. */
  oldPaths: string[];
  /** The same earlier paths as collection and id (renames out of the content folders are left out). */
  oldIds: ContentFile[];
  /** `aliases` from today's frontmatter. */
  aliases: string[];
  /** `draft: true` in the working tree: built in dev only. */
  draft: boolean;
  /** Whether the working tree differs from HEAD for this file (modified or untracked). */
  uncommitted: boolean;
  /** Whether no commit contains it yet: an "unpublished draft". */
  unpublished: boolean;
  /**
   * `withdrawn: { date, reason }` in the working tree: its URL shows a withdrawal notice, every
   * version stays at its `/vN/`, and it leaves feeds, the sitemap and search (docs/versions.md).
   */
  withdrawn?: { date: Date; reason: string };
}

/** A note or event git history published whose file is gone from the working tree (and no note continues it). */
export interface DeletedContent extends ContentFile {
  /** Its URLs git history published: its page and each version's `/vN/`, under every slug it had. */
  urls: string[];
}

/** Everything pages need about versions, read once per build. */
export interface VersionIndex {
  /** False when history is missing and that was allowed: pages must say versions are unavailable. */
  available: boolean;
  /** Why versions are unavailable, for pages and a build warning. */
  unavailableReason: string | undefined;
  /** HEAD commit, if any. */
  head: string | undefined;
  /** Every note and event in the working tree, keyed by project-relative path. */
  files: Map<string, ContentVersions>;
  /** Whether `data/` has uncommitted changes (published versions do not show them). */
  dataUncommitted: boolean;
  /** Project-relative paths under `data/` that differ from HEAD (modified or untracked), sorted. */
  uncommittedData: string[];
  /**
   * Every URL the site has published, derived from committed history on the main line
   * (src/versions/published-urls.ts); empty without history.
   */
  publishedUrls: string[];
  /** Published notes and events deleted from the working tree: the guard asks to withdraw them instead. */
  deleted: DeletedContent[];
  /** Text of a version of a file: the working tree for the latest. */
  text(file: string, version: number): string;
  /** Where a version's charts read data: its vintage commit, or the working tree when undefined. */
  data(vintageCommit: string | undefined): FileSource;
}

/** A content file's path, collection and id. */
export interface ContentFile {
  /** Project-relative path. */
  file: string;
  /** The content folder's name: "notes". */
  collection: string;
  /** Path inside the folder without extension: the default slug. */
  id: string;
}
