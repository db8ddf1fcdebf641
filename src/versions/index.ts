import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type FileSource, workingTree } from '../data/source.ts';
import { slugOf } from '../integrations/content-slugs.ts';
import { resolveBuildDate } from '../lib/build-date.ts';
import { AssayError, isAssayError, throwProblems } from '../lib/errors.ts';
import { CommitFiles, dataAtCommit } from './data-at-commit.ts';
import { updateDateProblemsInText } from './dates.ts';
import {
  type HistoricFrontmatter,
  readHistoricFrontmatter,
  readVersionFrontmatter,
  type VersionFrontmatter,
} from './frontmatter.ts';
import { type GitRepo, readContentLog, readObjects, uncommittedPaths } from './git.ts';
import { type FileHistory, fileHistories } from './history.ts';
import { allowMissingHistoryFromEnv, checkHistory } from './history-check.ts';
import { type RevisionState, type Version, versionsOf } from './model.ts';
import { normaliseUrl } from './permalinks.ts';
import { publishedUrlsFromHistory, publishedUrlsOf } from './published-urls.ts';
import type { ContentFile, ContentVersions, DeletedContent, VersionIndex } from './types.ts';

export { CommitFiles, dataAtCommit } from './data-at-commit.ts';
export { updateDateProblems, updateDateProblemsInText } from './dates.ts';
export { ALLOW_NO_HISTORY_ENV, allowMissingHistoryFromEnv, checkHistory } from './history-check.ts';
export * from './manifest.ts';
export { FIRST_PUBLISHED, type Version, versionsOf } from './model.ts';
export * from './permalinks.ts';
export * from './redirects.ts';
export type { CommitRef, ContentFile, ContentVersions, DeletedContent, VersionIndex } from './types.ts';

/** Options for `loadVersionIndex`. */
export interface LoadVersionIndexOptions {
  /** Project directory (holds `content/` and `data/`). */
  root: string;
  /** Content folders, project-relative; the folder's name is the collection. */
  contentDirs?: readonly string[];
  /** Data folder whose files at each vintage are read ahead in one batch. */
  dataDir?: string;
  /** Build without history (a shallow clone, no repository) instead of failing. Default: `ASSAY_ALLOW_NO_HISTORY=1`. */
  allowMissingHistory?: boolean;
  /** Date for undated drafts; default: the build date (ASSAY_BUILD_DATE, SOURCE_DATE_EPOCH, HEAD). */
  buildDate?: Date;
}

const CONTENT_EXTENSIONS = ['.mdx', '.md'];

/**
 * Reads versions of every note and event from git history: one `git log`, one `git status`,
 * and a few `git cat-file --batch` calls in all. Call it once per build and reuse the result.
 * Throws an AssayError for a shallow clone or a missing repository unless that is allowed.
 */
export function loadVersionIndex(options: LoadVersionIndexOptions): VersionIndex {
  const root = path.resolve(options.root);
  const contentDirs = options.contentDirs ?? ['content/notes', 'content/events'];
  const dataDir = options.dataDir ?? 'data';
  const allow = options.allowMissingHistory ?? allowMissingHistoryFromEnv();
  const files = listContent(root, contentDirs);
  const texts = new Map(files.map((file) => [file.file, readFileSync(path.join(root, file.file), 'utf8')]));

  const check = checkHistory(root);
  if (!check.ok) {
    if (!allow) throw check.error;
    return withoutHistory(root, files, texts, check.reason, options.buildDate ?? new Date(0));
  }
  const repo = check.repo;
  const buildDate = options.buildDate ?? defaultBuildDate(repo);
  const log = readContentLog(repo, contentDirs);
  const histories = fileHistories(log, (file) => isContent(file, contentDirs));
  const changed = uncommittedPaths(repo, [...contentDirs, dataDir]);
  // A rename git could not see, declared with `aliases`, continues the old file's history.
  const joined = joinAliasedHistories(
    histories,
    files,
    texts,
    new Map(log.map((commit, at) => [commit.hash, at])),
    contentDirs,
  );

  // Every committed text of every file (deleted ones too: they published URLs), in one batch;
  // parsed once per distinct blob.
  const wanted = [...histories.values()].flatMap((history) => history.revisions.map((revision) => revision.blob));
  const blobs = readObjects(repo, wanted);
  const stateAt = new Map<string, HistoricFrontmatter | undefined>();
  for (const [id, data] of blobs) stateAt.set(id, data ? readHistoricFrontmatter(data.toString('utf8')) : undefined);
  const publishedUrls = publishedUrlsFromHistory(
    histories.values(),
    (blob) => stateAt.get(blob),
    (path) => contentFile(path, contentDirs),
  );
  const deleted: DeletedContent[] = [];
  const present = new Set(files.map((file) => file.file));
  for (const history of histories.values()) {
    // Deleted in a commit, or in the working tree only (not committed yet).
    const file = history.deleted || !present.has(history.path) ? contentFile(history.path, contentDirs) : undefined;
    if (!file) continue;
    const urls = publishedUrlsOf(
      history,
      (blob) => stateAt.get(blob),
      (path) => contentFile(path, contentDirs),
    );
    const own = [...urls].filter(
      (url) => url.startsWith(`/${file.collection}/`) && !/^\/notes\/\d{4}\/\d{2}\/$/.test(url),
    );
    if (own.length > 0) deleted.push({ ...file, urls: own.sort() });
  }
  deleted.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));

  const entries = new Map<string, ContentVersions>();
  const versionTexts = new Map<string, string>();
  // Content dates readers see must not go back in time (working tree only: history is as it was).
  throwProblems(files.flatMap((file) => updateDateProblemsInText(texts.get(file.file) as string, file.file)));
  for (const file of files) {
    const text = texts.get(file.file) as string;
    const current = readVersionFrontmatter(text);
    const history = histories.get(file.file);
    const uncommitted = changed.has(file.file) || !history;
    const revisions: RevisionState[] = (history?.revisions ?? []).map((revision) => ({
      commit: revision.commit,
      date: revision.date,
      path: revision.path,
      updates: stateAt.get(revision.blob)?.updates,
    }));
    if (uncommitted) revisions.push({ commit: undefined, date: undefined, path: file.file, updates: current?.updates });
    let versions: Version[];
    try {
      versions = versionsOf(revisions, {
        file: file.file,
        updates: current?.updates ?? [],
        published: current?.published,
        buildDate,
      });
    } catch (error) {
      const from = joined.get(file.file);
      if (!from || !isAssayError(error)) throw error;
      throw new AssayError(`${error.problem} (its history continues ${from}, named in aliases)`, {
        file: file.file,
        hint: `a note that continues another keeps its updates entries, so each published version of ${from} keeps its URL: copy them over; if this is a different note, remove the alias and restore ${from} with withdrawn: { date, reason } instead`,
      });
    }
    for (const version of versions) {
      // A version with no commit of its own text (one of several entries added to a file not
      // committed yet) shares the working tree's text with the version it arrived with.
      const own = version.latest || version.textCommit === undefined;
      versionTexts.set(textKey(file.file, version.number), own ? text : committedText(history, version, blobs));
    }
    entries.set(file.file, describe(file, versions, history, current, uncommitted, contentDirs));
  }

  const commitFiles = new CommitFiles(repo);
  const vintages = [...entries.values()].flatMap((entry) => entry.versions.map((version) => version.vintageCommit));
  commitFiles.prefetch(
    vintages.filter((commit): commit is string => commit !== undefined),
    dataDir,
  );
  return makeIndex(root, {
    available: true,
    unavailableReason: undefined,
    head: repo.head,
    files: entries,
    dataUncommitted: [...changed].some((file) => file.startsWith(`${dataDir}/`)),
    uncommittedData: [...changed].filter((file) => file.startsWith(`${dataDir}/`)).sort(),
    publishedUrls,
    deleted,
    texts: versionTexts,
    commitFiles,
  });
}

function describe(
  file: ContentFile,
  versions: Version[],
  history: FileHistory | undefined,
  current: VersionFrontmatter | undefined,
  uncommitted: boolean,
  contentDirs: readonly string[],
): ContentVersions {
  const latest = versions[versions.length - 1] as Version;
  const oldPaths = [...new Set(history?.renames.map((rename) => rename.from) ?? [])].filter((old) => old !== file.file);
  const first = history?.revisions[0];
  const last = history?.revisions[history.revisions.length - 1];
  return {
    file: file.file,
    collection: file.collection,
    id: file.id,
    versions,
    latest,
    firstPublished: first ? { commit: first.commit, date: first.date } : undefined,
    lastUpdated: latest.date,
    lastCommit: last ? { commit: last.commit, date: last.date } : undefined,
    oldPaths,
    oldIds: oldPaths.flatMap((old) => contentFile(old, contentDirs) ?? []),
    aliases: current?.aliases ?? [],
    draft: current?.draft ?? false,
    uncommitted,
    unpublished: !first,
    ...(current?.withdrawn?.date
      ? { withdrawn: { date: current.withdrawn.date, reason: current.withdrawn.reason } }
      : {}),
  };
}

/**
 * Joins histories for renames git could not see: a note whose `aliases` name the URL of a
 * deleted note of the same collection continues that note's history, so its published `/vN/`
 * URLs lead to the same versions under the new slug. Returns, for each continuing file, the
 * file it continues. Throws when both were published at once: a different document cannot
 * take over published version URLs.
 */
function joinAliasedHistories(
  histories: Map<string, FileHistory>,
  files: readonly ContentFile[],
  texts: ReadonlyMap<string, string>,
  order: ReadonlyMap<string, number>,
  contentDirs: readonly string[],
): Map<string, string> {
  const joined = new Map<string, string>();
  const deletedById = new Map<string, FileHistory>();
  const present = new Set(files.map((file) => file.file));
  for (const history of histories.values()) {
    // Deleted in a commit, or in the working tree only (a rename not committed yet).
    const gone = history.deleted || !present.has(history.path);
    const file = gone ? contentFile(history.path, contentDirs) : undefined;
    if (file) deletedById.set(`${file.collection}/${file.id}`, history);
  }
  if (deletedById.size === 0) return joined;
  for (const file of files) {
    const text = texts.get(file.file) as string;
    for (const alias of readVersionFrontmatter(text)?.aliases ?? []) {
      const match = /^\/([^/]+)\/([^/]+)\/$/.exec(normaliseUrl(alias));
      const old = match && match[1] === file.collection ? deletedById.get(`${match[1]}/${match[2]}`) : undefined;
      if (!old) continue;
      const mine = histories.get(file.file);
      const myFirst = mine?.revisions[0];
      // Deleted in the working tree only: it is still published at HEAD.
      const oldEnd = old.deletedAt === undefined ? Number.POSITIVE_INFINITY : order.get(old.deletedAt);
      if (myFirst && oldEnd !== undefined && (order.get(myFirst.commit) ?? 0) < oldEnd) {
        const line = text.split('\n').findIndex((row) => row.includes(alias)) + 1;
        throw new AssayError(
          `aliases: '${alias}' is the address of ${old.path}, which was published alongside this note${old.deletedAt ? ` (until commit ${old.deletedAt.slice(0, 7)})` : ''}; a different document cannot take over its version URLs`,
          {
            file: file.file,
            line: line || undefined,
            column: line ? (text.split('\n')[line - 1] as string).indexOf(alias) + 1 : undefined,
            hint: `remove the alias and restore ${old.path} with withdrawn: { date: YYYY-MM-DD, reason: "…" } in its frontmatter: its URL then says why it was withdrawn and keeps every version readable`,
          },
        );
      }
      const renamedAt = myFirst ?? { commit: old.deletedAt ?? '', date: new Date(0) };
      histories.delete(old.path);
      histories.set(file.file, {
        path: file.file,
        revisions: [...old.revisions, ...(mine?.revisions ?? [])],
        renames: [
          ...old.renames,
          { from: old.path, to: file.file, commit: renamedAt.commit, date: renamedAt.date },
          ...(mine?.renames ?? []),
        ],
        deleted: false,
      });
      deletedById.delete(`${match?.[1]}/${match?.[2]}`);
      joined.set(file.file, old.path);
    }
  }
  return joined;
}

function committedText(
  history: FileHistory | undefined,
  version: Version,
  blobs: Map<string, Buffer | undefined>,
): string {
  const revision = history?.revisions.find((candidate) => candidate.commit === version.textCommit);
  const data = revision ? blobs.get(revision.blob) : undefined;
  if (!data) throw new Error(`versions: no text for ${version.textPath} at ${version.textCommit}`);
  return data.toString('utf8');
}

/** Without history every file is a single, current version read from the working tree. */
function withoutHistory(
  root: string,
  files: ContentFile[],
  texts: Map<string, string>,
  reason: string,
  buildDate: Date,
): VersionIndex {
  const entries = new Map<string, ContentVersions>();
  const versionTexts = new Map<string, string>();
  for (const file of files) {
    const text = texts.get(file.file) as string;
    const current = readVersionFrontmatter(text);
    const updates = current?.updates ?? [];
    const last = updates[updates.length - 1];
    const latest: Version = {
      number: updates.length + 1,
      startCommit: undefined,
      startDate: undefined,
      textCommit: undefined,
      textPath: file.file,
      vintageCommit: undefined,
      summary: last?.summary ?? 'First published',
      date: last?.date ?? current?.published ?? buildDate,
      latest: true,
      draft: false,
    };
    versionTexts.set(textKey(file.file, latest.number), text);
    entries.set(file.file, {
      file: file.file,
      collection: file.collection,
      id: file.id,
      versions: [latest],
      latest,
      firstPublished: undefined,
      lastUpdated: latest.date,
      lastCommit: undefined,
      oldPaths: [],
      oldIds: [],
      aliases: current?.aliases ?? [],
      draft: current?.draft ?? false,
      uncommitted: false,
      unpublished: false,
      ...(current?.withdrawn?.date
        ? { withdrawn: { date: current.withdrawn.date, reason: current.withdrawn.reason } }
        : {}),
    });
  }
  return makeIndex(root, {
    available: false,
    unavailableReason: reason,
    head: undefined,
    files: entries,
    dataUncommitted: false,
    uncommittedData: [],
    publishedUrls: [],
    deleted: [],
    texts: versionTexts,
    commitFiles: undefined,
  });
}

function makeIndex(
  root: string,
  parts: Omit<VersionIndex, 'text' | 'data'> & { texts: Map<string, string>; commitFiles: CommitFiles | undefined },
): VersionIndex {
  const { texts, commitFiles, ...rest } = parts;
  const tree = workingTree(root);
  const sources = new Map<string, FileSource>();
  return {
    ...rest,
    text(file, version) {
      const text = texts.get(textKey(file, version));
      if (text === undefined) throw new Error(`versions: ${file} has no version ${version}`);
      return text;
    },
    data(commit) {
      if (commit === undefined || !commitFiles) return tree;
      let source = sources.get(commit);
      if (!source) {
        source = dataAtCommit(commitFiles, commit);
        sources.set(commit, source);
      }
      return source;
    },
  };
}

function textKey(file: string, version: number): string {
  return `${file}\0${version}`;
}

/** Collection and id of a project-relative path, if it is in one of the content folders. */
export function contentFile(file: string, contentDirs: readonly string[]): ContentFile | undefined {
  const dir = contentDirs.find((candidate) => file.startsWith(`${candidate}/`));
  if (!dir || !CONTENT_EXTENSIONS.some((ext) => file.endsWith(ext))) return undefined;
  // The slug is the file name whatever the folder, as the content collections make it.
  return { file, collection: path.posix.basename(dir), id: slugOf(file) };
}

/** Notes and events on disk, sorted, so output order never depends on the file system. */
function listContent(root: string, contentDirs: readonly string[]): ContentFile[] {
  const found: ContentFile[] = [];
  for (const dir of contentDirs) {
    const walk = (relative: string): void => {
      const absolute = path.join(root, dir, relative);
      if (!existsSync(absolute)) return;
      for (const entry of readdirSync(absolute, { withFileTypes: true })) {
        const child = relative ? `${relative}/${entry.name}` : entry.name;
        if (entry.isDirectory()) walk(child);
        else {
          const file = contentFile(`${dir}/${child}`, [dir]);
          if (file) found.push(file);
        }
      }
    };
    walk('');
  }
  return found.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

function isContent(file: string, contentDirs: readonly string[]): boolean {
  return contentFile(file, contentDirs) !== undefined;
}

/** The build date for undated drafts: ASSAY_BUILD_DATE or SOURCE_DATE_EPOCH, else HEAD's date, never the wall clock. */
function defaultBuildDate(repo: GitRepo): Date {
  try {
    return resolveBuildDate(process.env, () => repo.headDate);
  } catch {
    // No commit yet and no explicit date: a fixed date keeps output reproducible.
    return new Date(0);
  }
}
