import { mkdirSync } from 'node:fs';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import {
  allStagedChartAssets,
  type ChartAssetFiles,
  clearStagedChartAssets,
  onChartStaged,
  stagedChartAssets,
  stagedCsv,
} from '../charts/assets.ts';
import { cacheMaxAgeDays, placeBinaryCache, pruneCache } from '../charts/cache.ts';
import { PNG_ENDS, pngKey, renderPng } from '../charts/png.ts';
import { renderPngs } from '../charts/png-pool.ts';
import { codeFingerprintDefine } from '../lib/code-fingerprint.ts';
import { cpuStatsLine } from '../workers/cpu.ts';
import { promoteBackgroundTasks, runTask, WORKER_SCRIPT_ENV } from '../workers/pool.ts';

/** Cached PNG twins placed at a time between page renders. */
const PLACEMENT_BATCH = 48;

/** `ASSAY_BUILD_STATS=1` logs where CPU time went, before and after the PNG phase (benchmarks). */
const BUILD_STATS_ENV = 'ASSAY_BUILD_STATS';

const ASSET = /^\/(?:.*\/)?charts\/([0-9a-f]{16})\.(csv|png)$/;
const TYPES: Record<string, string> = { csv: 'text/csv; charset=utf-8', png: 'image/png' };

/** A staged chart's PNG twin, drawn on request (dev server). */
function pngFor(id: string): Uint8Array | undefined {
  const files = stagedChartAssets(id);
  return files && renderPng(files.svg);
}

/**
 * Writes files a batch at a time through libuv's thread pool: a cold build's CSVs and PNG
 * twins make thousands of small writes, which one at a time on the main thread took seconds.
 */
async function writeAll(files: [string, string | Uint8Array][], batch = 64): Promise<void> {
  for (let start = 0; start < files.length; start += batch) {
    await Promise.all(files.slice(start, start + batch).map(([file, content]) => writeFile(file, content)));
  }
}

/**
 * PNG twins being drawn at once while pages render. Each holds its standalone SVG (about
 * 17 KB) until drawn and its PNG (about 70 KB) until written; the rest wait as chart ids, so
 * memory does not grow with the site (a 1,000-note site held 3,000 PNGs, some 210 MB, until
 * the end of the build when they were drawn there).
 */
const PNGS_IN_FLIGHT = 4;

/**
 * Writes each chart's CSV download (once per distinct CSV, through libuv's thread pool) and
 * its PNG twin as soon as a page stages it, while the main thread renders other pages (Astro
 * empties dist/ before pages render): a cached twin is placed (in batches between page
 * renders), a new one is drawn on a worker thread at background priority (page work comes
 * first) and written when done, a bounded number at a time. `finish` promotes what is left to
 * the foreground, waits for every write and fails the build on the first error.
 */
function earlyWriter(out: string) {
  let made: Promise<unknown> | undefined;
  const writes: Promise<unknown>[] = [];
  /** CSV files written or being written, by content hash: charts over the same rows share one. */
  const csvs = new Set<string>();
  /** Charts whose PNG twin is in dist/. */
  const pngs = new Set<string>();
  /**
   * Cached PNG twins waiting to be placed, a batch at a time between page renders, with
   * synchronous calls: 1,328 placements took 38 to 51 ms of the main thread's time that way,
   * against 98 to 163 ms as promises (plus the thread pool's), seven calls each.
   */
  let waiting: { id: string; key: string; files: ChartAssetFiles }[] = [];
  let scheduled = false;
  /** Twins to draw, oldest first, and the drawings started, by key: identical drawings are drawn once. */
  const toDraw: { id: string; key: string; files: ChartAssetFiles }[] = [];
  const drawings = new Map<string, Promise<string>>();
  const active = new Set<Promise<unknown>>();
  const stats = { rendered: 0, cached: 0 };
  /** Set once pages are done: from then on twins are drawn at foreground priority, on every worker. */
  let finishing = false;
  /** The first error, thrown by finish() (not from a timer, where it would crash the build). */
  let failed: unknown;
  const track = (promise: Promise<unknown>) => {
    const tracked = promise.catch((error) => {
      failed ??= error;
    });
    active.add(tracked);
    tracked.finally(() => {
      active.delete(tracked);
      drawNext();
    });
  };
  const drawNext = () => {
    while (active.size < PNGS_IN_FLIGHT && toDraw.length > 0) {
      const { id, key, files } = toDraw.shift() as (typeof toDraw)[number];
      const file = path.join(out, `${id}.png`);
      const first = drawings.get(key);
      if (first) {
        // The same drawing under another id (another title, say): a copy of its file.
        track(first.then((source) => copyFile(source, file)).then(() => pngs.add(id)));
        continue;
      }
      // The worker stores the PNG in the cache; only its bytes come back, to be written and let go.
      const drawn = runTask('png', { input: files.svg, cacheKey: key }, { background: !finishing }).then(
        async (png) => {
          await writeFile(file, png);
          stats.rendered++;
          pngs.add(id);
          return file;
        },
      );
      drawings.set(key, drawn);
      track(drawn);
    }
  };
  const placeWaiting = () => {
    scheduled = false;
    const batch = waiting;
    waiting = [];
    try {
      for (const chart of batch) {
        if (placeBinaryCache('png', chart.key, 'png', path.join(out, `${chart.id}.png`), PNG_ENDS)) {
          pngs.add(chart.id);
          stats.cached++;
        } else toDraw.push(chart);
      }
    } catch (error) {
      failed ??= error;
    }
    drawNext();
  };
  return {
    write(id: string, files: ChartAssetFiles): void {
      made ??= mkdir(out, { recursive: true });
      if (!csvs.has(files.csvId)) {
        csvs.add(files.csvId);
        const written = made.then(() => writeFile(path.join(out, `${files.csvId}.csv`), files.csv));
        written.catch(() => {}); // reported by finish()
        writes.push(written);
      }
      waiting.push({ id, key: pngKey(files.drawing), files });
      if (waiting.length >= PLACEMENT_BATCH && !scheduled) {
        scheduled = true;
        // After the directory exists; setImmediate lets the page that staged it finish first.
        made.then(
          () => setImmediate(placeWaiting),
          () => {}, // reported by finish()
        );
      }
    },
    out,
    stats,
    hasCsv: (csvId: string) => csvs.has(csvId),
    hasPng: (id: string) => pngs.has(id),
    finish: async () => {
      await Promise.all(writes);
      // Pages are done: the twins still queued, and those to come, get every worker.
      finishing = true;
      promoteBackgroundTasks();
      placeWaiting();
      while (active.size > 0) await Promise.all([...active]);
      if (failed) throw failed;
    },
  };
}

/**
 * Writes every chart's CSV download to `dist/charts/<csv hash>.csv` and its PNG twin to
 * `dist/charts/<id>.png`. Components stage CSV and SVG in memory while pages render; the
 * early writer writes each CSV and places or draws each PNG twin as it is staged, and
 * `astro:build:done` waits for the last of them. In `astro dev` the same files are served
 * from memory, PNGs drawn on request.
 */
export function chartAssets(): AstroIntegration {
  let outDir: string | undefined;
  let early: ReturnType<typeof earlyWriter> | undefined;
  return {
    name: 'assay-chart-assets',
    hooks: {
      'astro:config:setup': ({ updateConfig }) => {
        // Bundled page code cannot find the worker script next to itself; tell it where it is.
        process.env[WORKER_SCRIPT_ENV] = fileURLToPath(new URL('../workers/render-worker.ts', import.meta.url));
        // Nor the source files it was built from: every cache key takes this fingerprint of them.
        updateConfig({ vite: { define: codeFingerprintDefine() } });
      },
      'astro:config:done': ({ config }) => {
        outDir = fileURLToPath(config.outDir);
      },
      'astro:build:start': () => {
        // Only charts rendered by this build may reach dist/.
        clearStagedChartAssets();
        if (outDir) {
          const writer = earlyWriter(path.join(outDir, 'charts'));
          early = writer;
          onChartStaged((id, files) => writer.write(id, files));
        }
      },
      'astro:server:setup': ({ server }) => {
        server.middlewares.use((request, response, next) => {
          const match = ASSET.exec((request.url ?? '').split('?')[0] as string);
          if (!match) return next();
          const [, id, ext] = match;
          const body = ext === 'png' ? pngFor(id as string) : stagedCsv(id as string);
          if (body === undefined) return next();
          response.setHeader('Content-Type', TYPES[ext as string] as string);
          response.end(body);
        });
      },
      'astro:build:done': async ({ dir, logger }) => {
        const logCpu = Boolean(process.env[BUILD_STATS_ENV]);
        if (logCpu) logger.info(cpuStatsLine('before the PNG phase'));
        onChartStaged(undefined);
        const charts = allStagedChartAssets();
        if (charts.length > 0) {
          const out = path.join(fileURLToPath(dir), 'charts');
          mkdirSync(out, { recursive: true });
          // Written while pages rendered (PNGs found in the cache too), unless the output went
          // elsewhere after all.
          const written = early?.out === out ? early : undefined;
          const waited = performance.now();
          await written?.finish();
          const needPng = charts.filter(([id]) => !written?.hasPng(id));
          // The standalone SVG is made only for the PNGs actually drawn (a getter on `files`).
          const { pngs, stats } = await renderPngs(
            needPng.map(([, files]) => ({
              key: pngKey(files.drawing),
              get svg() {
                return files.svg;
              },
            })),
          );
          // With the twins the early writer drew or placed; `ms` is how long the build waited for PNGs at its end.
          stats.cached += written?.stats.cached ?? 0;
          stats.rendered += written?.stats.rendered ?? 0;
          stats.ms = performance.now() - waited;
          // CSVs the early writer did not write, once per distinct CSV.
          const csvs = new Map<string, string>();
          for (const [, files] of charts) if (!written?.hasCsv(files.csvId)) csvs.set(files.csvId, files.csv);
          await writeAll([
            ...[...csvs].map(([csvId, csv]): [string, string] => [path.join(out, `${csvId}.csv`), csv]),
            ...needPng.map(([id], index): [string, Uint8Array] => [
              path.join(out, `${id}.png`),
              pngs[index] as Uint8Array,
            ]),
          ]);
          const csvFiles = new Set(charts.map(([, files]) => files.csvId)).size;
          logger.info(
            `${charts.length} charts: ${csvFiles} CSV downloads and ${charts.length} PNG twins written to charts/ (${stats.rendered} PNGs rendered, ${stats.cached} from cache, ${Math.round(stats.ms)} ms)`,
          );
        }
        if (logCpu) logger.info(cpuStatsLine('at the end'));
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
