import { existsSync, readdirSync, readFileSync } from 'node:fs';
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

/** Reads files from the project directory on disk. */
export function workingTree(root: string = process.cwd()): FileSource {
  return {
    id: 'working-tree',
    read(file) {
      const absolute = path.join(root, file);
      return existsSync(absolute) ? readFileSync(absolute, 'utf8') : undefined;
    },
    list(dir) {
      const absolute = path.join(root, dir);
      return existsSync(absolute) ? readdirSync(absolute).sort() : [];
    },
  };
}
