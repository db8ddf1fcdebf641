import { loadDataset } from '../data/load.ts';
import type { FileSource } from '../data/source.ts';
import { diffPairs } from './diff-pairs.ts';
import type { Version } from './model.ts';
import type { ContentVersions, VersionIndex } from './types.ts';

/** How a page's URLs are made from a collection and an entry id; the lead's routing decides. */
export type UrlOf = (collection: string, id: string) => string;

/** Default URL of the latest version: `/notes/<id>/`. */
export const defaultUrlOf: UrlOf = (collection, id) => `/${collection}/${id}/`;

/** URL of version `number` under a latest-version URL: `/notes/x/` → `/notes/x/v2/`. */
export function versionUrl(baseUrl: string, number: number): string {
  return `${baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`}v${number}/`;
}

/** URL of the page showing what changed in version `number`: `/notes/x/` → `/notes/x/v2/diff/`. */
export function diffUrl(baseUrl: string, number: number): string {
  return `${versionUrl(baseUrl, number)}diff/`;
}

/** A dataset a version uses; `latest` when the chart asked for `vintage="latest"`. */
export type DatasetUse = string | { name: string; vintage: 'latest' };

/** One dataset of one version in `/versions.json`. */
export interface ManifestDataset {
  name: string;
  /** Commit the data was read at; null for the working tree (an unpublished draft). */
  vintage: string | null;
  /** Whether the chart opted out of pinning with `vintage="latest"`. */
  latest: boolean;
  /** Content hash of the CSV and its metadata at that vintage (Dataset.hash). */
  hash: string;
}

/** One version in `/versions.json`. */
export interface ManifestVersion {
  number: number;
  url: string;
  /** YYYY-MM-DD: `published` for version 1, its `updates` entry's date otherwise. */
  date: string;
  summary: string;
  /** Commit that started the version; null for a draft. */
  commit: string | null;
  /** Commit holding its text; null when it is the working tree's uncommitted text. */
  textCommit: string | null;
  latest: boolean;
  /** Published together with this version, when several `updates` entries landed in one commit. */
  sameAs?: number;
  /** URL of the page showing what changed from the version before (versions 2 onwards with text of their own). */
  diff?: string;
  datasets: ManifestDataset[];
}

/** One note or event in `/versions.json`. */
export interface ManifestEntry {
  collection: string;
  id: string;
  /** URL of the latest version. */
  url: string;
  /** Version 1's date (`published`), YYYY-MM-DD; null for an unpublished draft. Never a commit date. */
  firstPublished: string | null;
  /** The latest version's date, YYYY-MM-DD: on or after `firstPublished` and every version's date. */
  lastUpdated: string;
  /** Set when the note was withdrawn: its URL shows a withdrawal notice; every version stays at its URL. */
  withdrawn?: { date: string; reason: string };
  versions: ManifestVersion[];
}

/** The `/versions.json` document. */
export interface VersionsManifest {
  /** False when built without history: the list then has only current versions. */
  versionsAvailable: boolean;
  entries: ManifestEntry[];
}

/** Options for `buildVersionsManifest`. */
export interface ManifestOptions {
  urlOf?: UrlOf;
  /** Datasets each version uses, as the caller found them while rendering; none when omitted. */
  datasetsUsed?: (entry: ContentVersions, version: Version) => readonly DatasetUse[];
  /** Content hash of a dataset read from a source; default `loadDataset(name, source).hash`. */
  hashDataset?: (name: string, source: FileSource) => string;
  /** Leave out unpublished drafts (production builds). Default true. */
  skipUnpublished?: boolean;
}

/**
 * Builds `/versions.json`: every note and event, every version with URL, date, summary,
 * commit and, per dataset used, its vintage and content hash. Sorted by URL and free of
 * build times, so the same commit always gives the same bytes.
 */
export function buildVersionsManifest(index: VersionIndex, options: ManifestOptions = {}): VersionsManifest {
  const urlOf = options.urlOf ?? defaultUrlOf;
  const hashDataset = options.hashDataset ?? ((name, source) => loadDataset(name, source).hash);
  const entries: ManifestEntry[] = [];
  for (const entry of index.files.values()) {
    if ((options.skipUnpublished ?? true) && entry.unpublished) continue;
    const url = urlOf(entry.collection, entry.id);
    const diffs = new Set(diffPairs(entry.versions).map((pair) => pair.version.number));
    entries.push({
      collection: entry.collection,
      id: entry.id,
      url,
      // Content dates, as pages and feeds show them: version 1's `published`, the latest entry's date.
      // Without history only the latest version is known: its date is not the first publication.
      firstPublished: entry.unpublished || !index.available ? null : isoDate((entry.versions[0] as Version).date),
      lastUpdated: isoDate(entry.lastUpdated),
      versions: entry.versions.map((version) => {
        const datasets = (options.datasetsUsed?.(entry, version) ?? []).map((use): ManifestDataset => {
          const name = typeof use === 'string' ? use : use.name;
          const latest = typeof use !== 'string';
          const vintage = latest ? index.head : version.vintageCommit;
          const source = index.data(latest ? undefined : version.vintageCommit);
          return { name, vintage: vintage ?? null, latest, hash: hashDataset(name, source) };
        });
        datasets.sort((a, b) => compare(a.name, b.name));
        const item: ManifestVersion = {
          number: version.number,
          url: versionUrl(url, version.number),
          date: isoDate(version.date),
          summary: version.summary,
          commit: version.startCommit ?? null,
          textCommit: version.latest && entry.uncommitted ? null : (version.textCommit ?? null),
          latest: version.latest,
          datasets,
        };
        if (version.sameAs !== undefined) item.sameAs = version.sameAs;
        if (diffs.has(version.number)) item.diff = diffUrl(url, version.number);
        return item;
      }),
      ...(entry.withdrawn
        ? { withdrawn: { date: isoDate(entry.withdrawn.date), reason: entry.withdrawn.reason } }
        : {}),
    });
  }
  entries.sort((a, b) => compare(a.url, b.url));
  return { versionsAvailable: index.available, entries };
}

/** Serialises the manifest with a stable layout and a final newline. */
export function serializeVersionsManifest(manifest: VersionsManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
