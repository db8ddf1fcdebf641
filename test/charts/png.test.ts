import { describe, expect, it } from 'vitest';
import { encodePng, isCompletePng, pngSize } from '../../src/charts/png.ts';
import { rawRows } from '../helpers/png.ts';

/** Pixels that differ at every position, so a stray byte from another image would show. */
function pixels(width: number, height: number, seed: number): Uint8Array {
  return Uint8Array.from({ length: width * height * 4 }, (_, i) => (i * 31 + seed) % 251);
}

describe('PNG encoding', () => {
  it('writes every row unfiltered, with exactly the pixels given', () => {
    const rgba = pixels(7, 5, 3);
    const png = encodePng(rgba, 7, 5);
    expect(isCompletePng(png)).toBe(true);
    expect(pngSize(png)).toEqual({ width: 7, height: 5 });
    const rows = rawRows(png);
    expect(rows.length).toBe(5 * (7 * 4 + 1));
    for (let y = 0; y < 5; y++) {
      expect(rows[y * 29]).toBe(0);
      expect(rows.subarray(y * 29 + 1, (y + 1) * 29).equals(Buffer.from(rgba.subarray(y * 28, (y + 1) * 28)))).toBe(
        true,
      );
    }
  });

  it('gives the same bytes for the same pixels whatever was encoded before (its buffer is reused)', () => {
    const small = pixels(9, 4, 1);
    const first = encodePng(small, 9, 4);
    encodePng(pixels(40, 30, 2), 40, 30);
    const again = encodePng(small, 9, 4);
    expect(again.equals(first)).toBe(true);
    expect(rawRows(again).equals(rawRows(first))).toBe(true);
  });
});
