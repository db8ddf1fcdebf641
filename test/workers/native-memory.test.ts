import '../../src/runtime/native-allocator.ts';
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { releaseNativeMemory, turnEventLoop } from '../../src/workers/pool.ts';

/** Draws an empty 1000x1000 pixmap (4 MB of native memory behind a small JS object). */
function drawOne(): number {
  return new Resvg('<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="1000"></svg>').render().width;
}

async function rssGrowth(afterEach: () => Promise<void>): Promise<number> {
  await releaseNativeMemory();
  const before = process.memoryUsage.rss();
  for (let i = 0; i < 60; i++) {
    drawOne();
    await afterEach();
  }
  return process.memoryUsage.rss() - before;
}

describe('releaseNativeMemory', () => {
  it("frees each resvg image after its task, so a worker's memory stays flat", async () => {
    // 60 images of 4 MB: held until V8 happens to collect, they are 240 MB.
    const released = await rssGrowth(releaseNativeMemory);
    expect(released).toBeLessThan(48 * 2 ** 20);
    const turnedOnly = await rssGrowth(turnEventLoop);
    expect(turnedOnly).toBeGreaterThan(released + 96 * 2 ** 20);
  });
});
