import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * How far V8 lets a heap grow past what it held after its last full collection, in percent.
 * By default V8 picks a factor of up to 4x when collection is fast, and a build's main heap
 * (some 200 MB live at 1,000 notes, mostly Astro's compiled pages) was given 3-4 times that
 * before collecting. At 1.5x the peak RSS of a cold 1,000-note build with 3 charts a note
 * fell from 2,006 to 1,735 MiB (one build each), and of a 300-note one from 1,558 to 1,398
 * MiB, with no cost in time (medians of 3 alternating builds: 46.9 s wall and 83.8 s CPU
 * against 48.9 s and 87.5 s without). Unlike a fixed `--max-old-space-size`, a proportional
 * factor cannot run a large site out of memory.
 */
export const HEAP_GROWING_PERCENT = 50;

/**
 * Bounds the heap growth of this process (the main thread and the worker threads it starts)
 * for a build. V8 reads the factor at each full collection, so setting it once the process
 * runs works; the dev server is left alone (a long-running process, where V8's memory reducer
 * already shrinks an idle heap).
 */
export function boundHeapGrowth(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}

let collector: ((options?: { type: 'minor' | 'major' }) => void) | undefined;

/** V8's `gc`, which Node exposes only behind a flag: set for this process, taken from a fresh context, as jest's leak detector does. */
function gc(): (options?: { type: 'minor' | 'major' }) => void {
  if (!collector) {
    setFlagsFromString('--expose-gc');
    collector = runInNewContext('gc') as (options?: { type: 'minor' | 'major' }) => void;
  }
  return collector;
}

/**
 * A full garbage collection of this thread's heap, now. Called once, when a build's pages are
 * done: the main heap then holds the garbage of the last pages (up to half its live size, see
 * above) just as both workers start on the queued PNG twins, and V8 would collect it only once
 * the thread had been idle for some seconds. That moment was the build's peak: in a 2,000-note
 * build RSS rose from 1.92 to 2.24 GB as the twins began and fell to 1.95 GB at the first
 * full collection. With this call, 3 alternating cold builds each at 2,000 notes: peak RSS
 * 1,984-2,063 MiB (median 2,022) against 2,053-2,249 (median 2,213), wall 186-208 s against
 * 185-200 s. Node exposes `gc` only behind a flag, so it is set for this process and the
 * function taken from a fresh context, as jest's leak detector does.
 */
export function collectGarbage(): void {
  gc()();
}

/**
 * A minor collection (a scavenge) of this thread's young generation: cheap, as it only visits
 * what survives. A worker calls it after each task (see `releaseNativeMemory` in pool.ts):
 * resvg's images hold 2-4 MB of native pixels each behind a small JS object that V8 does not
 * know is large, so without it they piled up until the next scavenge, which a PNG task, which
 * allocates little JS, rarely causes, and each new pixmap was fresh pages from the kernel.
 */
export function collectYoungGarbage(): void {
  gc()({ type: 'minor' });
}
