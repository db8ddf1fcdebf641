/**
 * Times loadVersionIndex on a generated repository: N notes, each published, corrected twice
 * (3 versions), plus typo commits and a shared CSV appended along the way.
 *
 *   node_modules/.bin/node --experimental-strip-types scripts/bench-versions.ts [notes=500]
 *
 * History is written with `git fast-import`, so generating it takes seconds, not minutes.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadDataset } from '../src/data/load.ts';
import { buildVersionsManifest, loadVersionIndex } from '../src/versions/index.ts';

const notes = Number(process.argv[2] ?? 500);
const dir = mkdtempSync(path.join(os.tmpdir(), 'assay-bench-'));
const META = `title: Bench\ndescription: Bench data.\nsource: { name: Bench }\nunit: t\nlicence: none\ncolumns:\n  month: { type: string }\n  tonnes: { type: number }\n`;

function note(i: number, updates: number, typo: boolean): string {
  const list = Array.from(
    { length: updates },
    (_, u) => `  - date: 2025-0${u + 7}-01\n    summary: Correction ${u + 1}`,
  ).join('\n');
  const body = Array.from({ length: 20 }, (_, p) => `Paragraph ${p} of note ${i}${typo ? ' (fixed)' : ''}.`).join(
    '\n\n',
  );
  return `---\ntitle: Note ${i}\ndek: Bench note.\npublished: 2025-06-01\nedition: 2025-06\nauthors: [Bench]\n${updates ? `updates:\n${list}\n` : ''}---\n\n${body}\n`;
}

/** Writes commits as a fast-import stream: one commit per step, touching a slice of the notes. */
function generate(): void {
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: dir });
  const chunks: string[] = [];
  let mark = 0;
  let time = Date.UTC(2025, 5, 1) / 1000;
  let rows = 'month,tonnes\n';
  const commit = (files: [string, string][]) => {
    mark++;
    time += 3600;
    const message = `commit ${mark}`;
    chunks.push(
      `commit refs/heads/main\nmark :${mark}\ncommitter Bench <b@b> ${time} +0000\ndata ${Buffer.byteLength(message)}\n${message}\n`,
    );
    if (mark > 1) chunks.push(`from :${mark - 1}\n`);
    for (const [file, text] of files)
      chunks.push(`M 100644 inline ${file}\ndata ${Buffer.byteLength(text)}\n${text}\n`);
  };
  commit([['data/bench.yml', META]]);
  // Stages: publish, typo fix, correction 1, correction 2; 50 notes per commit; data appended between.
  for (const [updates, typo] of [
    [0, false],
    [0, true],
    [1, true],
    [2, true],
  ] as const) {
    for (let start = 0; start < notes; start += 50) {
      rows += `m${mark},${mark}\n`;
      const files: [string, string][] = [['data/bench.csv', rows]];
      for (let i = start; i < Math.min(notes, start + 50); i++)
        files.push([`content/notes/note-${i}.mdx`, note(i, updates, typo)]);
      commit(files);
    }
  }
  execFileSync('git', ['fast-import', '--quiet'], { cwd: dir, input: chunks.join('') });
  execFileSync('git', ['checkout', '-q', '-f', 'main'], { cwd: dir });
}

try {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, '.keep'), '');
  let started = performance.now();
  generate();
  console.log(`generated ${notes} notes × 3 versions in ${Math.round(performance.now() - started)} ms (${dir})`);

  for (let run = 1; run <= 3; run++) {
    started = performance.now();
    const index = loadVersionIndex({ root: dir, allowMissingHistory: false, buildDate: new Date('2025-12-01') });
    const indexed = performance.now() - started;
    started = performance.now();
    const manifest = buildVersionsManifest(index, { datasetsUsed: () => ['bench'] });
    const manifested = performance.now() - started;
    const versions = [...index.files.values()].reduce((sum, entry) => sum + entry.versions.length, 0);
    const sample = loadDataset(
      'bench',
      index.data(index.files.get('content/notes/note-0.mdx')?.versions[0]?.vintageCommit),
    ).rows.length;
    console.log(
      `run ${run}: loadVersionIndex ${Math.round(indexed)} ms for ${index.files.size} files / ${versions} versions; ` +
        `manifest with a dataset hash per version ${Math.round(manifested)} ms (${manifest.entries.length} entries; note-0 v1 sees ${sample} rows)`,
    );
  }
} finally {
  if (process.env.KEEP) console.log('kept', dir);
  else rmSync(dir, { recursive: true, force: true });
}
