import { copyFile, type FileHandle, open, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { runTask } from '../workers/pool.ts';
import { cacheEnabled, cacheRoot, readBinaryCache, writeBinaryCache } from './cache.ts';
import { isCompletePng, pngKey } from './png.ts';

/** Timing of a batch of PNGs, for the build log and the benchmark. */
export interface PngStats {
  /** Distinct images (identical SVGs count once). */
  total: number;
  rendered: number;
  cached: number;
  ms: number;
}

/**
 * Renders many SVGs to PNG on the build's worker threads (src/workers/pool.ts; one per core
 * on the 2-core build machines), reusing cached PNGs by content. Results keep input order.
 */
export async function renderPngs(svgs: readonly string[]): Promise<{ pngs: Uint8Array[]; stats: PngStats }> {
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
  await Promise.all(
    todo.map(async (index) => {
      const png = await runTask('png', svgs[index] as string);
      pngs[index] = png;
      writeBinaryCache('png', keys[index] as string, 'png', png);
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

/** Whether a file is a complete PNG, reading only its first and last bytes. */
async function isCompletePngFile(file: string): Promise<boolean> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(file, 'r');
    const { size } = await handle.stat();
    if (size <= 57) return false;
    // The file's first 16 and last 8 bytes, laid out as a minimal PNG for isCompletePng.
    const bytes = Buffer.alloc(64);
    const head = await handle.read(bytes, 0, 16, 0);
    const tail = await handle.read(bytes, 56, 8, size - 8);
    return head.bytesRead === 16 && tail.bytesRead === 8 && isCompletePng(bytes);
  } catch {
    return false;
  } finally {
    await handle?.close();
  }
}

/**
 * Writes each SVG's PNG twin to its output file. A cached twin is copied by the kernel
 * (no bytes through JavaScript: on a warm build that is all of them, tens of megabytes);
 * a missing one is drawn on the worker threads, cached and written. Same files as
 * `renderPngs`, and the same statistics.
 */
export async function writePngTwins(svgs: readonly string[], outFiles: readonly string[]): Promise<PngStats> {
  const started = performance.now();
  const groups = new Map<string, { svg: string; files: string[] }>();
  svgs.forEach((svg, index) => {
    const key = pngKey(svg);
    const group = groups.get(key) ?? { svg, files: [] };
    group.files.push(outFiles[index] as string);
    groups.set(key, group);
  });
  let rendered = 0;
  const entries = [...groups];
  // A batch at a time: thousands of files, and each copy holds a file descriptor.
  for (let start = 0; start < entries.length; start += 64) {
    await Promise.all(
      entries.slice(start, start + 64).map(async ([key, { svg, files }]) => {
        const cached = cacheEnabled() ? path.join(cacheRoot(), 'png', `${key}.png`) : undefined;
        if (cached && (await isCompletePngFile(cached))) {
          await Promise.all(files.map((file) => copyFile(cached, file)));
          return;
        }
        const png = await runTask('png', svg);
        rendered += 1;
        writeBinaryCache('png', key, 'png', png);
        await Promise.all(files.map((file) => writeFile(file, png)));
      }),
    );
  }
  return {
    total: groups.size,
    rendered,
    cached: groups.size - rendered,
    ms: performance.now() - started,
  };
}
