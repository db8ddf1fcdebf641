import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Where dataset files are read from: the working tree, or (for versions) a git commit.
 * Paths are project-relative with forward slashes, e.g. "data/exports.csv".
 */
export interface FileSource {
  /** A label for messages and caches, e.g. "working tree" or a commit hash. */
  readonly id: string;
  read(file: string): string | undefined;
  /** The file's bytes, for datasets whose metadata declares an encoding; sources without it give text only. */
  readBytes?(file: string): Uint8Array | undefined;
  list(dir: string): string[];
  /** The git commit these files are read at, when a version pins its data (shown in source lines). */
  readonly vintage?: { commit: string; date: Date; latest?: boolean };
  /** Files read from git history, not the working tree: checks newer than them warn instead of failing. */
  readonly history?: boolean;
}

/**
 * Files already read, by absolute path, with the size and modification time they had. Every
 * chart on every page reads its dataset's two files; one `stat` tells whether the text read
 * before is still current, so edits in dev are seen and a build reads each file once.
 */
interface ReadFile {
  size: number;
  mtimeNs: bigint;
  bytes: Buffer;
  /** The bytes as UTF-8, made on the first `read`. */
  text?: string;
}
const readFiles = new Map<string, ReadFile>();

/** Reads files from the project directory on disk. */
export function workingTree(root: string = process.cwd()): FileSource {
  const current = (file: string): ReadFile | undefined => {
    const absolute = path.join(root, file);
    const stats = statSync(absolute, { bigint: true, throwIfNoEntry: false });
    if (!stats?.isFile()) return undefined;
    const known = readFiles.get(absolute);
    if (known && known.size === Number(stats.size) && known.mtimeNs === stats.mtimeNs) return known;
    const entry: ReadFile = { size: Number(stats.size), mtimeNs: stats.mtimeNs, bytes: readFileSync(absolute) };
    readFiles.set(absolute, entry);
    return entry;
  };
  return {
    id: 'working-tree',
    read(file) {
      const entry = current(file);
      if (entry) entry.text ??= entry.bytes.toString('utf8');
      return entry?.text;
    },
    readBytes: (file) => current(file)?.bytes,
    list(dir) {
      const absolute = path.join(root, dir);
      return existsSync(absolute) ? readdirSync(absolute).sort() : [];
    },
  };
}
