/**
 * Chart fonts for resvg: subsets of Inter first (fast to shape), the full files after them
 * (fallback), so every character Inter has is drawn, exactly as the full font draws it.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartFontFiles, SUBSET_RANGES, subsetFont } from '../../src/charts/fonts.ts';

const draw = (text: string, fontFiles: string[], weight = 400) =>
  Buffer.from(
    new Resvg(
      `<svg xmlns="http://www.w3.org/2000/svg" width="360" height="24" font-family="Inter" font-size="14" font-weight="${weight}"><text x="4" y="17" font-variant="tabular-nums">${text}</text></svg>`,
      { background: '#ffffff', font: { loadSystemFonts: false, fontFiles, defaultFontFamily: 'Inter' } },
    ).render().pixels,
  );
const inked = (pixels: Buffer) => pixels.filter((value, index) => index % 4 === 0 && value < 128).length;

describe('chart fonts', () => {
  let cacheDir: string;
  let files: string[];
  let full: string[];
  beforeAll(() => {
    cacheDir = mkdtempSync(path.join(tmpdir(), 'assay-fonts-'));
    process.env.ASSAY_CACHE_DIR = cacheDir;
    files = chartFontFiles();
    full = files.slice(2);
  });
  afterAll(() => {
    delete process.env.ASSAY_CACHE_DIR;
    rmSync(cacheDir, { recursive: true, force: true });
  });

  it('puts two subsets in the cache first, then the two full Inter files', () => {
    expect(files).toHaveLength(4);
    for (const subset of files.slice(0, 2)) {
      expect(subset.startsWith(path.join(cacheDir, 'fonts'))).toBe(true);
      expect(readFileSync(subset).length).toBeLessThan(readFileSync(full[0] as string).length / 2);
    }
    expect(full.every((file) => file.includes('@expo-google-fonts/inter'))).toBe(true);
  });

  it('draws chart text exactly as the full font does, in both weights, from the subsets alone', () => {
    const text = 'Jan 2025 · 5,383 t −77% €1.2bn Türkiye Łódź “Q3” 12½ → ™';
    for (const weight of [400, 600]) {
      const subsetOnly = draw(text, files.slice(0, 2), weight);
      expect(inked(subsetOnly)).toBeGreaterThan(200);
      expect(subsetOnly.equals(draw(text, full, weight))).toBe(true);
    }
  });

  it('falls back to the full font for what the subset leaves out (Greek, Cyrillic)', () => {
    const text = 'Ελλάδα Россия';
    // The subset alone has none of these letters (it draws boxes)...
    expect(draw(text, files.slice(0, 2)).equals(draw(text, full))).toBe(false);
    // ...and with the fallback they are drawn as the full font draws them.
    expect(draw(text, files).equals(draw(text, full))).toBe(true);
  });

  it('draws a box, not nothing, for a character no font has', () => {
    expect(inked(draw('中', files))).toBeGreaterThan(20);
  });

  it('makes the same subset bytes every time, and makes them again if the cache was emptied', () => {
    const font = readFileSync(full[0] as string);
    expect(subsetFont(font, SUBSET_RANGES).equals(subsetFont(font, SUBSET_RANGES))).toBe(true);
    const before = readFileSync(files[0] as string);
    rmSync(path.join(cacheDir, 'fonts'), { recursive: true, force: true });
    const again = chartFontFiles();
    expect(again.every((file) => existsSync(file))).toBe(true);
    expect(readFileSync(again[0] as string).equals(before)).toBe(true);
  });
});
