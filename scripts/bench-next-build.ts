/**
 * What a publisher's next build costs (issue 18): the bench's warm build rebuilds an unchanged
 * site, but a publisher's CI build follows a commit. On a generated site of N notes with 3
 * charts each (the scale bench's (c) site, in a git repository), it builds cold, then over the
 * caches after each of these commits in turn, each with `npm run build` as a user runs it:
 *   - nothing (a rebuild);
 *   - a new note, the newest: it and the notes whose pages show it are rendered;
 *   - one note's prose edited: that note is rendered;
 *   - a data revision: the notes that read the revised dataset are rendered (on this site every
 *     note reads both datasets, so every note).
 * It prints wall time, CPU time, peak RSS and the note files (page, email edition, card)
 * Astro restored instead of rendering. Times are printed, never asserted.
 *
 *   npm run bench:next-build -- --notes 1000
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { userBuildEnv } from './bench/env.ts';
import { measureCommand } from './bench/measure.ts';
import { SCALE_DATASETS, scaleNote } from './bench/scale-notes.ts';
import { commitChange, PROJECT_ROOT, writeSite } from './bench/site.ts';
import { positiveInteger, tableLines } from './bench/stats.ts';

const { values } = parseArgs({
  options: { notes: { type: 'string', default: '1000' }, keep: { type: 'boolean', default: false } },
});
const notes = positiveInteger(values.notes, 'notes');
const dir = path.join(PROJECT_ROOT, 'test/.tmp/bench-next-build');
const log = (line = '') => process.stdout.write(`${line}\n`);
const build = (
  JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { scripts: { build: string } }
).scripts.build;
const noteFile = (i: number) => path.join(dir, 'content/notes', `note-${i}.mdx`);

/** The month after the newest edition of the site's notes, "yyyy-mm": a new note's edition. */
function nextEdition(): string {
  const editions = readdirSync(path.join(dir, 'content/notes')).map(
    (file) => /^edition: (\d{4}-\d{2})$/m.exec(readFileSync(path.join(dir, 'content/notes', file), 'utf8'))?.[1] ?? '',
  );
  const [year, month] = (editions.sort().at(-1) as string).split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, month, 1)).toISOString().slice(0, 7);
}

/** A dataset's first figure, one higher: a revision of a published row. */
function reviseData(): void {
  const file = path.join(dir, 'data', `${SCALE_DATASETS[0]}.csv`);
  const [header, first, ...rest] = readFileSync(file, 'utf8').split('\n');
  const cells = (first as string).split(',');
  const at = cells.findIndex((cell, i) => i > 0 && /^\d+(\.\d+)?$/.test(cell));
  if (at < 0) throw new Error(`no figure to revise in the first row of ${file}`);
  cells[at] = String(Number(cells[at]) + 1);
  writeFileSync(file, [header, cells.join(','), ...rest].join('\n'));
}

const changes: { label: string; change?: () => void }[] = [
  { label: 'cold (no caches)' },
  { label: 'nothing changed' },
  {
    label: 'a new note',
    change: () => {
      const edition = nextEdition();
      const mdx = scaleNote(notes, 'charts')
        .replace(/^edition: .*$/m, `edition: ${edition}`)
        .replace(/^published: .*$/m, `published: ${edition}-15`);
      writeFileSync(noteFile(notes), mdx);
    },
  },
  {
    label: "one note's prose edited",
    change: () => {
      const file = noteFile(Math.floor(notes / 2));
      writeFileSync(file, `${readFileSync(file, 'utf8').trimEnd()}\n\nA sentence added in a later commit.\n`);
    },
  },
  { label: 'a data revision', change: reviseData },
];

try {
  log(`Generating a site of ${notes} notes with 3 charts each under test/.tmp/`);
  writeSite(dir, notes, true, { datasets: SCALE_DATASETS, note: (i) => scaleNote(i, 'charts') });
  const rows = [['after', 'wall', 'CPU', 'peak RSS', 'note files restored']];
  for (const [step, { label, change }] of changes.entries()) {
    if (change) {
      change();
      commitChange(dir, label, `2025-12-${String(2 + step).padStart(2, '0')}T12:00:00Z`);
    }
    // As on CI: a fresh dist/ each build, the caches (node_modules/.astro, .assay) kept after the first.
    rmSync(path.join(dir, 'dist'), { recursive: true, force: true });
    if (step === 0)
      for (const name of ['node_modules', '.astro', '.assay'])
        rmSync(path.join(dir, name), { recursive: true, force: true });
    const result = await measureCommand(build, { cwd: dir, env: userBuildEnv() });
    if (!/Complete!/.test(result.output))
      throw new Error(`the build after "${label}" failed:\n${result.output.slice(-3000)}`);
    const files = readdirSync(path.join(dir, 'content/notes')).length * 3;
    const restored = [...result.output.matchAll(/\(restored\)/g)].length;
    rows.push([
      label,
      `${(result.wallMs / 1000).toFixed(1)} s`,
      `${(result.cpuMs / 1000).toFixed(1)} s`,
      `${Math.round(result.peakProcessBytes / 2 ** 20).toLocaleString('en-US')} MiB`,
      `${restored.toLocaleString('en-US')} of ${files.toLocaleString('en-US')}`,
    ]);
    log(`  ${rows.at(-1)?.join('  ')}`);
  }
  log();
  for (const line of tableLines(rows)) log(line);
} finally {
  if (!values.keep) rmSync(dir, { recursive: true, force: true });
}
