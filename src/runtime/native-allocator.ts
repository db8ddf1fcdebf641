/**
 * Options for mimalloc, the allocator resvg's native module is built with. mimalloc reads them
 * from the environment once, when the module loads, so this module must be imported before
 * `@resvg/resvg-js` (png.ts and og/draw.ts import it first). A setting already in the
 * environment wins.
 *
 * A PNG twin or a card is drawn on a pixmap of 2-4 MB. By default mimalloc gives freed memory
 * back to the kernel 10 ms after it was freed, so each pixmap was fresh pages that the kernel
 * faulted in and zeroed one by one (some 2,100 faults a twin), a third of a worker's time in
 * the kernel. Kept for a second instead, the memory is reused by the next pixmap on the same
 * thread: a cold 1,000-note build with 3 charts a note took 88-94 s and 150-169 s of CPU
 * against 119-126 s and 219-233 s (one build each of four settings), for a peak RSS within
 * 100 MB of before. (2 MiB pages, mimalloc's `allow_large_os_pages`, gave nothing more.)
 */
export const RESVG_ALLOCATOR_OPTIONS: Readonly<Record<string, string>> = {
  MIMALLOC_PURGE_DELAY: '1000',
};

for (const [name, value] of Object.entries(RESVG_ALLOCATOR_OPTIONS)) process.env[name] ??= value;
