/**
 * Chart fonts for resvg: the committed subsets of Inter first (fast to shape), the full files
 * after them (fallback), so every character Inter has is drawn, exactly as the full font draws
 * it; and the committed subsets are what `npm run fonts:subset` makes from the installed Inter.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { afterAll, describe, expect, it } from 'vitest';
import { chartFontSubsets, LICENCE, SUBSET_DIR, SUBSET_RANGES, subsetFont } from '../../scripts/subset-fonts.ts';
import { CHART_FONTS, chartFontFiles, fontPackageDir } from '../../src/charts/fonts.ts';
import { fingerprintOf } from '../../src/lib/code-fingerprint.ts';
import { PROJECT_ROOT } from '../helpers/build-site.ts';

const draw = (text: string, fontFiles: string[], weight = 400) =>
  Buffer.from(
    new Resvg(
      `<svg xmlns="http://www.w3.org/2000/svg" width="360" height="24" font-family="Inter" font-size="14" font-weight="${weight}"><text x="4" y="17" font-variant="tabular-nums">${text}</text></svg>`,
      { background: '#ffffff', font: { loadSystemFonts: false, fontFiles, defaultFontFamily: 'Inter' } },
    ).render().pixels,
  );
const inked = (pixels: Buffer) => pixels.filter((value, index) => index % 4 === 0 && value < 128).length;

describe('chart fonts', () => {
  const files = chartFontFiles();
  const subsets = files.slice(0, 2);
  const full = files.slice(2);

  it('gives resvg the two committed subsets first, then the two full Inter files', () => {
    expect(files).toHaveLength(4);
    for (const subset of subsets) {
      expect(path.dirname(subset)).toBe(path.resolve(SUBSET_DIR));
      expect(readFileSync(subset).length).toBeLessThan(readFileSync(full[0] as string).length / 2);
    }
    expect(full.every((file) => file.includes('@expo-google-fonts/inter'))).toBe(true);
  });

  it('commits exactly the subsets npm run fonts:subset makes from the installed Inter, and its licence', () => {
    // Fails after an Inter upgrade or a change to the ranges until the script is run again.
    for (const { name, bytes } of chartFontSubsets()) {
      const committed = readFileSync(path.join(SUBSET_DIR, name));
      expect(committed.equals(bytes), `${name} is stale: run npm run fonts:subset`).toBe(true);
    }
    expect(readFileSync(path.join(SUBSET_DIR, LICENCE.to), 'utf8')).toBe(
      readFileSync(path.join(fontPackageDir(), LICENCE.from), 'utf8'),
    );
  });

  it('draws chart text exactly as the full font does, in both weights, from the subsets alone', () => {
    const text = 'Jan 2025 · 5,383 t −77% €1.2bn Türkiye Łódź “Q3” 12½ → ™';
    for (const weight of [400, 600]) {
      const subsetOnly = draw(text, subsets, weight);
      expect(inked(subsetOnly)).toBeGreaterThan(200);
      expect(subsetOnly.equals(draw(text, full, weight))).toBe(true);
    }
  });

  it('falls back to the full font for what the subset leaves out (Greek, Cyrillic)', () => {
    const text = 'Ελλάδα Россия';
    // The subset alone has none of these letters (it draws boxes)...
    expect(draw(text, subsets).equals(draw(text, full))).toBe(false);
    // ...and with the fallback they are drawn as the full font draws them.
    expect(draw(text, files).equals(draw(text, full))).toBe(true);
  });

  it('draws a box, not nothing, for a character no font has', () => {
    expect(inked(draw('中', files))).toBeGreaterThan(20);
  });

  it('makes the same subset bytes every time', () => {
    const font = readFileSync(full[0] as string);
    expect(subsetFont(font, SUBSET_RANGES).equals(subsetFont(font, SUBSET_RANGES))).toBe(true);
  });
});

describe('the code fingerprint and the committed subsets', () => {
  let copy: string;
  afterAll(() => rmSync(copy, { recursive: true, force: true }));

  it('changes when a committed subset changes, so no cached PNG outlives its font', () => {
    copy = mkdtempSync(path.join(tmpdir(), 'assay-fonts-fingerprint-'));
    cpSync(path.join(PROJECT_ROOT, 'src'), path.join(copy, 'src'), { recursive: true });
    const before = fingerprintOf(copy);
    const subset = path.join(copy, 'src/charts/fonts', CHART_FONTS[0].subset);
    const bytes = readFileSync(subset);
    bytes[bytes.length - 1] = (bytes.at(-1) ?? 0) ^ 1;
    writeFileSync(subset, bytes);
    expect(fingerprintOf(copy)).not.toBe(before);
  });
});
