import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { readBinaryCache, writeBinaryCache } from './cache.ts';
import { isCompletePng, pngKey } from './png.ts';
import type { PngJob } from './png-worker.ts';

type Reply = { id: number; png?: Uint8Array; error?: string };

/** Timing of a batch of PNGs, for the build log and the benchmark. */
export interface PngStats {
  /** Distinct images (identical SVGs count once). */
  total: number;
  rendered: number;
  cached: number;
  ms: number;
}

/**
 * Renders many SVGs to PNG on worker threads (two by default, one per core on the
 * 2-core build machines), reusing cached PNGs by content. Results keep input order.
 */
export async function renderPngs(
  svgs: readonly string[],
  { workers = Math.min(2, availableParallelism()) } = {},
): Promise<{ pngs: Uint8Array[]; stats: PngStats }> {
  const started = performance.now();
  const pngs: Uint8Array[] = new Array(svgs.length);
  // Identical SVGs (the same chart at another data vintage, say) are drawn once.
  const keys = svgs.map((svg) => pngKey(svg));
  const firstOf = new Map<string, number>();
  const todo: number[] = [];
  svgs.forEach((_, index) => {
    const key = keys[index] as string;
    if (firstOf.has(key)) return;
    firstOf.set(key, index);
    const cached = readBinaryCache('png', key, 'png', isCompletePng);
    if (cached) pngs[index] = cached;
    else todo.push(index);
  });
  if (todo.length > 0) {
    const pool = Array.from(
      { length: Math.max(1, Math.min(workers, todo.length)) },
      () => new Worker(new URL('./png-worker.ts', import.meta.url)),
    );
    try {
      let next = 0;
      await Promise.all(
        pool.map(
          (worker) =>
            new Promise<void>((resolve, reject) => {
              const send = () => {
                if (next >= todo.length) return resolve();
                const index = todo[next++] as number;
                worker.postMessage({ id: index, svg: svgs[index] as string } satisfies PngJob);
              };
              worker.on('message', (reply: Reply) => {
                if (reply.error || !reply.png)
                  return reject(new Error(`PNG rendering failed: ${reply.error ?? 'no output'}`));
                const png = new Uint8Array(reply.png);
                pngs[reply.id] = png;
                writeBinaryCache('png', keys[reply.id] as string, 'png', png);
                send();
              });
              worker.on('error', reject);
              send();
            }),
        ),
      );
    } finally {
      await Promise.all(pool.map((worker) => worker.terminate()));
    }
  }
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
