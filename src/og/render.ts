import { createHash } from 'node:crypto';
import { Resvg } from '@resvg/resvg-js';
import satori from 'satori';
import { readBinaryCache } from '../charts/cache.ts';
import { chartFontFiles } from '../charts/fonts.ts';
import { encodePng, isCompletePng } from '../charts/png.ts';
import { STANDALONE, svgSize } from '../charts/svg.ts';
import { codeFingerprint } from '../lib/code-fingerprint.ts';
import { promoteBackgroundTasks, runTask } from '../workers/pool.ts';
import { CHART_FRAME, type OgCard, type OgLayoutCard, ogCardTree } from './card.ts';
import { ogFonts } from './fonts.ts';
import { OG_HEIGHT, OG_WIDTH } from './paths.ts';

/**
 * Cache key of a card: its text, its chart (the drawing's key when known, else the SVG's
 * bytes), and the code fingerprint (the card's layout and pipeline, its fonts and the chart's).
 */
export function ogCardKey(card: OgCard): string {
  const chart = card.chart?.drawing ? { drawing: card.chart.drawing } : card.chart;
  return createHash('sha256')
    .update(`og\0${codeFingerprint()}\0`)
    .update(JSON.stringify({ ...card, chart }))
    .digest('hex')
    .slice(0, 24);
}

/** Four decimals: enough for a transform, and short. */
const round = (value: number) => Math.round(value * 1e4) / 1e4;

/**
 * Puts the chart's own SVG where satori placed its stand-in image: the chart stays vectors,
 * drawn once at the card's scale with the chart fonts. (As an <image>, resvg would draw a
 * nested SVG without fonts, and a PNG twin would cost a 2x raster, its decoding and resampling.)
 * The chart goes in as a scaled group on a framed white panel, without the nested <svg>,
 * satori's clip and mask, the chart's own background or its hover titles: resvg draws a
 * nested viewport, a clip or a mask as a layer of its own, which made the card a third slower.
 */
export function nestChart(cardSvg: string, placeholder: string, chartSvg: string): string {
  const image = new RegExp(`<image ([^>]*?)href="${placeholder.replace(/[+/=]/g, '\\$&')}"([^>]*?)/>`).exec(cardSvg);
  if (!image) throw new Error('preview card: the chart placeholder is missing from the layout');
  const attributes = `${image[1]} ${image[2]}`;
  const box = (name: string) => Number(new RegExp(`(?:^|\\s)${name}="([^"]*)"`).exec(attributes)?.[1] ?? 0);
  const [x, y, width, height] = [box('x'), box('y'), box('width'), box('height')];
  const svg = chartSvg.replace(/^<\?xml[^>]*>\s*/, '');
  const root = /^<svg\b([^>]*)>/.exec(svg);
  if (!root) throw new Error('preview card: the lead chart is not an SVG');
  const size = svgSize(svg);
  const scale = Math.min(width / size.width, height / size.height);
  const left = x + (width - size.width * scale) / 2;
  const top = y + (height - size.height * scale) / 2;
  // Presentation attributes (font, colour, text anchor) carry over to the group.
  const inherited = (root[1] as string).replace(
    /\s(?:xmlns|viewBox|width|height|x|y|preserveAspectRatio)="[^"]*"/g,
    '',
  );
  const body = svg
    .slice(root[0].length, svg.lastIndexOf('</svg>'))
    .replace(/^<rect width="[\d.]+" height="[\d.]+" fill="[^"]*"><\/rect>/, '')
    .replace(/<title>[^<]*<\/title>/g, '');
  const frame = `<rect x="${x - 0.5}" y="${y - 0.5}" width="${width + 1}" height="${height + 1}" rx="${CHART_FRAME.radius}" fill="${CHART_FRAME.fill}" stroke="${CHART_FRAME.stroke}"/>`;
  const chart = `<g transform="translate(${round(left)} ${round(top)}) scale(${round(scale)})"${inherited}>${body}</g>`;
  return `${cardSvg.slice(0, image.index)}${frame}${chart}${cardSvg.slice(image.index + image[0].length)}`;
}

/** Draws a card to a 1200x630 PNG: satori lays it out as SVG, resvg rasterises it, zlib encodes it fast. */
export async function drawOgCard(card: OgCard): Promise<Buffer> {
  let layout: OgLayoutCard = { ...card, chart: undefined };
  let placeholder: string | undefined;
  if (card.chart) {
    const { width, height } = svgSize(card.chart.svg);
    // satori lays out a blank image of the chart's size; nestChart swaps the chart in.
    placeholder = `data:image/svg+xml;base64,${Buffer.from(
      `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"/>`,
    ).toString('base64')}`;
    layout = { ...card, chart: { src: placeholder, width, height } };
  }
  let svg = await satori(ogCardTree(layout) as Parameters<typeof satori>[0], {
    width: OG_WIDTH,
    height: OG_HEIGHT,
    fonts: ogFonts(),
  });
  if (card.chart && placeholder) svg = nestChart(svg, placeholder, card.chart.svg);
  // satori has turned its own text into paths; only the chart's text needs fonts.
  const image = new Resvg(svg, {
    fitTo: { mode: 'original' },
    font: card.chart
      ? { loadSystemFonts: false, fontFiles: chartFontFiles(), defaultFontFamily: STANDALONE.fontFamily }
      : { loadSystemFonts: false },
  }).render();
  return encodePng(image.pixels, image.width, image.height);
}

/** Cards being drawn or drawn ahead of need, by key; shared by every bundled copy of this module. */
const PENDING = Symbol.for('assay.og-cards');
type CardResult = { png: Uint8Array; cached: boolean };

function pendingCards(): Map<string, Promise<CardResult>> {
  const global = globalThis as { [PENDING]?: Map<string, Promise<CardResult>> };
  global[PENDING] ??= new Map();
  return global[PENDING];
}

async function readOrDraw(key: string, card: OgCard, background: boolean): Promise<CardResult> {
  const hit = readBinaryCache('og', key, 'png', isCompletePng);
  if (hit) return { png: hit, cached: true };
  // Drawn and stored on a worker thread: pages keep rendering on the main thread meanwhile.
  const png = await runTask('ogCard', { input: card, cacheKey: key }, { background });
  return { png, cached: false };
}

/**
 * Starts drawing a card on a spare worker thread while pages still render, so its
 * endpoint, which Astro renders after every page, finds it done instead of waiting.
 * A failure is not lost: the endpoint awaits the same promise and throws.
 */
export function prefetchOgCard(card: OgCard): void {
  const key = ogCardKey(card);
  const pending = pendingCards();
  if (pending.has(key)) return;
  const result = readOrDraw(key, card, true);
  result.catch(() => {});
  pending.set(key, result);
}

/**
 * A card's PNG, from node_modules/.cache/assay/og/<key>.png when an identical card was drawn
 * before (same text, chart, fonts and layout), else drawn and stored. Deterministic: the
 * same card gives the same bytes, so the cache only saves time.
 */
export async function renderOgCard(card: OgCard): Promise<CardResult> {
  const key = ogCardKey(card);
  const pending = pendingCards();
  const early = pending.get(key);
  if (!early) return readOrDraw(key, card, false);
  // Something waits now: cards still queued behind page work get every worker.
  promoteBackgroundTasks();
  try {
    return await early;
  } finally {
    pending.delete(key);
  }
}
