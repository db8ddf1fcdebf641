/**
 * Revisions benchmark (issue 16): what reading a site's history of data revisions costs a build.
 * It generates, under test/.tmp/, two sites with the same final content (`--notes` notes, each
 * with a chart, a <Value> and a <Change> over two shared datasets that declare `key` and `asOf`):
 *   (a) committed over a history in which the source revises 50 published data rows, so the
 *       build computes revision notices, the change log (/changes/) and diff pages;
 *   (b) the same files committed once (no history of revisions);
 * then builds each with the command a user runs (`npm run build`: astro build, then Pagefind),
 * cold (no caches, as on a fresh clone) and warm (a second build over the first one's caches),
 * alternating over R rounds, and prints wall time, CPU time (user + system of the process tree)
 * and peak RSS as medians over the rounds, with the ratio (a)/(b).
 *
 *   npm run bench:revisions                          # 500 notes, 3 rounds
 *   npm run bench:revisions -- --notes 50 --runs 1   # smoke
 *   npm run bench:revisions -- --keep                # keep the sites under test/.tmp/ afterwards
 *
 * History of (a), written with `git fast-import` (seconds, not minutes), in this order:
 * - one commit with the site and both datasets (data to May 2025, asOf 2025-06-20);
 * - ten commits publishing a tenth of the notes each (published in 2024-2025, before July 2025);
 * - 25 data revision commits, each revising 2 rows of one dataset (alternately the exports by
 *   country and the world total: 26 + 24 = 50 distinct rows), with asOf moved to the revision's
 *   date; two in three add a `revisions:` entry to the dataset's metadata, one in three do not
 *   (the change log reads "Figures revised by the source" and the build warns);
 * - interleaved, two commits appending June's and July's rows (which revises nothing) and five
 *   commits in which every tenth note takes the revisions so far in with an `updates` entry and
 *   a changed sentence (a version 2, with a diff page).
 * The build of (a) must log revision notices and its change log list at least 50 revised rows;
 * the script fails otherwise, so it never times a build that did not exercise revisions.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, totalmem } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { COUNTRIES, months } from './bench/datasets.ts';
import { userBuildEnv } from './bench/env.ts';
import { type Measurement, measureCommand } from './bench/measure.ts';
import { PARAGRAPH, pick } from './bench/notes.ts';
import { commitAll, PROJECT_ROOT } from './bench/site.ts';
import { median, positiveInteger, tableLines } from './bench/stats.ts';

const { values } = parseArgs({
  options: {
    notes: { type: 'string', default: '500' },
    runs: { type: 'string', default: '3' },
    keep: { type: 'boolean', default: false },
  },
});
const notes = positiveInteger(values.notes, 'notes');
const runs = positiveInteger(values.runs, 'runs');

const log = (line = '') => process.stdout.write(`${line}\n`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const mib = (bytes: number) => `${Math.round(bytes / 2 ** 20).toLocaleString('en-US')} MiB`;

// ---------------------------------------------------------------------------------------------
// Content

const REVISION_COMMITS = 25;
const ROWS_PER_REVISION = 2;
const CORRECTION_COMMITS = 5;

/** 2019-01 … 2025-07 and 2018-01 … 2025-07: data to May 2025 at first, June and July appended later. */
const EXPORT_MONTHS = months(2019, 79);
const WORLD_MONTHS = months(2018, 91);
const FIRST_EXPORT_MONTHS = EXPORT_MONTHS.length - 2;
const FIRST_WORLD_MONTHS = WORLD_MONTHS.length - 2;

/** A smooth, seasonal value: deterministic stand-in for customs data. */
function value(base: number, i: number, k: number): number {
  const season = 1 + 0.12 * Math.sin((i + k * 2) * (Math.PI / 6));
  const wobble = 1 + 0.05 * Math.sin(i * 1.7 + k * 3.1);
  return Math.round(base * (1 + i * 0.004) * season * wobble);
}

/** The data as it stands: rows keyed `month|country` (exports) and `month` (world), values revised in place. */
interface DataState {
  exports: Map<string, number>;
  world: Map<string, number>;
  exportMonths: number;
  worldMonths: number;
  asOf: { exports: string; world: string };
  revisions: { exports: string[]; world: string[] };
}

function initialData(): DataState {
  const exports = new Map<string, number>();
  for (const [i, month] of EXPORT_MONTHS.entries())
    for (const [k, country] of COUNTRIES.entries()) exports.set(`${month}|${country}`, value(900 + k * 350, i, k));
  const world = new Map<string, number>();
  for (const [i, month] of WORLD_MONTHS.entries()) world.set(month, value(5200, i, 0));
  return {
    exports,
    world,
    exportMonths: FIRST_EXPORT_MONTHS,
    worldMonths: FIRST_WORLD_MONTHS,
    asOf: { exports: '2025-06-20', world: '2025-06-20' },
    revisions: { exports: [], world: [] },
  };
}

function exportsCsv(data: DataState): string {
  const lines = ['month,country,tonnes'];
  for (const month of EXPORT_MONTHS.slice(0, data.exportMonths))
    for (const country of COUNTRIES) lines.push(`${month},${country},${data.exports.get(`${month}|${country}`)}`);
  return `${lines.join('\n')}\n`;
}

function worldCsv(data: DataState): string {
  const lines = ['month,tonnes'];
  for (const month of WORLD_MONTHS.slice(0, data.worldMonths)) lines.push(`${month},${data.world.get(month)}`);
  return `${lines.join('\n')}\n`;
}

function meta(title: string, asOf: string, revisions: string[], key: string, columns: string): string {
  const list = revisions.length ? `revisions:\n${revisions.map((entry) => `  - ${entry}\n`).join('')}` : '';
  return `title: ${title}
description: >-
  ${title}, monthly. Generated for the revisions benchmark.
source:
  name: Benchmark Statistics Office
  url: https://example.org/stats
unit: tonnes
asOf: ${asOf}
licence: Generated data, no rights reserved.
key: ${key}
${list}columns:
  month: { type: date, format: "%Y-%m", label: Month }
${columns}`;
}

function dataFiles(data: DataState): Record<string, string> {
  return {
    'data/exports-by-country.csv': exportsCsv(data),
    'data/exports-by-country.yml': meta(
      'Magnet exports by destination country',
      data.asOf.exports,
      data.revisions.exports,
      '[month, country]',
      '  country: { type: string, label: Country }\n  tonnes: { type: number, label: Exports, unit: t, format: ",.0f" }\n',
    ),
    'data/world-exports.csv': worldCsv(data),
    'data/world-exports.yml': meta(
      'Magnet exports, all destinations',
      data.asOf.world,
      data.revisions.world,
      '[month]',
      '  tonnes: { type: number, label: Exports, unit: t, format: ",.0f" }\n',
    ),
  };
}

/** Note `i`: a line chart of three countries over 24 months, a <Value> of the world total, a <Change> of one country. */
function noteMdx(i: number, correction: { date: string } | undefined): string {
  const edition = pick(months(2024, 17), i); // 2024-01 … 2025-05
  const three = [pick(COUNTRIES, i), pick(COUNTRIES, i + 1), pick(COUNTRIES, i + 3)];
  const end = 24 + (i % (FIRST_EXPORT_MONTHS - 24)); // windows end by May 2025: published data only
  const at = pick(WORLD_MONTHS.slice(0, FIRST_WORLD_MONTHS), i * 7);
  const month = (i * 5) % (FIRST_EXPORT_MONTHS - 1);
  const country = pick(COUNTRIES, i + 2);
  const updates = correction
    ? `updates:\n  - date: ${correction.date}\n    summary: Figures revised by the statistics office taken in\n`
    : '';
  const corrected = correction ? ' The figures below include the statistics office’s revisions.' : '';
  return `---
title: "Revisions benchmark note ${i}: magnet exports"
dek: "Generated note ${i} for the revisions benchmark."
published: ${edition}-28
edition: ${edition}
authors: [Bench Desk]
topics: [magnets]
${updates}---

${PARAGRAPH}${corrected} World exports were <Value data="world-exports" at="${at}" column="tonnes" /> in ${at}, and exports to ${country} were <Change data="exports-by-country" from="${EXPORT_MONTHS[month]}" to="${EXPORT_MONTHS[month + 1]}" where={{ country: "${country}" }} /> from ${EXPORT_MONTHS[month]} to ${EXPORT_MONTHS[month + 1]}.

<Chart data="exports-by-country" type="line" series="country" where={{ country: ${JSON.stringify(three)} }} from="${EXPORT_MONTHS[end - 24]}" to="${EXPORT_MONTHS[end - 1]}" title="Note ${i}: exports to ${three.join(', ')}" />

## Section 1

${PARAGRAPH} (Note ${i}.)
`;
}

/** Day `n` after 1 July 2025, as YYYY-MM-DD. */
function july(n: number): string {
  return new Date(Date.UTC(2025, 6, 1 + n)).toISOString().slice(0, 10);
}

/** The rows revision commit `k` revises: 2 distinct published rows of one dataset, never revised before. */
function revisedKeys(k: number): { dataset: 'exports' | 'world'; keys: string[] } {
  if (k % 2 === 0) {
    const keys = Array.from({ length: ROWS_PER_REVISION }, (_, r) => {
      const j = (k / 2) * ROWS_PER_REVISION + r; // 0 … 25
      return `${EXPORT_MONTHS[10 + j * 2]}|${pick(COUNTRIES, j)}`;
    });
    return { dataset: 'exports', keys };
  }
  const keys = Array.from({ length: ROWS_PER_REVISION }, (_, r) => {
    const j = ((k - 1) / 2) * ROWS_PER_REVISION + r; // 0 … 23
    return WORLD_MONTHS[12 + j * 3] as string;
  });
  return { dataset: 'world', keys };
}

/** Every file of a site at one commit: path → text. */
type Tree = Map<string, string>;

interface History {
  /** The commits of (a), oldest first: each the files it changes, its message and its day. */
  commits: { files: Record<string, string>; message: string; day: number }[];
  /** The files at the last commit (the working tree of both sites). */
  final: Tree;
  revisedRows: number;
  withEntry: number;
  correctedNotes: number;
}

function history(): History {
  const tree: Tree = new Map();
  const commits: History['commits'] = [];
  const commit = (files: Record<string, string>, message: string, day: number) => {
    for (const [file, text] of Object.entries(files)) tree.set(file, text);
    commits.push({ files, message, day });
  };
  const data = initialData();
  commit(
    {
      'astro.config.mjs': `export { default } from '${path.join(PROJECT_ROOT, 'test/fixtures/sites/astro.fixture.mjs')}';\n`,
      '.gitignore': 'node_modules/\ndist/\n.astro/\n.assay/\n',
      'content/events/.gitkeep': '',
      ...dataFiles(data),
    },
    'Site and datasets',
    -20,
  );
  const batch = Math.ceil(notes / 10);
  for (let start = 0; start < notes; start += batch) {
    const files: Record<string, string> = {};
    for (let i = start; i < Math.min(notes, start + batch); i++)
      files[`content/notes/note-${i}.mdx`] = noteMdx(i, undefined);
    commit(files, `Publish notes ${start} to ${Math.min(notes, start + batch) - 1}`, -10 + start / batch);
  }
  let revisedRows = 0;
  let withEntry = 0;
  let correctedNotes = 0;
  for (let k = 0; k < REVISION_COMMITS; k++) {
    const day = 3 * k;
    const { dataset, keys } = revisedKeys(k);
    const rows = dataset === 'exports' ? data.exports : data.world;
    for (const key of keys) rows.set(key, Math.round((rows.get(key) as number) * 1.04) + 3);
    revisedRows += keys.length;
    data.asOf[dataset] = july(day);
    if (k % 3 !== 2) {
      withEntry++;
      data.revisions[dataset].push(
        `{ date: ${july(day)}, summary: "Statistics office revised ${keys.map((key) => key.replace('|', ' ')).join(' and ')}" }`,
      );
    }
    commit(dataFiles(data), `Revise ${dataset} (${keys.join(', ')})`, day);
    if (k === 8 || k === 16) {
      // Next month's rows: an append, which revises nothing.
      data.exportMonths++;
      data.worldMonths++;
      data.asOf = { exports: july(day + 1), world: july(day + 1) };
      commit(dataFiles(data), `Append ${EXPORT_MONTHS[data.exportMonths - 1]}`, day + 1);
    }
    if ((k + 1) % (REVISION_COMMITS / CORRECTION_COMMITS) === 0) {
      // Every tenth note, a fifth of them each time, takes the revisions so far in.
      const round = (k + 1) / (REVISION_COMMITS / CORRECTION_COMMITS) - 1;
      const files: Record<string, string> = {};
      for (let i = 0; i < notes; i += 10)
        if ((i / 10) % CORRECTION_COMMITS === round) {
          files[`content/notes/note-${i}.mdx`] = noteMdx(i, { date: july(day + 2) });
          correctedNotes++;
        }
      if (Object.keys(files).length) commit(files, `Notes take revisions in (round ${round + 1})`, day + 2);
    }
  }
  return { commits, final: tree, revisedRows, withEntry, correctedNotes };
}

/** Writes (a): its history as one fast-import stream, then checks the last commit out. */
function writeHistorySite(dir: string, plan: History): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: dir });
  const chunks: string[] = [];
  const start = Date.UTC(2025, 6, 1) / 1000;
  for (const [n, step] of plan.commits.entries()) {
    const mark = n + 1;
    // A fixed hour of the step's day, plus the step number: commit order is history order.
    const time = start + step.day * 86400 + 3600 * 9 + n;
    chunks.push(
      `commit refs/heads/main\nmark :${mark}\ncommitter Bench <bench@example.org> ${time} +0000\ndata ${Buffer.byteLength(step.message)}\n${step.message}\n`,
    );
    if (mark > 1) chunks.push(`from :${mark - 1}\n`);
    for (const [file, text] of Object.entries(step.files))
      chunks.push(`M 100644 inline ${file}\ndata ${Buffer.byteLength(text)}\n${text}\n`);
  }
  execFileSync('git', ['fast-import', '--quiet'], { cwd: dir, input: chunks.join('') });
  execFileSync('git', ['checkout', '-q', '-f', 'main'], { cwd: dir });
}

/** Writes (b): the same final files, committed once. */
function writeFlatSite(dir: string, plan: History): void {
  rmSync(dir, { recursive: true, force: true });
  for (const [file, text] of plan.final) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  commitAll(dir);
}

const treeOf = (dir: string) =>
  execFileSync('git', ['rev-parse', 'HEAD^{tree}'], { cwd: dir, encoding: 'utf8' }).trim();

// ---------------------------------------------------------------------------------------------
// Checks on (a)'s output

const NOTICE_LINE = /figures revised since version \d+ was published/g;

/** Rows listed under data revisions on every page of the change log. */
function changeLogRows(dist: string): { entries: number; rows: number } {
  const pages = [path.join(dist, 'changes/index.html')];
  const more = path.join(dist, 'changes/page');
  if (existsSync(more)) for (const page of readdirSync(more)) pages.push(path.join(more, page, 'index.html'));
  let entries = 0;
  let rows = 0;
  for (const page of pages) {
    const html = readFileSync(page, 'utf8');
    for (const match of html.matchAll(/<ul class="changes__rows"[^>]*>([\s\S]*?)<\/ul>/g)) {
      entries++;
      rows += (match[1]?.match(/<li[\s>]/g) ?? []).length;
    }
  }
  return { entries, rows };
}

function diffPages(dist: string): number {
  const notesDir = path.join(dist, 'notes');
  let count = 0;
  for (const slug of readdirSync(notesDir))
    for (let v = 2; existsSync(path.join(notesDir, slug, `v${v}`)); v++)
      if (existsSync(path.join(notesDir, slug, `v${v}`, 'diff/index.html'))) count++;
  return count;
}

// ---------------------------------------------------------------------------------------------
// Timing

interface Site {
  key: 'a' | 'b';
  label: string;
  dir: string;
}

const tmp = path.join(PROJECT_ROOT, 'test/.tmp');
const command = (
  JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
).scripts.build as string;
const sites: Site[] = [
  { key: 'a', label: '(a) 50 revised rows in history', dir: path.join(tmp, 'bench-revisions-history') },
  { key: 'b', label: '(b) same files, one commit', dir: path.join(tmp, 'bench-revisions-flat') },
];

type Phase = 'cold' | 'warm';
const samples: Record<string, Measurement[]> = {};
const keyOf = (site: Site, phase: Phase) => `${site.key}-${phase}`;

async function build(site: Site, phase: Phase): Promise<Measurement> {
  rmSync(path.join(site.dir, 'dist'), { recursive: true, force: true });
  if (phase === 'cold')
    for (const name of ['node_modules', '.astro', '.assay'])
      rmSync(path.join(site.dir, name), { recursive: true, force: true });
  const result = await measureCommand(command, { cwd: site.dir, env: userBuildEnv() });
  const key = keyOf(site, phase);
  samples[key] = [...(samples[key] ?? []), result];
  const notices = result.output.match(NOTICE_LINE)?.length ?? 0;
  log(
    `  ${site.label.padEnd(31)} ${phase}  ${seconds(result.wallMs).padStart(7)} wall  ${seconds(result.cpuMs).padStart(7)} CPU  ` +
      `peak ${mib(result.peakProcessBytes)} (largest process), ${mib(result.peakTreeBytes)} (tree); ${notices} revision notice lines`,
  );
  if (site.key === 'a') {
    const changes = changeLogRows(path.join(site.dir, 'dist'));
    if (notices === 0 || changes.rows < 50)
      throw new Error(
        `(a) did not exercise revisions: ${notices} notice lines in the build log, ${changes.rows} revised rows in /changes/ (want ≥ 50)`,
      );
  }
  return result;
}

try {
  mkdirSync(tmp, { recursive: true });
  const plan = history();
  log(
    `Generating two sites of ${notes} notes under test/.tmp/: (a) ${plan.commits.length} commits, ${plan.revisedRows} rows revised in ` +
      `${REVISION_COMMITS} commits (${plan.withEntry} with a revisions: entry, ${REVISION_COMMITS - plan.withEntry} without), ` +
      `2 appends, ${plan.correctedNotes} notes corrected with an updates entry; (b) the same files in one commit`,
  );
  writeHistorySite(sites[0]?.dir as string, plan);
  writeFlatSite(sites[1]?.dir as string, plan);
  if (treeOf(sites[0]?.dir as string) !== treeOf(sites[1]?.dir as string))
    throw new Error('(a) and (b) differ in their final files');

  for (let run = 1; run <= runs; run++) {
    const order = run % 2 === 1 ? sites : [...sites].reverse();
    log(`Round ${run} of ${runs}: ${order.map((site) => site.key).join(', ')}; cold (caches removed), then warm`);
    for (const site of order) await build(site, 'cold');
    for (const site of order) await build(site, 'warm');
  }

  const revised = sites[0] as Site;
  const last = (samples[keyOf(revised, 'warm')] ?? []).at(-1) as Measurement;
  const changes = changeLogRows(path.join(revised.dir, 'dist'));
  log();
  log(
    `(a) exercised revisions: ${last.output.match(NOTICE_LINE)?.length ?? 0} notes logged a revision notice; ` +
      `/changes/ lists ${changes.entries} data revisions with ${changes.rows} revised rows; ${diffPages(path.join(revised.dir, 'dist'))} diff pages`,
  );
  log(
    `${notes} notes, ${runs} round(s), ${availableParallelism()} cores, ${mib(totalmem())} memory; medians over the rounds`,
  );
  const rows: string[][] = [['build', 'wall', 'CPU', 'peak RSS (largest process)', 'peak RSS (tree)']];
  for (const phase of ['cold', 'warm'] as Phase[]) {
    for (const site of sites) {
      const list = samples[keyOf(site, phase)] ?? [];
      rows.push([
        `${site.label}, ${phase}`,
        seconds(median(list.map((sample) => sample.wallMs))),
        seconds(median(list.map((sample) => sample.cpuMs))),
        mib(median(list.map((sample) => sample.peakProcessBytes))),
        mib(median(list.map((sample) => sample.peakTreeBytes))),
      ]);
    }
    // Each round's own ratio (builds minutes apart share the machine's speed), then the median.
    const a = samples[keyOf(sites[0] as Site, phase)] ?? [];
    const b = samples[keyOf(sites[1] as Site, phase)] ?? [];
    const ratio = (field: 'wallMs' | 'cpuMs' | 'peakProcessBytes') =>
      `${median(a.map((sample, i) => sample[field] / (b[i] as Measurement)[field])).toFixed(2)}x`;
    rows.push([`(a)/(b), ${phase}`, ratio('wallMs'), ratio('cpuMs'), ratio('peakProcessBytes'), '']);
  }
  for (const line of tableLines(rows)) log(line);
} finally {
  if (values.keep) log(`kept ${sites.map((site) => site.dir).join(' and ')}`);
  else for (const site of sites) rmSync(site.dir, { recursive: true, force: true });
}
