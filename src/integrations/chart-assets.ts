import { closeSync, mkdirSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { copyFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { type ChartAssetFiles, WRITER } from '../charts/assets.ts';
import { cacheMaxAgeDays, placeBinaryCache, pruneCache } from '../charts/cache.ts';
import { PNG_ENDS, pngKey, renderPng } from '../charts/png.ts';
import { pngTask } from '../charts/tasks.ts';
import { codeFingerprintDefine } from '../lib/code-fingerprint.ts';
import { boundHeapGrowth, collectGarbage } from '../runtime/heap.ts';
import { type AssayRuntime, closeRuntime, runtime, startRuntime } from '../runtime/index.ts';

/** `ASSAY_BUILD_STATS=1` logs where CPU time went, before and after the PNG phase (benchmarks). */
const BUILD_STATS_ENV = 'ASSAY_BUILD_STATS';

const ASSET = /^\/(?:.*\/)?charts\/([0-9a-f]{16})\.(csv|png)$/;
const TYPES: Record<string, string> = { csv: 'text/csv; charset=utf-8', png: 'image/png' };

/** A staged chart's PNG twin, drawn on request (dev server). */
function pngFor(id: string): Uint8Array | undefined {
  const files = runtime().charts.files(id);
  return files && renderPng(files.svg);
}

/**
 * PNG twins being drawn at once while pages render. Each holds its PNG (about 70 KB) until
 * written; the rest wait with their standalone SVG only (about 17 KB), not the figure it is
 * made from (a 1,000-note site held 3,000 PNGs, some 210 MB, until the end of the build when
 * they were drawn there).
 */
const PNGS_IN_FLIGHT = 4;

/**
 * Twins waiting to be drawn whose SVG stays in memory; those queued after them keep it in a
 * temporary file until their turn. Pages outrun drawing on a small machine (a cold 1,000-note
 * site queued 2,984 twins, some 50 MB of SVG, and 2,000 notes twice that), so without this
 * bound the queue between the pages and the workers grew with the site.
 *
 * The SVGs on disk are appended to one file and read back at their offset: a file each cost
 * the main thread an open, a close and an unlink per twin, some 3 s of a cold 1,000-note
 * build's 32 s on that thread (unlinking alone 1.8 s).
 */
export const QUEUED_IN_MEMORY = 64;

/** The file in a temporary directory that queued SVGs past QUEUED_IN_MEMORY wait in. */
export const SPILL_FILE = 'queued-twins.svg';

/** A queued SVG in the spill file: where it starts, and its length in bytes. */
interface Spilled {
  offset: number;
  length: number;
}

/**
 * Writes each chart's CSV download (once per distinct CSV) and its PNG twin as soon as a page
 * stages it, while the main thread renders other pages (Astro empties dist/ before pages
 * render): a cached twin is hard-linked from the cache at once, a new one is drawn on a
 * worker thread at background priority (page work comes first) and written when done, a
 * bounded number at a time. CSVs and drawn twins are written on libuv's thread pool. Once a
 * chart's twin is in dist/ the writer lets its files go. `finish` promotes what is left to the foreground, waits
 * for every write and fails the build on the first error.
 */
export function earlyWriter(out: string, rt: AssayRuntime, { queuedInMemory = QUEUED_IN_MEMORY } = {}) {
  let made = false;
  /** CSV writes under way; `finish` waits for them and reports the first error. */
  const writes: Promise<unknown>[] = [];
  /** CSV files written or being written, by content hash: charts over the same rows share one. */
  const csvs = new Set<string>();
  /**
   * Twins to draw, oldest first, with their standalone SVG (undefined when a twin of the same
   * drawing is queued before it), and the drawings started, by key: identical drawings are
   * drawn once. Page rendering outruns background drawing on a small machine (a cold
   * 1,000-note site queued most of its 3,000 twins): a queued twin keeps its SVG, not the
   * chart's files, whose SVG getter holds the whole figure (its SVGs, table, CSV and rows),
   * as UTF-8 bytes outside V8's heap for the first `queuedInMemory` and in a temporary file
   * for the rest, so the queue's memory does not grow with the site.
   */
  const toDraw: { id: string; key: string; svg: Buffer | Spilled | undefined }[] = [];
  /** How many queued twins keep their SVG in memory (see QUEUED_IN_MEMORY). */
  let inMemory = 0;
  /**
   * The temporary file of SVGs waiting on disk, made when the first one is put there, and
   * where the next one goes. It is not reused as the queue drains: in a cold build nearly every
   * spilled twin waits until the pages are done, so it would seldom be empty before the end.
   */
  let spillFile: { dir: string; fd: number; end: number } | undefined;
  const spill = (svg: string): Spilled => {
    if (!spillFile) {
      const dir = mkdtempSync(path.join(tmpdir(), 'assay-twins-'));
      spillFile = { dir, fd: openSync(path.join(dir, SPILL_FILE), 'w+'), end: 0 };
    }
    const bytes = Buffer.from(svg, 'utf8');
    const at = { offset: spillFile.end, length: bytes.length };
    writeSync(spillFile.fd, bytes, 0, bytes.length, at.offset);
    spillFile.end += bytes.length;
    stats.spilled++;
    return at;
  };
  const unspill = (svg: Buffer | Spilled): string => {
    if (Buffer.isBuffer(svg)) {
      inMemory--;
      return svg.toString('utf8');
    }
    const file = spillFile as NonNullable<typeof spillFile>;
    const bytes = Buffer.allocUnsafe(svg.length);
    if (readSync(file.fd, bytes, 0, svg.length, svg.offset) !== svg.length)
      throw new Error(`PNG twin: ${SPILL_FILE} in ${file.dir} was cut short`);
    return bytes.toString('utf8');
  };
  const queuedKeys = new Set<string>();
  const drawings = new Map<string, Promise<string>>();
  const active = new Set<Promise<unknown>>();
  const stats = { rendered: 0, cached: 0, mostQueued: 0, spilled: 0 };
  /** Set once pages are done: from then on twins are drawn at foreground priority, on every worker. */
  let finishing = false;
  /** The first error, thrown by finish() (not from a timer, where it would crash the build). */
  let failed: unknown;
  /** The chart's twin is in dist/ (or failed): the writer no longer needs its files. */
  const done = (id: string) => rt.charts.release(id, WRITER);
  const track = (id: string, promise: Promise<unknown>) => {
    const tracked = promise.catch((error) => {
      failed ??= error;
    });
    active.add(tracked);
    tracked.finally(() => {
      active.delete(tracked);
      done(id);
      drawNext();
    });
  };
  const drawNext = () => {
    while (active.size < PNGS_IN_FLIGHT && toDraw.length > 0) {
      const { id, key, svg } = toDraw.shift() as (typeof toDraw)[number];
      queuedKeys.delete(key);
      const file = path.join(out, `${id}.png`);
      const first = drawings.get(key);
      if (first) {
        // The same drawing under another id (another title, say): a copy of its file.
        track(
          id,
          first.then((source) => copyFile(source, file)),
        );
        continue;
      }
      // The worker stores the PNG in the cache; only its bytes come back, to be written and let go.
      if (svg === undefined) throw new Error(`PNG twin ${id}: no SVG queued for drawing ${key}`);
      const input = { svg: unspill(svg), cacheKey: key };
      const drawn = rt.run(pngTask, input, { background: !finishing }).then(async (png) => {
        await writeFile(file, png);
        stats.rendered++;
        return file;
      });
      drawings.set(key, drawn);
      track(id, drawn);
    }
  };
  return {
    write(id: string, files: ChartAssetFiles): void {
      if (!made) {
        mkdirSync(out, { recursive: true });
        made = true;
      }
      if (!csvs.has(files.csvId)) {
        csvs.add(files.csvId);
        const written = writeFile(path.join(out, `${files.csvId}.csv`), files.csv);
        written.catch(() => {}); // reported by finish()
        writes.push(written);
      }
      const key = pngKey(files.drawing);
      let placed: boolean;
      try {
        // A hard link to the cache entry: one system call, no bytes copied. Copies cost a
        // warm 250-note build (750 twins) 0.5 to 0.9 s of its 11.6 s, as promises or not.
        placed = placeBinaryCache('png', key, 'png', path.join(out, `${id}.png`), PNG_ENDS);
      } catch (error) {
        failed ??= error; // thrown by finish(), not into the page that staged the chart
        done(id);
        return;
      }
      if (placed) {
        stats.cached++;
        done(id);
      } else {
        // The SVG now (it is made once either way), and the files go: see `toDraw`.
        let svg: Buffer | Spilled | undefined;
        if (!drawings.has(key) && !queuedKeys.has(key)) {
          if (inMemory < queuedInMemory) {
            svg = Buffer.from(files.svg, 'utf8');
            inMemory++;
          } else svg = spill(files.svg);
        }
        queuedKeys.add(key);
        toDraw.push({ id, key, svg });
        done(id);
        stats.mostQueued = Math.max(stats.mostQueued, toDraw.length);
        drawNext();
      }
    },
    stats,
    finish: async () => {
      await Promise.all(writes);
      // Pages are done: the twins still queued, and those to come, get every worker.
      finishing = true;
      rt.promote();
      while (active.size > 0) await Promise.all([...active]);
      if (spillFile) {
        closeSync(spillFile.fd);
        rmSync(spillFile.dir, { recursive: true, force: true });
      }
      if (failed) throw failed;
    },
  };
}

/**
 * Writes every chart's CSV download to `dist/charts/<csv hash>.csv` and its PNG twin to
 * `dist/charts/<id>.png`. Components stage CSV and SVG in the build's runtime
 * (src/runtime/) while pages render; the early writer writes each CSV and places or draws
 * each PNG twin as it is staged, and `astro:build:done` waits for the last of them. In
 * `astro dev` the same files are served from memory, PNGs drawn on request.
 *
 * This integration owns the runtime: it starts one when Astro sets up its config (a build, or
 * a dev server) and closes it when the build or dev server is done.
 */
export function chartAssets(): AstroIntegration {
  let outDir: string | undefined;
  let early: ReturnType<typeof earlyWriter> | undefined;
  return {
    name: 'assay-chart-assets',
    hooks: {
      'astro:config:setup': async ({ command, updateConfig }) => {
        if (command === 'build') boundHeapGrowth();
        await startRuntime({
          // Bundled page code cannot find the worker script next to itself; this module can.
          workerScript: fileURLToPath(new URL('../workers/render-worker.ts', import.meta.url)),
          // The dev server serves every chart's files from memory; a build lets each go once written.
          keepStaged: command !== 'build',
        });
        // Nor the source files it was built from: every cache key takes this fingerprint of them.
        updateConfig({ vite: { define: codeFingerprintDefine() } });
      },
      'astro:config:done': ({ config }) => {
        // Where pages go: the output directory of a static site, the client directory beside a server.
        outDir = fileURLToPath(config.output === 'static' ? config.outDir : config.build.client);
      },
      'astro:build:start': () => {
        if (!outDir) return;
        const rt = runtime();
        const writer = earlyWriter(path.join(outDir, 'charts'), rt);
        early = writer;
        rt.charts.onStaged((id, files) => writer.write(id, files));
      },
      'astro:server:setup': ({ server }) => {
        server.middlewares.use((request, response, next) => {
          const match = ASSET.exec((request.url ?? '').split('?')[0] as string);
          if (!match) return next();
          const [, id, ext] = match;
          const body = ext === 'png' ? pngFor(id as string) : runtime().charts.csv(id as string);
          if (body === undefined) return next();
          response.setHeader('Content-Type', TYPES[ext as string] as string);
          response.end(body);
        });
      },
      'astro:server:done': async () => {
        await closeRuntime();
      },
      'astro:build:done': async ({ dir, logger }) => {
        const rt = runtime();
        const logCpu = Boolean(process.env[BUILD_STATS_ENV]);
        if (logCpu) logger.info(rt.cpu.statsLine('before the PNG phase'));
        // The charts of reused pages, which did not render, staged from their MDX.
        await rt.stageReusedCharts?.();
        rt.charts.onStaged(undefined);
        // Before the workers take every queued twin: the last pages' garbage goes first (see heap.ts).
        collectGarbage();
        const waited = performance.now();
        await early?.finish();
        const { charts, csvs } = rt.charts.counts();
        if (charts > 0) {
          const out = path.join(fileURLToPath(dir), 'charts');
          if (early === undefined || outDir === undefined || path.join(outDir, 'charts') !== out)
            throw new Error(`chart files were written to ${outDir}/charts, but the build's output is ${out}`);
          const stats = early.stats;
          // `ms` is how long the build waited for PNGs at its end.
          logger.info(
            `${charts} charts: ${csvs} CSV downloads and ${charts} PNG twins written to charts/ (${stats.rendered} PNGs rendered, ${stats.cached} from cache, ${Math.round(performance.now() - waited)} ms)`,
          );
        }
        if (logCpu) {
          logger.info(rt.cpu.statsLine('at the end'));
          // Each chart's files go once written: this stays 0.
          logger.info(`charts whose files are still in memory at the end: ${rt.charts.heldCount()}`);
          logger.info(
            `PNG twins waiting to be drawn at most: ${early?.stats.mostQueued ?? 0} (${early?.stats.spilled ?? 0} of them waited on disk)`,
          );
        }
        await closeRuntime();
        // Last, once every entry this build uses has been read (and so marked as used).
        const pruned = pruneCache();
        if (pruned.files > 0)
          logger.info(
            `cache: removed ${pruned.files} entries unused for ${cacheMaxAgeDays()} days (${(pruned.bytes / 1e6).toFixed(1)} MB)`,
          );
      },
    },
  };
}
