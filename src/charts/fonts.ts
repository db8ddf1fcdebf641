/**
 * The fonts resvg draws chart text with (PNG twins, preview cards): Inter, so every machine
 * draws the same glyphs, passed as files because resvg has no other way in.
 *
 * resvg maps and parses a font file again for every run of text it shapes. A chart has some
 * thirty runs, and with Inter's 340 KB files that was about 0.25 ms each, half of it in the
 * kernel. So the fonts come first as subsets (about 67 KB: the scripts chart text is written
 * in, and the layout features it uses), which cost a fraction of that, and then the full
 * files from npm: a character the subset lacks (Greek, Cyrillic, rarer Latin) falls back to
 * the full font, so nothing is lost. The glyphs are the same outlines either way: the pixels
 * of the sample charts are identical.
 *
 * The subsets are committed in `src/charts/fonts/` (so the code fingerprint covers them),
 * made from the installed Inter by `npm run fonts:subset` (scripts/subset-fonts.ts); a test
 * fails when they differ from what that script would make, so they cannot go stale.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

/** Where the full files come from. */
export const FONT_PACKAGE = '@expo-google-fonts/inter';

/** Each Inter weight charts use: its file in the package, and its committed subset's name. */
export const CHART_FONTS = [
  { full: '400Regular/Inter_400Regular.ttf', subset: 'Inter-400-subset.ttf' },
  { full: '600SemiBold/Inter_600SemiBold.ttf', subset: 'Inter-600-subset.ttf' },
] as const;

/** The installed font package's directory. */
export function fontPackageDir(): string {
  return path.dirname(require.resolve(`${FONT_PACKAGE}/package.json`));
}

const SUBSET_DIR = path.join('src', 'charts', 'fonts');

/**
 * `src/charts/fonts/`. Found by walking up from this module: unbundled (tests, workers,
 * scripts) it is the checkout's; in the bundle the build makes of page code, which lives in
 * a build directory inside the project, it is the project's. Missing subsets fail here, not
 * in resvg, which would skip a missing file without a word and draw no text.
 */
export function subsetDir(): string {
  const [first] = CHART_FONTS;
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, SUBSET_DIR);
    if (existsSync(path.join(candidate, first.subset))) return candidate;
    if (dir === path.dirname(dir)) {
      throw new Error(`The chart font subsets (${SUBSET_DIR}/*.ttf) are missing: run npm run fonts:subset`);
    }
  }
}

let files: string[] | undefined;

/** The font files to give resvg, in order: the subsets, then the full fonts. */
export function chartFontFiles(): string[] {
  if (!files) {
    const subsets = subsetDir();
    const full = fontPackageDir();
    files = [
      ...CHART_FONTS.map(({ subset }) => path.join(subsets, subset)),
      ...CHART_FONTS.map((f) => path.join(full, f.full)),
    ];
  }
  return files;
}
