import { setFlagsFromString } from 'node:v8';

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
