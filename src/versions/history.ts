import type { CommitChanges, FileChange } from './git.ts';

/** A file's state after one commit that touched it. */
export interface Revision {
  commit: string;
  /** Committer date of the commit. */
  date: Date;
  /** Project-relative path of the file at that commit (differs from today's after a rename). */
  path: string;
  /** Blob id of the file's text at that commit. */
  blob: string;
}

/** A detected rename of a content file. */
export interface Rename {
  from: string;
  to: string;
  commit: string;
  date: Date;
}

/** The committed history of one content file, following renames. */
export interface FileHistory {
  /** Path at HEAD (or where it was last seen, if deleted). */
  path: string;
  /** Every first-parent commit where the file changed, oldest first. */
  revisions: Revision[];
  /** Renames, oldest first. */
  renames: Rename[];
  /** Whether HEAD no longer has the file. */
  deleted: boolean;
  /** The commit that deleted it, when `deleted`. */
  deletedAt?: string;
}

/**
 * Groups commits into per-file histories, following renames so a renamed note keeps its
 * versions. A file deleted and later re-added at the same path continues its history,
 * because its URL is the same. Keyed by path at HEAD (deleted files by last path).
 */
export function fileHistories(
  commits: readonly CommitChanges[],
  include: (path: string) => boolean,
): Map<string, FileHistory> {
  const live = new Map<string, FileHistory>();
  const deleted = new Map<string, FileHistory>();
  const start = (path: string): FileHistory => {
    const revived = deleted.get(path);
    if (revived) {
      deleted.delete(path);
      revived.deleted = false;
      delete revived.deletedAt;
      return revived;
    }
    return { path, revisions: [], renames: [], deleted: false };
  };

  for (const commit of commits) {
    const changes = commit.changes.map(asRename).map((change) => {
      // A rename into or out of the content we follow is an addition or a deletion for us.
      if (change.status === 'R' && change.from !== undefined && !include(change.from))
        return { ...change, status: 'A' as const };
      if (change.status === 'R' && !include(change.path))
        return { status: 'D' as const, path: change.from ?? change.path };
      return change;
    });
    // Take files out first: in one commit "a → b" and a new "a" must not share a history.
    const moved: [FileHistory, string, string | undefined][] = [];
    for (const change of changes) {
      if (change.status === 'R' && change.from !== undefined) {
        const history = live.get(change.from) ?? deleted.get(change.from) ?? start(change.from);
        live.delete(change.from);
        deleted.delete(change.from);
        moved.push([history, change.path, change.blob]);
        history.renames.push({ from: change.from, to: change.path, commit: commit.hash, date: commit.date });
      } else if (change.status === 'D' && include(change.path)) {
        const history = live.get(change.path);
        if (!history) continue;
        live.delete(change.path);
        history.deleted = true;
        history.deletedAt = commit.hash;
        deleted.set(change.path, history);
      }
    }
    for (const [history, path, blob] of moved) {
      history.path = path;
      history.deleted = false;
      delete history.deletedAt;
      live.set(path, history);
      if (blob) history.revisions.push({ commit: commit.hash, date: commit.date, path, blob });
    }
    for (const change of changes) {
      if ((change.status !== 'A' && change.status !== 'M') || !include(change.path) || !change.blob) continue;
      const history = live.get(change.path) ?? start(change.path);
      live.set(change.path, history);
      history.path = change.path;
      history.revisions.push({ commit: commit.hash, date: commit.date, path: change.path, blob: change.blob });
    }
  }
  const all = new Map(live);
  for (const [path, history] of deleted) if (!all.has(path)) all.set(path, history);
  return all;
}

/** Rewrite scores at or above this make a copy from the rewritten file a move (git -B reports "C" plus "M<score>"). */
const REWRITE_SCORE = 50;

/**
 * With -B, "a → b and a new a" comes as a copy a → b plus a rewrite of a. The text, and so the
 * history, moved to b: read the first such copy as a rename and anything else copied as a new file.
 */
function asRename(change: FileChange, _index: number, changes: readonly FileChange[]): FileChange {
  if (change.status !== 'C') return change;
  const rewritten = changes.some(
    (other) => other.status === 'M' && other.path === change.from && (other.score ?? 0) >= REWRITE_SCORE,
  );
  const first = changes.find((other) => other.status === 'C' && other.from === change.from) === change;
  return rewritten && first ? { ...change, status: 'R' } : { status: 'A', path: change.path, blob: change.blob };
}
