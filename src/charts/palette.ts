import { site } from '../site.config.ts';

/**
 * The site's one categorical palette: Okabe-Ito without black (invisible in dark mode) and
 * yellow, with orange, reddish purple and sky blue darkened just enough that every colour
 * keeps at least 3:1 against both the light (#fbfaf6) and the dark (#14171b) page
 * backgrounds and the PNG's white (test/charts/palette.test.ts measures it), ordered so the
 * first colours are the most distinct for the common 2-3 series case.
 */
export const PALETTE = ['#0072B2', '#C77C00', '#009E73', '#C0679A', '#2E94CF', '#D55E00', '#8C6BB1'] as const;

/** Neutral colour for de-emphasised marks (bars outside a highlight); 3:1 on both backgrounds too. */
export const MUTED = '#858D96';

/** Pattern-free hex colour, as `seriesColors` and the `colors` option take them. */
const HEX = /^#[0-9a-fA-F]{6}$/;

/**
 * Entities that keep one colour in every chart of the site (United States, Germany…), from
 * the site settings (`seriesColors`), by lower-cased name.
 */
export const NAMED_SERIES_COLOURS: Readonly<Record<string, string>> = namedColours(site.seriesColors);

function namedColours(settings: Readonly<Record<string, string>>): Record<string, string> {
  const named: Record<string, string> = {};
  for (const [name, colour] of Object.entries(settings)) {
    if (!HEX.test(colour))
      throw new Error(`src/site.config.ts: seriesColors '${name}' is '${colour}', not a hex colour such as #0072B2`);
    named[name.trim().toLowerCase()] = colour;
  }
  return named;
}

/** The site colour of an entity (a series name or a dataset's `entity`), in any case; undefined when it has none. */
export function entityColour(name: string): string | undefined {
  return NAMED_SERIES_COLOURS[name.trim().toLowerCase()];
}

/**
 * Colours for the series of one chart. `pinned` (the author's `colors` option) wins; then
 * each entity with a site colour takes it; the others take the palette in order, skipping
 * colours already used in this chart. A named entity whose colour is pinned to another
 * series of this chart yields to it and takes the next free colour.
 */
export function seriesColours(
  names: readonly string[],
  pinned: Readonly<Record<string, string>> = {},
): Map<string, string> {
  const result = new Map<string, string>();
  const used = new Set<string>(Object.values(pinned).map((c) => c.toLowerCase()));
  for (const name of names) {
    const fixed = pinned[name];
    if (fixed) result.set(name, fixed);
  }
  for (const name of names) {
    if (result.has(name)) continue;
    const colour = entityColour(name);
    if (colour && !used.has(colour.toLowerCase())) {
      used.add(colour.toLowerCase());
      result.set(name, colour);
    }
  }
  for (const name of names) {
    if (result.has(name)) continue;
    const colour = PALETTE.find((candidate) => !used.has(candidate.toLowerCase())) ?? PALETTE[0];
    used.add(colour.toLowerCase());
    result.set(name, colour);
  }
  // In the order the series appear.
  return new Map(names.map((name) => [name, result.get(name) as string]));
}
