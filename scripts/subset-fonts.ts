/**
 * Makes the Inter subsets resvg draws chart text with (see src/charts/fonts.ts) from the
 * installed `@expo-google-fonts/inter`, and writes them to src/charts/fonts/ with Inter's
 * licence. Run after upgrading Inter or changing the ranges below:
 *   npm run fonts:subset
 * test/charts/fonts.test.ts fails while the committed files differ from what this makes.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHART_FONTS, fontPackageDir } from '../src/charts/fonts.ts';

const require = createRequire(import.meta.url);

/**
 * Code points kept in the subsets: ASCII, Latin-1 and Latin Extended-A (western and central
 * European names), spaces and punctuation (thin spaces, dashes, quotes, ellipsis), currency
 * signs, ™, arrows and the minus sign that number formats use.
 */
export const SUBSET_RANGES: readonly (readonly [number, number])[] = [
  [0x20, 0x7e],
  [0xa0, 0x17f],
  [0x2000, 0x203a],
  [0x20a0, 0x20c0],
  [0x2122, 0x2122],
  [0x2190, 0x2193],
  [0x2212, 0x2212],
];

/**
 * Layout features kept in the subsets besides harfbuzz's defaults (kerning, ligatures, marks:
 * what shaping applies unasked): tabular figures, which Plot's axes ask for. Inter's stylistic
 * sets and alternates are left out: no chart asks for them, and they were a third of the
 * subset's bytes, which resvg reads again for every run of text it shapes.
 */
export const SUBSET_FEATURES: readonly string[] = ['tnum'];

/** Inter's licence (SIL OFL 1.1), which must travel with the subsets, as the package ships it. */
export const LICENCE = { from: 'LICENSE_FONT', to: 'OFL.txt' } as const;

const HARFBUZZ_WASM = 'harfbuzzjs/dist/harfbuzz-subset.wasm';

// harfbuzz's subsetter, as harfbuzzjs builds it to WebAssembly. Its raw exports are called
// here, rather than through a wrapper such as subset-font, to keep the .notdef outline, so a
// character no font has still draws as a box instead of nothing.
interface HarfBuzzSubset {
  memory: WebAssembly.Memory;
  _initialize(): void;
  malloc(size: number): number;
  free(pointer: number): void;
  hb_blob_create(data: number, length: number, mode: number, user: number, destroy: number): number;
  hb_blob_destroy(blob: number): void;
  hb_blob_get_data(blob: number, length: number): number;
  hb_blob_get_length(blob: number): number;
  hb_face_create(blob: number, index: number): number;
  hb_face_destroy(face: number): void;
  hb_face_reference_blob(face: number): number;
  hb_set_add(set: number, value: number): void;
  hb_set_clear(set: number): void;
  hb_set_invert(set: number): void;
  hb_subset_input_create_or_fail(): number;
  hb_subset_input_destroy(input: number): void;
  hb_subset_input_get_flags(input: number): number;
  hb_subset_input_set_flags(input: number, flags: number): void;
  hb_subset_input_set(input: number, set: number): number;
  hb_subset_input_unicode_set(input: number): number;
  hb_subset_or_fail(face: number, input: number): number;
}

const HB_MEMORY_MODE_WRITABLE = 2;
const HB_SUBSET_SETS_NAME_ID = 4;
const HB_SUBSET_SETS_LAYOUT_FEATURE_TAG = 6;
const HB_SUBSET_FLAGS_NOTDEF_OUTLINE = 0x40;

let harfbuzz: HarfBuzzSubset | undefined;

function loadHarfBuzz(): HarfBuzzSubset {
  if (!harfbuzz) {
    const wasm = readFileSync(require.resolve(HARFBUZZ_WASM));
    const instance = new WebAssembly.Instance(new WebAssembly.Module(wasm));
    harfbuzz = instance.exports as unknown as HarfBuzzSubset;
    harfbuzz._initialize();
  }
  return harfbuzz;
}

/** An OpenType tag ("tnum") as the 32-bit number harfbuzz takes. */
const featureTag = (tag: string) => [...tag].reduce((value, char) => value * 256 + char.charCodeAt(0), 0);

/** A TrueType subset of `font` with the code points in `ranges`, the layout `features`, every name, and the .notdef outline. */
export function subsetFont(
  font: Uint8Array,
  ranges: readonly (readonly [number, number])[] = SUBSET_RANGES,
  features: readonly string[] = SUBSET_FEATURES,
): Buffer {
  const hb = loadHarfBuzz();
  const input = hb.hb_subset_input_create_or_fail();
  if (input === 0) throw new Error('harfbuzz could not start a font subset');
  const data = hb.malloc(font.byteLength);
  new Uint8Array(hb.memory.buffer).set(font, data);
  const blob = hb.hb_blob_create(data, font.byteLength, HB_MEMORY_MODE_WRITABLE, 0, 0);
  const face = hb.hb_face_create(blob, 0);
  hb.hb_blob_destroy(blob);
  try {
    // harfbuzz starts from its default feature set; these are added to it.
    const kept = hb.hb_subset_input_set(input, HB_SUBSET_SETS_LAYOUT_FEATURE_TAG);
    for (const tag of features) hb.hb_set_add(kept, featureTag(tag));
    // Every name: without the typographic family (name 16), the semibold face would be
    // "Inter SemiBold", and text asking for Inter at weight 600 would not find it.
    const names = hb.hb_subset_input_set(input, HB_SUBSET_SETS_NAME_ID);
    hb.hb_set_clear(names);
    hb.hb_set_invert(names);
    hb.hb_subset_input_set_flags(input, hb.hb_subset_input_get_flags(input) | HB_SUBSET_FLAGS_NOTDEF_OUTLINE);
    const unicodes = hb.hb_subset_input_unicode_set(input);
    for (const [first, last] of ranges) for (let code = first; code <= last; code++) hb.hb_set_add(unicodes, code);
    const subset = hb.hb_subset_or_fail(face, input);
    if (subset === 0) throw new Error('harfbuzz could not subset the font: is the file damaged?');
    const result = hb.hb_face_reference_blob(subset);
    const start = hb.hb_blob_get_data(result, 0);
    // Copied out: the wasm memory is reused by the next call.
    const bytes = Buffer.from(new Uint8Array(hb.memory.buffer, start, hb.hb_blob_get_length(result)));
    hb.hb_blob_destroy(result);
    hb.hb_face_destroy(subset);
    if (bytes.length === 0) throw new Error('harfbuzz made an empty font subset');
    return bytes;
  } finally {
    hb.hb_subset_input_destroy(input);
    hb.hb_face_destroy(face);
    hb.free(data);
  }
}

/** Each subset's file name and the bytes this script makes for it from the installed Inter. */
export function chartFontSubsets(): { name: string; bytes: Buffer }[] {
  const from = fontPackageDir();
  return CHART_FONTS.map(({ full, subset }) => ({
    name: subset,
    bytes: subsetFont(readFileSync(path.join(from, full))),
  }));
}

/** Where the subsets are committed. */
export const SUBSET_DIR = fileURLToPath(new URL('../src/charts/fonts/', import.meta.url));

if (import.meta.main) {
  const to = SUBSET_DIR;
  mkdirSync(to, { recursive: true });
  for (const { name, bytes } of chartFontSubsets()) {
    writeFileSync(path.join(to, name), bytes);
    console.log(`${path.relative(process.cwd(), path.join(to, name))}: ${bytes.length.toLocaleString('en')} bytes`);
  }
  copyFileSync(path.join(fontPackageDir(), LICENCE.from), path.join(to, LICENCE.to));
}
