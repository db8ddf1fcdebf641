import { mkdirSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
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
import { WORKER_SCRIPT_ENV } from '../workers/pool.ts';

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
 * Writes each chart's CSV download (once per distinct CSV, through libuv's thread pool) and
 * places its cached PNG twin (in batches between page renders) as soon as a page stages it,
 * while the main thread renders other pages (Astro empties dist/ before pages render).
 * `finish` waits for every write and fails the build on the first error.
 */
function earlyWriter(out: string) {
  let made: Promise<unknown> | undefined;
  const writes: Promise<unknown>[] = [];
  /** CSV files written or being written, by content hash: charts over the same rows share one. */
  const csvs = new Set<string>();
  /** Charts whose PNG twin was in the cache and is placed too. */
  const pngs = new Set<string>();
  /**
   * Cached PNG twins waiting to be placed, a batch at a time between page renders, with
   * synchronous calls: 1,328 placements took 38 to 51 ms of the main thread's time that way,
   * against 98 to 163 ms as promises (plus the thread pool's), seven calls each.
   */
  let waiting: { id: string; key: string }[] = [];
  let scheduled = false;
  /** The first placement error, thrown by finish() (not from a timer, where it would crash the build). */
  let failed: unknown;
  const placeWaiting = () => {
    scheduled = false;
    const batch = waiting;
    waiting = [];
    try {
      for (const { id, key } of batch)
        if (placeBinaryCache('png', key, 'png', path.join(out, `${id}.png`), PNG_ENDS)) pngs.add(id);
    } catch (error) {
      failed ??= error;
    }
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
      waiting.push({ id, key: pngKey(files.drawing) });
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
    hasCsv: (csvId: string) => csvs.has(csvId),
    hasPng: (id: string) => pngs.has(id),
    finish: async () => {
      await Promise.all(writes);
      placeWaiting();
      if (failed) throw failed;
    },
  };
}

/**
 * Writes every chart's CSV download to `dist/charts/<csv hash>.csv` and its PNG twin to
 * `dist/charts/<id>.png`. Components stage CSV and SVG in memory while pages render, and the
 * CSVs are written at once;
 * at `astro:build:done` the PNGs are rasterised on worker threads (cached by content) and
 * written. In `astro dev` the same files are served from memory, PNGs drawn on request.
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
          stats.cached += charts.length - needPng.length;
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
