import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { AssayError } from '../lib/errors.ts';

/**
 * The few git reads versions need, each one process whatever the size of the site:
 * one `git log` for all content, one `git cat-file --batch` per batch of objects,
 * one `git status`. Paths in and out are project-relative ("content/notes/x.mdx"),
 * even when the project lives in a subdirectory of the repository.
 */

/** A git repository as seen from a project directory. */
export interface GitRepo {
  /** The project directory (where `content/` and `data/` are). */
  readonly root: string;
  /** Path of the project inside the repository, "" or ending in "/" (e.g. "site/"). */
  readonly prefix: string;
  /** Whether history was cut off (a `--depth` clone). */
  readonly shallow: boolean;
  /** Full hash of HEAD; undefined before the first commit. */
  readonly head: string | undefined;
  /** Committer date of HEAD. */
  readonly headDate: Date | undefined;
}

/** One file change in a commit, as `git log --raw -M` reports it. */
export interface FileChange {
  /**
   * A added, M modified, D deleted, R renamed (T type change is reported as M);
   * C copied, which with -B means the source was rewritten in place after its text moved here.
   */
  status: 'A' | 'M' | 'D' | 'R' | 'C';
  /** For M: how much was rewritten, 0-100, when git broke the change up (-B); for R and C: similarity. */
  score?: number;
  /** Project-relative path after the change (the new path for a rename). */
  path: string;
  /** Project-relative path before a rename. */
  from?: string;
  /** Blob id after the change; undefined when deleted. */
  blob?: string;
}

/** A commit on the first-parent line with the content files it changed. */
export interface CommitChanges {
  hash: string;
  /** Committer date: when the change landed, which is when it was published. */
  date: Date;
  authorDate: Date;
  changes: FileChange[];
}

/** Git failed in a way an operator must look at (not a missing repository). */
function gitFailure(args: string[], stderr: string): AssayError {
  return new AssayError(`git ${args[0]} failed: ${stderr.trim().split('\n')[0] ?? 'no message'}`, {
    hint: 'run the same git command in the project directory to see the full message',
  });
}

/** Runs git in `cwd`, returning stdout as a Buffer; `input` goes to stdin. */
export function runGit(cwd: string, args: string[], input?: string): { ok: boolean; stdout: Buffer; stderr: string } {
  const result = spawnSync('git', ['-c', 'core.quotePath=false', ...args], {
    cwd,
    input,
    maxBuffer: 1024 * 1024 * 1024,
    // A user's pager, editor or locale must not change what we parse.
    env: { ...process.env, GIT_PAGER: 'cat', LC_ALL: 'C', GIT_OPTIONAL_LOCKS: '0' },
  });
  if (result.error) {
    throw new AssayError(`could not run git: ${result.error.message}`, {
      hint: 'install git and make sure it is on PATH; versions are read from git history',
      cause: result.error,
    });
  }
  return { ok: result.status === 0, stdout: result.stdout, stderr: result.stderr.toString('utf8') };
}

/** Opens the repository containing `root`, or returns undefined when `root` is not in a git work tree. */
export function openGitRepo(root: string): GitRepo | undefined {
  const probe = runGit(root, ['rev-parse', '--is-inside-work-tree', '--is-shallow-repository', '--show-prefix']);
  if (!probe.ok) return undefined;
  const [inside, shallow, prefix = ''] = probe.stdout.toString('utf8').split('\n');
  if (inside !== 'true') return undefined;
  // Fails before the first commit, which is a valid state: everything is an unpublished draft.
  const head = runGit(root, ['log', '-1', '--format=%H %ct', 'HEAD']);
  const [hash, seconds] = head.ok ? head.stdout.toString('utf8').trim().split(' ') : [];
  return {
    root: path.resolve(root),
    prefix,
    shallow: shallow === 'true',
    head: hash || undefined,
    headDate: seconds ? new Date(Number(seconds) * 1000) : undefined,
  };
}

/** Strips the project prefix from a repository path; undefined for paths outside the project. */
function projectPath(repo: GitRepo, repoPath: string): string | undefined {
  if (!repoPath.startsWith(repo.prefix)) return undefined;
  return repoPath.slice(repo.prefix.length);
}

/**
 * Every first-parent commit that touched `dirs`, oldest first, with renames detected.
 * First-parent because a note is published when it lands on the main line: a merged
 * branch counts as one commit (its merge), so work-in-progress commits never become versions.
 */
export function readContentLog(repo: GitRepo, dirs: readonly string[]): CommitChanges[] {
  if (!repo.head) return [];
  const args = [
    'log',
    '--first-parent',
    '-m',
    '--reverse',
    '--raw',
    '--no-abbrev',
    // -B lets a file rewritten in place give up its old text to a rename ("a → b, new a").
    '-B',
    '-M',
    '-z',
    '--format=%x1e%H%x1f%ct%x1f%at',
    'HEAD',
    '--',
    ...dirs,
  ];
  const result = runGit(repo.root, args);
  if (!result.ok) throw gitFailure(args, result.stderr);
  return parseRawLog(repo, result.stdout.toString('utf8'));
}

/** Parses `git log --raw -z` output in the format `readContentLog` asks for. */
export function parseRawLog(repo: GitRepo, output: string): CommitChanges[] {
  const commits: CommitChanges[] = [];
  for (const record of output.split('\x1e')) {
    if (record === '') continue;
    const headerEnd = record.indexOf('\0');
    const header = headerEnd === -1 ? record : record.slice(0, headerEnd);
    const [hash = '', committed = '0', authored = '0'] = header.trim().split('\x1f');
    const tokens = headerEnd === -1 ? [] : record.slice(headerEnd + 1).split('\0');
    const changes: FileChange[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const meta = (tokens[i] as string).trim();
      if (!meta.startsWith(':')) continue;
      // ":<old mode> <new mode> <old blob> <new blob> <status><score>"
      const [, , , newBlob = '', statusField = ''] = meta.slice(1).split(' ');
      const code = statusField[0];
      const first = tokens[++i] ?? '';
      const second = code === 'R' || code === 'C' ? (tokens[++i] ?? '') : undefined;
      const blob = /^0+$/.test(newBlob) ? undefined : newBlob;
      const change = toChange(repo, code, first, second, blob);
      if (change && statusField.length > 1) change.score = Number(statusField.slice(1));
      if (change) changes.push(change);
    }
    commits.push({
      hash,
      date: new Date(Number(committed) * 1000),
      authorDate: new Date(Number(authored) * 1000),
      changes,
    });
  }
  return commits;
}

function toChange(
  repo: GitRepo,
  code: string | undefined,
  first: string,
  second: string | undefined,
  blob: string | undefined,
): FileChange | undefined {
  const from = projectPath(repo, first);
  if (code === 'R' && second !== undefined) {
    const to = projectPath(repo, second);
    if (to === undefined || from === undefined) return undefined;
    return { status: 'R', path: to, from, blob };
  }
  if (from === undefined) return undefined;
  if (code === 'C' && second !== undefined) {
    const to = projectPath(repo, second);
    return to === undefined ? undefined : { status: 'C', path: to, from, blob };
  }
  if (code === 'A') return { status: 'A', path: from, blob };
  if (code === 'D') return { status: 'D', path: from };
  return { status: 'M', path: from, blob };
}

/**
 * Reads many objects in one `git cat-file --batch`. Names are anything git accepts:
 * a blob id, or `<commit>:<path>` with a repository path. Missing objects map to undefined.
 */
export function readObjects(repo: GitRepo, names: readonly string[]): Map<string, Buffer | undefined> {
  const objects = new Map<string, Buffer | undefined>();
  const unique = [...new Set(names)];
  if (unique.length === 0) return objects;
  if (unique.some((name) => /[\n\r]/.test(name))) {
    throw new AssayError('a file name contains a line break, which git cat-file --batch cannot read', {
      hint: 'rename the file in content/ or data/ without line breaks',
    });
  }
  const result = runGit(repo.root, ['cat-file', '--batch'], `${unique.join('\n')}\n`);
  if (!result.ok) throw gitFailure(['cat-file'], result.stderr);
  const out = result.stdout;
  let offset = 0;
  for (const name of unique) {
    const lineEnd = out.indexOf(0x0a, offset);
    if (lineEnd === -1) throw gitFailure(['cat-file'], 'output ended early');
    const header = out.subarray(offset, lineEnd).toString('utf8');
    offset = lineEnd + 1;
    // "<name> missing" or "<name> ambiguous" when git has no such object.
    const match = /^([0-9a-f]+) (\w+) (\d+)$/.exec(header);
    if (!match) {
      objects.set(name, undefined);
      continue;
    }
    const size = Number(match[3]);
    objects.set(name, out.subarray(offset, offset + size));
    offset += size + 1; // content is followed by a newline
  }
  return objects;
}

/** Repository path of a project-relative path, for `<commit>:<path>` object names. */
export function repoPath(repo: GitRepo, projectRelative: string): string {
  return `${repo.prefix}${projectRelative}`;
}

/**
 * Project-relative paths under `dirs` that differ from HEAD in the working tree or index,
 * including untracked files: what a build would show that no commit has published yet.
 */
export function uncommittedPaths(repo: GitRepo, dirs: readonly string[]): Set<string> {
  const args = ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--no-renames', '--', ...dirs];
  const result = runGit(repo.root, args);
  if (!result.ok) throw gitFailure(args, result.stderr);
  const paths = new Set<string>();
  for (const entry of result.stdout.toString('utf8').split('\0')) {
    if (entry.length < 4) continue;
    // Porcelain paths are relative to the repository root whatever the working directory.
    const file = projectPath(repo, entry.slice(3));
    if (file !== undefined) paths.add(file);
  }
  return paths;
}
