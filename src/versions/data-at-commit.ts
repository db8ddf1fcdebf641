import path from 'node:path';
import type { FileSource } from '../data/source.ts';
import { type GitRepo, readObjects, repoPath } from './git.ts';

/** One entry of a git tree: a file (blob) or a folder (tree). */
interface TreeEntry {
  name: string;
  type: 'blob' | 'tree' | 'commit';
  id: string;
}

/**
 * Reads directories and files at commits, in batches, and remembers them: trees and blobs are
 * immutable, so each is read once per build however many versions share it (appending to one
 * CSV leaves every other file's blob, and so the cache entry, unchanged).
 */
export class CommitFiles {
  readonly #repo: GitRepo;
  /** `<commit>:<dir>` → entries by name; null when the directory does not exist there. */
  readonly #trees = new Map<string, Map<string, TreeEntry> | null>();
  readonly #blobs = new Map<string, Buffer>();

  constructor(repo: GitRepo) {
    this.#repo = repo;
  }

  /**
   * Reads `dir` and every file directly in it at each of `commits` with two git processes,
   * so versions of a thousand notes cost the same handful of processes as one.
   */
  prefetch(commits: readonly string[], dir: string): void {
    const missing = [...new Set(commits)].filter((commit) => !this.#trees.has(treeKey(commit, dir)));
    this.#loadTrees(missing, dir);
    const blobs = new Set<string>();
    for (const commit of commits) {
      for (const entry of this.#trees.get(treeKey(commit, dir))?.values() ?? []) {
        if (entry.type === 'blob' && !this.#blobs.has(entry.id)) blobs.add(entry.id);
      }
    }
    this.#loadBlobs([...blobs]);
  }

  /** Names in `dir` at `commit`, sorted like a directory listing; [] when it does not exist. */
  list(commit: string, dir: string): string[] {
    return [...(this.#tree(commit, normalise(dir))?.keys() ?? [])].sort();
  }

  /** Text of `file` at `commit`, or undefined when it does not exist there. */
  read(commit: string, file: string): string | undefined {
    return this.readBytes(commit, file)?.toString('utf8');
  }

  /** Bytes of `file` at `commit`: datasets may declare an encoding other than UTF-8. */
  readBytes(commit: string, file: string): Buffer | undefined {
    const clean = normalise(file);
    const entry = this.#tree(commit, path.posix.dirname(clean))?.get(path.posix.basename(clean));
    if (entry?.type !== 'blob') return undefined;
    if (!this.#blobs.has(entry.id)) this.#loadBlobs([entry.id]);
    return this.#blobs.get(entry.id);
  }

  #tree(commit: string, dir: string): Map<string, TreeEntry> | undefined {
    const key = treeKey(commit, dir);
    if (!this.#trees.has(key)) this.#loadTrees([commit], dir);
    return this.#trees.get(key) ?? undefined;
  }

  #loadTrees(commits: readonly string[], dir: string): void {
    if (commits.length === 0) return;
    const names = commits.map((commit) => `${commit}:${repoPath(this.#repo, dir)}`);
    const objects = readObjects(this.#repo, names);
    commits.forEach((commit, index) => {
      const data = objects.get(names[index] as string);
      this.#trees.set(treeKey(commit, dir), data ? parseTree(data, commit.length === 64 ? 32 : 20) : null);
    });
  }

  #loadBlobs(ids: readonly string[]): void {
    if (ids.length === 0) return;
    for (const [id, data] of readObjects(this.#repo, ids)) {
      if (data) this.#blobs.set(id, data);
    }
  }
}

/**
 * A FileSource for the project's files as they were at `commit`: what a version's charts read.
 * `id` is the commit hash, so caches keyed by source id never mix vintages.
 */
export function dataAtCommit(files: CommitFiles, commit: string): FileSource {
  return {
    id: commit,
    history: true,
    read: (file) => files.read(commit, file),
    readBytes: (file) => files.readBytes(commit, file),
    list: (dir) => files.list(commit, dir),
  };
}

function treeKey(commit: string, dir: string): string {
  return `${commit}:${dir}`;
}

/** Project-relative, forward slashes, no "./" or trailing slash: "data/x.csv". */
function normalise(file: string): string {
  const clean = path.posix.normalize(file.replaceAll('\\', '/')).replace(/^\.\//, '').replace(/\/$/, '');
  return clean === '.' ? '' : clean;
}

/** Parses a raw tree object: entries of "<mode> <name>\0<binary id>". */
function parseTree(data: Buffer, idBytes: number): Map<string, TreeEntry> {
  const entries = new Map<string, TreeEntry>();
  let offset = 0;
  while (offset < data.length) {
    const space = data.indexOf(0x20, offset);
    const nul = data.indexOf(0x00, space);
    if (space === -1 || nul === -1) break;
    const mode = data.subarray(offset, space).toString('latin1');
    const name = data.subarray(space + 1, nul).toString('utf8');
    const id = data.subarray(nul + 1, nul + 1 + idBytes).toString('hex');
    // 40000 is a folder, 160000 a submodule; everything else is file content.
    const type = mode === '40000' ? 'tree' : mode === '160000' ? 'commit' : 'blob';
    entries.set(name, { name, type, id });
    offset = nul + 1 + idBytes;
  }
  return entries;
}
