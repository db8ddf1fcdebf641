/**
 * The fonts resvg draws chart text with (PNG twins, preview cards): Inter from npm, so every
 * machine draws the same glyphs, passed as files because resvg has no other way in.
 *
 * resvg maps and parses a font file again for every run of text it shapes. A chart has some
 * thirty runs, and with Inter's 340 KB files that was about 0.25 ms each, half of it in the
 * kernel. So the fonts come first as subsets (about 67 KB: the scripts chart text is written
 * in, and the layout features it uses), which cost a fraction of that, and then the full
 * files: a character the subset lacks (Greek, Cyrillic, rarer Latin) falls back to the full
 * font, so nothing is lost. The glyphs are the same outlines either way: the pixels of the
 * sample charts are identical.
 */
import { existsSync, readFileSync, utimesSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { codeFingerprint } from '../lib/code-fingerprint.ts';
import { cacheEnabled, cacheRoot, writeAtomic } from './cache.ts';

const require = createRequire(import.meta.url);

const FONT_PACKAGE = '@expo-google-fonts/inter';
const FONT_FILES = ['400Regular/Inter_400Regular.ttf', '600SemiBold/Inter_600SemiBold.ttf'] as const;

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

function fontDir(): string {
  return path.dirname(require.resolve(`${FONT_PACKAGE}/package.json`));
}

const HARFBUZZ_WASM = 'harfbuzzjs/dist/harfbuzz-subset.wasm';

// harfbuzz's subsetter, as harfbuzzjs builds it to WebAssembly. Its raw exports are called
// here, rather than through a wrapper such as subset-font, to run synchronously (any thread
// can make the subset it needs, before drawing) and to keep the .notdef outline, so a
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

/**
 * Layout features kept in the subsets besides harfbuzz's defaults (kerning, ligatures, marks:
 * what shaping applies unasked): tabular figures, which Plot's axes ask for. Inter's stylistic
 * sets and alternates are left out: no chart asks for them, and they were a third of the
 * subset's bytes, which resvg reads again for every run of text it shapes.
 */
export const SUBSET_FEATURES: readonly string[] = ['tnum'];

/** An OpenType tag ("tnum") as the 32-bit number harfbuzz takes. */
const featureTag = (tag: string) => [...tag].reduce((value, char) => value * 256 + char.charCodeAt(0), 0);

/** A TrueType subset of `font` with the code points in `ranges`, the layout `features`, every name, and the .notdef outline. */
export function subsetFont(
  font: Uint8Array,
  ranges: readonly (readonly [number, number])[],
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

/** Where subsets are kept: the cache, or the system's temporary directory with caching off. */
function subsetDir(): string {
  return path.join(cacheEnabled() ? cacheRoot() : path.join(tmpdir(), 'assay-cache'), 'fonts');
}

let files: string[] | undefined;

/**
 * The font files to give resvg, in order: the subsets, then the full fonts. Each subset is
 * made once and kept under a name that changes with Inter, harfbuzz and the ranges; any
 * thread that finds it missing makes it (the same bytes) and writes it atomically.
 */
export function chartFontFiles(): string[] {
  // Checked on each call: a cache emptied since (by hand, by a test) must not leave resvg
  // with a missing file, which it would skip without a word and draw no text.
  if (files?.every((file) => existsSync(file))) return files;
  const full = FONT_FILES.map((file) => path.join(fontDir(), file));
  // Named by the code fingerprint, which covers Inter, harfbuzz, the ranges and this code.
  const tag = `inter-${codeFingerprint()}`;
  const subsets = full.map((file) => {
    const subset = path.join(subsetDir(), `${tag}_${path.basename(file)}`);
    if (existsSync(subset)) {
      // Marked as used, so the cache's pruning keeps it.
      const now = new Date();
      utimesSync(subset, now, now);
    } else writeAtomic(subset, subsetFont(readFileSync(file), SUBSET_RANGES));
    return subset;
  });
  files = [...subsets, ...full];
  return files;
}
