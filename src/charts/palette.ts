/**
 * The site's one categorical palette: Okabe-Ito without black (invisible in dark mode)
 * and without yellow (too faint on white), reordered so the first colours are the most
 * distinct for the common 2-3 series case. Each colour keeps at least 3:1 against both
 * the light and the dark page backgrounds.
 */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#8C6BB1'] as const;

/** Neutral colour for de-emphasised marks (bars outside a highlight). */
export const MUTED = '#9AA3AD';

/**
 * Series that must look the same in every chart of the site: a publisher edits this list.
 * Names not listed get a colour from a hash of the name, so they are stable too.
 */
export const NAMED_SERIES_COLOURS: Readonly<Record<string, string>> = {
  world: '#0072B2',
  'united states': '#D55E00',
  germany: '#009E73',
  japan: '#CC79A7',
  'south korea': '#E69F00',
  india: '#56B4E9',
};

/** FNV-1a: tiny, stable across Node versions and platforms (unlike String hash codes). */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** The colour a series name gets everywhere, before resolving clashes within one chart. */
export function preferredColour(name: string): string {
  const key = name.trim().toLowerCase();
  return NAMED_SERIES_COLOURS[key] ?? (PALETTE[fnv1a(key) % PALETTE.length] as string);
}

/**
 * Colours for the series of one chart: each name keeps its preferred colour unless an
 * earlier series (in the given order) already took it, then the next free palette colour.
 * `pinned` (the author's `colors` option) wins over both.
 */
export function seriesColours(
  names: readonly string[],
  pinned: Readonly<Record<string, string>> = {},
): Map<string, string> {
  const result = new Map<string, string>();
  const used = new Set<string>(Object.values(pinned).map((c) => c.toLowerCase()));
  for (const name of names) {
    const fixed = pinned[name];
    if (fixed) {
      result.set(name, fixed);
      continue;
    }
    let colour = preferredColour(name);
    if (used.has(colour.toLowerCase())) {
      const start = PALETTE.indexOf(colour as (typeof PALETTE)[number]);
      for (let step = 1; step <= PALETTE.length; step++) {
        const candidate = PALETTE[(Math.max(start, 0) + step) % PALETTE.length] as string;
        if (!used.has(candidate.toLowerCase())) {
          colour = candidate;
          break;
        }
      }
    }
    used.add(colour.toLowerCase());
    result.set(name, colour);
  }
  return result;
}
