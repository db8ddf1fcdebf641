/**
 * Memory of `npm run dev` on a publisher-sized site (issue 18): starts `astro dev` on a
 * generated site of N notes (3 charts a note, as in bench:scale), with an empty cache, opens
 * 50 different note pages one after another (each page's HTML, as a browser's first request),
 * and prints the dev server's RSS after every 10 pages and its peak (sampled every 250 ms).
 * Target: under 2 GiB at 1,000 notes after 50 pages.
 *
 *   npm run bench:dev-memory -- --notes 1000
 *   npm run bench:dev-memory -- --notes 50 --pages 20 --keep
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { userBuildEnv } from './bench/env.ts';
import { processTree, sampleRss } from './bench/measure.ts';
import { SCALE_DATASETS, scaleNote } from './bench/scale-notes.ts';
import { PROJECT_ROOT, writeSite } from './bench/site.ts';

const { values } = parseArgs({
  options: {
    notes: { type: 'string', default: '1000' },
    pages: { type: 'string', default: '50' },
    keep: { type: 'boolean', default: false },
  },
});
const notes = Number(values.notes);
const pages = Number(values.pages);
if (!Number.isInteger(notes) || notes < 1) throw new Error(`--notes must be a positive integer, got ${values.notes}`);
if (!Number.isInteger(pages) || pages < 1) throw new Error(`--pages must be a positive integer, got ${values.pages}`);

const ASTRO_BIN = path.join(PROJECT_ROOT, 'node_modules/astro/bin/astro.mjs');
const dir = path.join(PROJECT_ROOT, 'test/.tmp/bench-dev-memory');
const log = (line = '') => process.stdout.write(`${line}\n`);
const mib = (bytes: number) => `${Math.round(bytes / 2 ** 20).toLocaleString('en-US')} MiB`;

/** A port nobody listens on now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function get(url: string): Promise<{ status: number; bytes: number; charts: number }> {
  const response = await fetch(url);
  const body = await response.text();
  return {
    status: response.status,
    bytes: Buffer.byteLength(body),
    charts: body.match(/<figure class="chart\b/g)?.length ?? 0,
  };
}

log(`Generating a site of ${notes} notes (3 charts each) under test/.tmp/`);
writeSite(dir, notes, true, { datasets: SCALE_DATASETS, note: (i) => scaleNote(i, 'charts') });
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const started = performance.now();
// Its own process group, so stopping it stops any process it started.
const server = spawn(process.execPath, [ASTRO_BIN, 'dev', '--port', String(port), '--host', '127.0.0.1'], {
  cwd: dir,
  env: userBuildEnv(),
  stdio: ['ignore', 'pipe', 'pipe'],
  detached: true,
});
let output = '';
server.stdout.on('data', (chunk: Buffer) => {
  output += chunk.toString('utf8');
});
server.stderr.on('data', (chunk: Buffer) => {
  output += chunk.toString('utf8');
});
const exited = new Promise<number | null>((resolve) => server.on('exit', resolve));
const sampler = sampleRss(server.pid as number);
const largestNow = () => Math.max(...processTree(server.pid as number).map((process) => process.rssBytes));

try {
  // Ready when the home page answers (the content layer has synced every note by then).
  for (;;) {
    if (server.exitCode !== null) throw new Error(`astro dev exited (${server.exitCode}):\n${output.slice(-4000)}`);
    if (performance.now() - started > 600_000) throw new Error(`astro dev did not answer in 10 minutes:\n${output}`);
    const home = await get(`${base}/`).catch(() => undefined);
    if (home) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  log(
    `astro dev ready in ${((performance.now() - started) / 1000).toFixed(1)} s; RSS ${mib(sampler.currentTreeBytes())}`,
  );
  const step = Math.max(1, Math.floor(notes / pages));
  for (let n = 1; n <= pages; n++) {
    const slug = `note-${((n - 1) * step) % notes}`;
    const pageStarted = performance.now();
    const page = await get(`${base}/notes/${slug}/`);
    // A page that fails while streaming still answers 200: count its charts instead.
    if (page.status !== 200 || page.charts !== 3)
      throw new Error(
        `/notes/${slug}/ answered ${page.status} with ${page.charts} of 3 charts:\n${output.slice(-4000)}`,
      );
    if (n % 10 === 0 || n === pages)
      log(
        `  after ${String(n).padStart(3)} pages: RSS ${mib(sampler.currentTreeBytes())} (server process ${mib(largestNow())}); ` +
          `last page ${Math.round(performance.now() - pageStarted)} ms, ${Math.round(page.bytes / 1024)} KiB, ${page.charts} charts`,
      );
  }
  log(
    `Peak RSS of astro dev over ${pages} pages of ${notes} notes: ${mib(sampler.peakTreeBytes())} (process tree), ` +
      `${mib(sampler.peakProcessBytes())} (largest process); target < 2,048 MiB`,
  );
} finally {
  sampler.stop();
  if (server.exitCode === null) {
    process.kill(-(server.pid as number), 'SIGTERM');
    await exited;
  }
  if (!values.keep) rmSync(dir, { recursive: true, force: true });
}
