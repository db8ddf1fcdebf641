/**
 * Every committed state of every dataset on the main line, for the change log: I/O at the
 * edge (git), the rest is src/provenance/changelog.ts. Three git processes whatever the size
 * of the history: one `git rev-list` (commit order), one `git log` of `data/`, and batched
 * `git cat-file` reads of the trees and files at those commits.
 */
import path from 'node:path';
import { loadDataset } from '../data/load.ts';
import type { Dataset } from '../data/schema.ts';
import { CommitFiles, dataAtCommit } from '../versions/data-at-commit.ts';
import { openGitRepo, readContentLog, runGit } from '../versions/git.ts';

/** A dataset as committed at one commit that changed it. */
export interface DatasetState {
  commit: string;
  /** Place of the commit on the main line, oldest 0. */
  position: number;
  dataset: Dataset;
}

/** The main line's commits in order, and the states of each dataset, oldest first. */
export interface DataHistory {
  /** Position of every first-parent commit, oldest 0. */
  positions: Map<string, number>;
  /** Dataset name → its committed states, oldest first (only commits that changed it). */
  datasets: Map<string, DatasetState[]>;
}

const DATA_FILE = /^data\/([^/]+)\.(csv|tsv|yml)$/;

/** Reads the history of `data/` in the repository holding `root`; empty without one. */
export function readDataHistory(root: string, dataDir = 'data'): DataHistory {
  const empty: DataHistory = { positions: new Map(), datasets: new Map() };
  const repo = openGitRepo(path.resolve(root));
  if (!repo?.head) return empty;
  const listed = runGit(repo.root, ['rev-list', '--first-parent', '--reverse', 'HEAD']);
  if (!listed.ok) return empty;
  const positions = new Map<string, number>();
  for (const [index, hash] of listed.stdout.toString('utf8').split('\n').filter(Boolean).entries()) {
    positions.set(hash, index);
  }
  const changed = new Map<string, string[]>();
  for (const commit of readContentLog(repo, [dataDir])) {
    for (const change of commit.changes) {
      const name = DATA_FILE.exec(change.path)?.[1];
      if (!name) continue;
      const commits = changed.get(name) ?? [];
      if (commits.at(-1) !== commit.hash) commits.push(commit.hash);
      changed.set(name, commits);
    }
  }
  const files = new CommitFiles(repo);
  files.prefetch([...new Set([...changed.values()].flat())], dataDir);
  const datasets = new Map<string, DatasetState[]>();
  for (const [name, commits] of [...changed].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const states: DatasetState[] = [];
    for (const commit of commits) {
      try {
        states.push({
          commit,
          position: positions.get(commit) ?? -1,
          dataset: loadDataset(name, dataAtCommit(files, commit)),
        });
      } catch {
        // Deleted at this commit, or unreadable then: history cannot be fixed, so it is skipped.
      }
    }
    if (states.length > 0) datasets.set(name, states);
  }
  return { positions, datasets };
}
