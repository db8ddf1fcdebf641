import { createHash } from 'node:crypto';
import { Resvg } from '@resvg/resvg-js';
import satori from 'satori';
import { readBinaryCache, writeBinaryCache } from '../charts/cache.ts';
import { isCompletePng, pngKey, pngSize, renderPng } from '../charts/png.ts';
import { type OgCard, type OgLayoutCard, ogCardTree } from './card.ts';
import { ogFonts, ogFontsVersion } from './fonts.ts';
import { OG_HEIGHT, OG_WIDTH } from './paths.ts';

/** Bump when the card's layout or pipeline changes, so cached cards are redrawn. */
export const OG_VERSION = 'og-1';

/** Cache key of a card: its text, its chart's SVG, the fonts and the layout version. */
export function ogCardKey(card: OgCard): string {
  return createHash('sha256')
    .update(OG_VERSION)
    .update('\0')
    .update(ogFontsVersion())
    .update('\0')
    .update(JSON.stringify(card))
    .digest('hex')
    .slice(0, 24);
}

/** The chart's PNG twin: from the chart engine's PNG cache when it drew it already. */
function chartPng(svg: string): Uint8Array {
  const key = pngKey(svg);
  const cached = readBinaryCache('png', key, 'png', isCompletePng);
  if (cached) return cached;
  const png = renderPng(svg);
  writeBinaryCache('png', key, 'png', png);
  return png;
}

/** Draws a card to a 1200x630 PNG: satori lays it out as SVG, resvg rasterises it. */
export async function drawOgCard(card: OgCard): Promise<Buffer> {
  let layout: OgLayoutCard = { ...card, chart: undefined };
  if (card.chart) {
    const png = chartPng(card.chart.svg);
    layout = { ...card, chart: { png, ...pngSize(png) } };
  }
  const svg = await satori(ogCardTree(layout) as Parameters<typeof satori>[0], {
    width: OG_WIDTH,
    height: OG_HEIGHT,
    fonts: ogFonts(),
  });
  // satori has turned all text into paths, so resvg needs no fonts (and loads none).
  return new Resvg(svg, { fitTo: { mode: 'original' }, font: { loadSystemFonts: false } }).render().asPng();
}

/**
 * A card's PNG, from node_modules/.cache/assay/og/<key>.png when an identical card was drawn
 * before (same text, chart, fonts and layout), else drawn and stored. Deterministic: the
 * same card gives the same bytes, so the cache only saves time.
 */
export async function renderOgCard(card: OgCard): Promise<{ png: Uint8Array; cached: boolean }> {
  const key = ogCardKey(card);
  const hit = readBinaryCache('og', key, 'png', isCompletePng);
  if (hit) return { png: hit, cached: true };
  const png = await drawOgCard(card);
  writeBinaryCache('og', key, 'png', png);
  return { png, cached: false };
}
