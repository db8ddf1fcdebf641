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
  list(dir: string): string[];
  /** The git commit these files are read at, when a version pins its data (shown in source lines). */
  readonly vintage?: { commit: string; date: Date; latest?: boolean };
}

/**
 * Files already read, by absolute path, with the size and modification time they had. Every
 * chart on every page reads its dataset's two files; one `stat` tells whether the text read
 * before is still current, so edits in dev are seen and a build reads each file once.
 */
const readTexts = new Map<string, { size: number; mtimeNs: bigint; text: string }>();

/** Reads files from the project directory on disk. */
export function workingTree(root: string = process.cwd()): FileSource {
  return {
    id: 'working-tree',
    read(file) {
      const absolute = path.join(root, file);
      const stats = statSync(absolute, { bigint: true, throwIfNoEntry: false });
      if (!stats?.isFile()) return undefined;
      const known = readTexts.get(absolute);
      if (known && known.size === Number(stats.size) && known.mtimeNs === stats.mtimeNs) return known.text;
      const text = readFileSync(absolute, 'utf8');
      readTexts.set(absolute, { size: Number(stats.size), mtimeNs: stats.mtimeNs, text });
      return text;
    },
    list(dir) {
      const absolute = path.join(root, dir);
      return existsSync(absolute) ? readdirSync(absolute).sort() : [];
    },
  };
}
