import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Metadata for `data/exports.csv` in scripted repositories. */
export const EXPORTS_META = readFileSync(new URL('../fixtures/versions/exports.yml', import.meta.url), 'utf8');

/** A temporary git repository whose history a test writes commit by commit, with fixed dates. */
export class ScriptedRepo {
  readonly dir: string;
  /** Where the project lives inside the repository ("" for the top). */
  readonly project: string;

  constructor(options: { project?: string; dir?: string } = {}) {
    this.dir = options.dir ?? mkdtempSync(path.join(os.tmpdir(), 'assay-versions-'));
    this.project = options.project ?? '';
    this.git('init', '-q', '-b', 'main');
    this.git('config', 'user.name', 'Assay Test');
    this.git('config', 'user.email', 'test@assay.invalid');
    this.git('config', 'commit.gpgsign', 'false');
  }

  /** Absolute path of the project directory. */
  get root(): string {
    return path.join(this.dir, this.project);
  }

  /** Runs git in the repository with a fixed identity and no user configuration. */
  git(...args: string[]): string {
    return execFileSync('git', ['-c', 'commit.gpgsign=false', ...args], {
      cwd: this.dir,
      encoding: 'utf8',
      env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' },
    });
  }

  /** Writes a project-relative file. */
  write(file: string, text: string): this {
    const absolute = path.join(this.root, file);
    mkdirSync(path.dirname(absolute), { recursive: true });
    writeFileSync(absolute, text);
    return this;
  }

  /** Renames a project-relative file with git mv. */
  move(from: string, to: string): this {
    mkdirSync(path.dirname(path.join(this.root, to)), { recursive: true });
    this.git('mv', path.join(this.project, from), path.join(this.project, to));
    return this;
  }

  /** Commits everything at a fixed date (author and committer), returning the commit hash. */
  commit(message: string, date: string): string {
    this.git('add', '-A');
    const stamp = `${date}T12:00:00Z`;
    execFileSync('git', ['-c', 'commit.gpgsign=false', 'commit', '-q', '-m', message], {
      cwd: this.dir,
      env: {
        ...process.env,
        GIT_CONFIG_GLOBAL: '/dev/null',
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_AUTHOR_DATE: stamp,
        GIT_COMMITTER_DATE: stamp,
      },
    });
    return this.git('rev-parse', 'HEAD').trim();
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** MDX text of a note with the given frontmatter extras and body. */
export function noteText(options: {
  title?: string;
  published?: string;
  updates?: { date: string; summary: string }[];
  aliases?: string[];
  body: string;
}): string {
  const lines = [
    '---',
    `title: ${options.title ?? 'Magnet exports to the US collapsed in May'}`,
    'dek: Exports fell after licences were required in April.',
    `published: ${options.published ?? '2025-06-20'}`,
    'edition: 2025-06',
    'authors: [Test Analyst]',
  ];
  if (options.updates?.length) {
    lines.push('updates:');
    for (const update of options.updates) lines.push(`  - date: ${update.date}`, `    summary: ${update.summary}`);
  }
  if (options.aliases?.length)
    lines.push(`aliases: [${options.aliases.map((alias) => JSON.stringify(alias)).join(', ')}]`);
  lines.push('---', '', options.body, '');
  return lines.join('\n');
}

/** A CSV of monthly exports. */
export function exportsCsv(rows: [string, number][]): string {
  return `month,tonnes\n${rows.map(([month, tonnes]) => `${month},${tonnes}`).join('\n')}\n`;
}
