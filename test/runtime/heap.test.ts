import { getHeapStatistics } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { collectGarbage } from '../../src/runtime/heap.ts';

describe('collectGarbage', () => {
  it("frees this thread's unreachable objects at once, each time it is called", () => {
    for (let round = 0; round < 2; round++) {
      let junk: { n: number; text: string }[] = [];
      for (let n = 0; n < 500_000; n++) junk.push({ n, text: `garbage ${n}` });
      const held = getHeapStatistics().used_heap_size;
      junk = [];
      collectGarbage();
      const after = getHeapStatistics().used_heap_size;
      // Half a million small objects are some 30 MB; a full collection frees nearly all of them.
      expect(held - after, `round ${round}`).toBeGreaterThan(20 * 2 ** 20);
      expect(junk).toHaveLength(0);
    }
  });
});
