import path from 'node:path';
import { type FileSource, workingTree } from '../data/source.ts';
import { runtime } from '../runtime/index.ts';
import { type ContentVersions, loadVersionIndex, type VersionIndex } from './index.ts';
import type { Version } from './model.ts';

export { datasetsNamedIn } from './published-data.ts';

/** Where earlier versions' MDX texts are written for the `noteVersions` / `eventVersions` collections. */
export const VERSION_TEXTS_DIR = '.assay/versions';

/**
 * The site's version index, read from git once per build and kept in the build's runtime (a
 * second build in the same process reads history again). `astro dev` re-reads it on each call
 * so new commits show up, and tolerates missing history so a fresh folder can still preview.
 */
export function siteVersions(options: { dev?: boolean } = {}): VersionIndex {
  if (options.dev) return loadVersionIndex({ root: process.cwd(), allowMissingHistory: true });
  const rt = runtime();
  rt.versionIndex ??= loadVersionIndex({ root: process.cwd() });
  return rt.versionIndex;
}

/**
 * Gives this build's runtime the index the versions integration read at `astro:config:setup`,
 * so pages and the other integrations do not read the same history from git again. Only for a
 * build of the site in the working directory, the one `siteVersions` would read.
 */
export function shareVersionIndex(root: string, index: VersionIndex): void {
  if (path.resolve(root) === path.resolve(process.cwd())) runtime().versionIndex = index;
}

/** The index this build's runtime already holds, if any (integrations that run after the versions one). */
export function sharedVersionIndex(): VersionIndex | undefined {
  return runtime().versionIndex;
}

/** Versions of one content file; a single undated working-tree version when the index lacks it. */
export function versionsOf(index: VersionIndex, file: string): ContentVersions | undefined {
  return index.files.get(file);
}

/** Working-tree sources of `npm run dev` and the data files they hold that no commit has published. */
const unpublished = new WeakMap<FileSource, ReadonlySet<string>>();

/**
 * Whether a chart reading `dataset` from `source` shows uncommitted data (only in `npm run dev`,
 * where the latest version reads the working tree so an author sees a CSV edit at once):
 * such charts are labelled "unpublished data".
 */
export function isUnpublishedData(source: FileSource, dataset: string): boolean {
  const files = unpublished.get(source);
  return files !== undefined && ['.csv', '.tsv', '.yml'].some((ext) => files.has(`data/${dataset}${ext}`));
}

/**
 * Where a version's charts read data: its vintage commit, which the chart's "About this data"
 * names (the "data as of" date is the metadata's own `asOf` there). In dev, the latest version
 * reads the working tree when data has uncommitted edits, so an author sees a CSV change at
 * once; `isUnpublishedData` tells which datasets those are.
 */
export function versionData(index: VersionIndex, version: Version, options: { dev?: boolean } = {}): FileSource {
  const commit = version.vintageCommit;
  if (options.dev && version.latest && index.dataUncommitted) {
    const tree = workingTree();
    unpublished.set(tree, new Set(index.uncommittedData));
    return tree;
  }
  if (!commit) return workingTree();
  const source = index.data(commit);
  return {
    id: source.id,
    history: source.history,
    read: (file) => source.read(file),
    readBytes: (file) => (source.readBytes ? source.readBytes(file) : undefined),
    list: (dir) => source.list(dir),
    vintage: { commit, date: version.startDate ?? version.date },
  };
}

/** The latest data (HEAD, or the working tree), for charts that ask for `vintage="latest"`. */
export function latestData(): FileSource {
  return workingTree();
}
