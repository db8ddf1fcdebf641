import { type FileSource, workingTree } from '../data/source.ts';
import { type ContentVersions, loadVersionIndex, type VersionIndex } from './index.ts';
import type { Version } from './model.ts';

/** Where earlier versions' MDX texts are written for the `noteVersions` / `eventVersions` collections. */
export const VERSION_TEXTS_DIR = '.assay/versions';

let cached: VersionIndex | undefined;

/**
 * The site's version index, read from git once per build. `astro dev` re-reads it on each call
 * so new commits show up, and tolerates missing history so a fresh folder can still preview.
 */
export function siteVersions(options: { dev?: boolean } = {}): VersionIndex {
  if (options.dev) return loadVersionIndex({ root: process.cwd(), allowMissingHistory: true });
  cached ??= loadVersionIndex({ root: process.cwd() });
  return cached;
}

/** Versions of one content file; a single undated working-tree version when the index lacks it. */
export function versionsOf(index: VersionIndex, file: string): ContentVersions | undefined {
  return index.files.get(file);
}

/**
 * Where a version's charts read data: its vintage commit, labelled so source lines say
 * "data as of <commit date> (<short commit>)". In dev, the latest version reads the working
 * tree when data has uncommitted edits, so an author sees a CSV change at once.
 */
export function versionData(index: VersionIndex, version: Version, options: { dev?: boolean } = {}): FileSource {
  const commit = version.vintageCommit;
  if (!commit || (options.dev && version.latest && index.dataUncommitted)) return workingTree();
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

/** Datasets an MDX text names in `data="…"` on Chart, Value and Change, for /versions.json. */
export function datasetsNamedIn(text: string): { name: string; latest: boolean }[] {
  const found = new Map<string, boolean>();
  const tag = /<(?:Chart|Value|Change)\b([^>]*?)\/?>/gs;
  for (const match of text.matchAll(tag)) {
    const attributes = match[1] ?? '';
    const name = /\bdata=["']([^"']+)["']/.exec(attributes)?.[1];
    if (!name) continue;
    const latest = /\bvintage=["']latest["']/.test(attributes);
    found.set(name, (found.get(name) ?? false) || latest);
  }
  return [...found].map(([name, latest]) => ({ name, latest })).sort((a, b) => a.name.localeCompare(b.name));
}
