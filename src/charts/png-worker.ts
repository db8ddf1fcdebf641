import { parentPort } from 'node:worker_threads';
import { renderPng } from './png.ts';

/** One PNG job: the standalone SVG in, PNG bytes (or an error message) out. */
export interface PngJob {
  id: number;
  svg: string;
}

// Runs in a worker thread so rasterising never blocks the build's main thread.
parentPort?.on('message', (job: PngJob) => {
  try {
    const png = renderPng(job.svg);
    // Copy into a plain Uint8Array: the native buffer from resvg cannot be transferred.
    const bytes = new Uint8Array(png);
    parentPort?.postMessage({ id: job.id, png: bytes }, [bytes.buffer]);
  } catch (error) {
    parentPort?.postMessage({ id: job.id, error: (error as Error).message });
  }
});
