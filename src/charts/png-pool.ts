import { runTask } from '../runtime/index.ts';
import { readBinaryCache } from './cache.ts';
import { isCompletePng } from './png.ts';
import { pngTask } from './tasks.ts';

/** A PNG twin to make: its cache key (`pngKey`) and its standalone SVG, read only if not cached. */
export interface PngJob {
  readonly key: string;
  readonly svg: string;
}

/** Timing of a batch of PNGs, for the build log and the benchmark. */
export interface PngStats {
  /** Distinct images (identical SVGs count once). */
  total: number;
  rendered: number;
  cached: number;
  ms: number;
}

/**
 * Renders many SVGs to PNG on the build's worker threads (the runtime's pool, src/runtime/; one per core
 * on the 2-core build machines), reusing cached PNGs by key. Results keep input order.
 */
export async function renderPngs(jobs: readonly PngJob[]): Promise<{ pngs: Uint8Array[]; stats: PngStats }> {
  const started = performance.now();
  const pngs: Uint8Array[] = new Array(jobs.length);
  // Identical drawings (the same chart at another data vintage, say) are drawn once.
  const keys = jobs.map((job) => job.key);
  const firstOf = new Map<string, number>();
  const todo: number[] = [];
  jobs.forEach((_, index) => {
    const key = keys[index] as string;
    if (firstOf.has(key)) return;
    firstOf.set(key, index);
    const cached = readBinaryCache('png', key, 'png', isCompletePng);
    if (cached) pngs[index] = cached;
    else todo.push(index);
  });
  await Promise.all(
    todo.map(async (index) => {
      // The worker stores the PNG in the cache: file writes stay off this thread.
      pngs[index] = await runTask(pngTask, { svg: (jobs[index] as PngJob).svg, cacheKey: keys[index] as string });
    }),
  );
  for (const [index, key] of keys.entries()) pngs[index] ??= pngs[firstOf.get(key) as number] as Uint8Array;
  return {
    pngs,
    stats: {
      total: firstOf.size,
      rendered: todo.length,
      cached: firstOf.size - todo.length,
      ms: performance.now() - started,
    },
  };
}
