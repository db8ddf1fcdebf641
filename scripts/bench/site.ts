import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { benchDatasets } from './datasets.ts';
import { benchNote } from './notes.ts';

export const PROJECT_ROOT = path.resolve(import.meta.dirname, '../..');
const ASTRO_BIN = path.join(PROJECT_ROOT, 'node_modules/astro/bin/astro.mjs');
const FIXED_DATE = '2025-12-01T12:00:00Z';

/** What a generated site holds besides its notes' count: other notes, fewer datasets. */
export interface SiteOptions {
  /** Note `i`'s MDX; default scripts/bench/notes.ts (the chart benchmark's notes). */
  note?: (i: number) => string;
  /** Names of the datasets to write; default every one of scripts/bench/datasets.ts. */
  datasets?: readonly string[];
}

/**
 * Writes a generated site (notes, datasets, an astro.config.mjs that builds it with the real
 * src/, the project's Pagefind settings) and commits it once with fixed dates, so the versions
 * integration sees a normal history.
 */
export function writeSite(dir: string, notes: number, charts: boolean, options: SiteOptions = {}): void {
  const note = options.note ?? ((i: number) => benchNote(i, charts));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, 'content/notes'), { recursive: true });
  mkdirSync(path.join(dir, 'content/events'), { recursive: true });
  mkdirSync(path.join(dir, 'data'), { recursive: true });
  writeFileSync(
    path.join(dir, 'astro.config.mjs'),
    `export { default } from '${path.join(PROJECT_ROOT, 'test/fixtures/sites/astro.fixture.mjs')}';\n`,
  );
  writeFileSync(path.join(dir, '.gitignore'), 'node_modules/\ndist/\ndist-*/\n.astro/\n.assay/\n');
  writeFileSync(path.join(dir, 'content/events/.gitkeep'), '');
  for (const dataset of benchDatasets()) {
    if (options.datasets && !options.datasets.includes(dataset.name)) continue;
    writeFileSync(path.join(dir, `data/${dataset.name}.csv`), dataset.csv);
    writeFileSync(path.join(dir, `data/${dataset.name}.yml`), dataset.yml);
  }
  for (let i = 0; i < notes; i++) writeFileSync(path.join(dir, `content/notes/note-${i}.mdx`), note(i));
  commitAll(dir);
}

/** Runs git in `dir` as the bench's fixed author, at `date`; throws with git's message on failure. */
function git(dir: string, date: string, ...args: string[]): void {
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: 'Bench',
    GIT_AUTHOR_EMAIL: 'bench@example.org',
    GIT_COMMITTER_NAME: 'Bench',
    GIT_COMMITTER_EMAIL: 'bench@example.org',
    GIT_AUTHOR_DATE: date,
    GIT_COMMITTER_DATE: date,
  };
  const result = spawnSync('git', args, { cwd: dir, env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed in ${dir}:\n${result.stderr}`);
}

/** Commits everything in `dir` into a new repository, once, with a fixed author and date. */
export function commitAll(dir: string): void {
  git(dir, FIXED_DATE, 'init', '-q', '-b', 'main');
  git(dir, FIXED_DATE, 'add', '-A');
  git(dir, FIXED_DATE, 'commit', '-q', '-m', 'Generated benchmark site');
}

/** Commits every change in the site's repository, as an author would, at `date` (ISO). */
export function commitChange(dir: string, message: string, date: string): void {
  git(dir, date, 'add', '-A');
  git(dir, date, 'commit', '-q', '-m', message);
}

/** Removes the site's build caches: Assay's chart cache (SVG, figures, PNGs) and Astro's. */
export function clearCaches(dir: string): void {
  rmSync(path.join(dir, 'node_modules'), { recursive: true, force: true });
  rmSync(path.join(dir, '.astro'), { recursive: true, force: true });
}

/** One timed `astro build`, with what the chart integration logged about PNGs. */
export interface BuildRun {
  ms: number;
  /** Wall time of the PNG phase at the end of the build (0 when the site has no charts). */
  pngMs: number;
  pngsRendered: number;
  pngsCached: number;
  charts: number;
  /**
   * CPU time before the PNG phase (ASSAY_BUILD_STATS): the whole process and its main thread.
   * Steadier than wall time on a shared machine, whose speed drifts from one build to the next.
   */
  cpu: { processMs: number; mainMs: number; workerMs: number } | undefined;
  output: string;
}

const CPU_LINE =
  /CPU before the PNG phase: process (\d+) ms \(kernel \d+ ms\), main thread (\d+) ms, worker tasks (\d+) ms/;

const PNG_LINE =
  /(\d+) charts: \d+ CSV downloads and \d+ PNG twins written to charts\/ \((\d+) PNGs rendered, (\d+) from cache, (\d+) ms\)/;

/** Builds the site into `<dir>/dist` (emptied first), timing the whole `astro build` process. */
export function buildSite(dir: string, { cpuProfileDir }: { cpuProfileDir?: string } = {}): BuildRun {
  rmSync(path.join(dir, 'dist'), { recursive: true, force: true });
  // The last build's writes (a cold chart build writes some 400 MB of cache and dist/) are
  // flushed now, so the kernel does not write them back during this build's timing.
  spawnSync('sync');
  const nodeArgs = cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`] : [];
  const started = performance.now();
  const result = spawnSync(
    process.execPath,
    [...nodeArgs, ASTRO_BIN, 'build', '--root', dir, '--outDir', path.join(dir, 'dist')],
    {
      cwd: dir,
      encoding: 'utf8',
      env: {
        ...benchEnv(),
        ASSAY_BUILD_STATS: '1',
        ASTRO_TELEMETRY_DISABLED: '1',
        ASSAY_BUILD_DATE: '2026-01-15',
        TZ: 'UTC',
        NO_COLOR: '1',
        FORCE_COLOR: '0',
      },
      maxBuffer: 256 * 1024 * 1024,
    },
  );
  const ms = performance.now() - started;
  const output = `${result.stdout}\n${result.stderr}`;
  if (result.status !== 0) throw new Error(`astro build failed for ${dir}:\n${output.slice(-4000)}`);
  const png = PNG_LINE.exec(output);
  const cpu = CPU_LINE.exec(output);
  return {
    ms,
    pngMs: png ? Number(png[4]) : 0,
    pngsRendered: png ? Number(png[2]) : 0,
    pngsCached: png ? Number(png[3]) : 0,
    charts: png ? Number(png[1]) : 0,
    cpu: cpu ? { processMs: Number(cpu[1]), mainMs: Number(cpu[2]), workerMs: Number(cpu[3]) } : undefined,
    output,
  };
}

/** The caller's environment without settings that would move or disable the chart cache. */
function benchEnv(): NodeJS.ProcessEnv {
  const { ASSAY_CACHE_DIR: _dir, ASSAY_NO_CACHE: _off, ...env } = process.env;
  return env;
}
