/**
 * Drawing a preview card, and nothing else: a pure function from a card to PNG bytes, run on a
 * worker thread (the task in tasks.ts). Scheduling and caching are in render.ts, which uses
 * the build's runtime and its worker pool.
 */
// Before resvg, which reads its allocator's options when it loads.
import '../runtime/native-allocator.ts';
import { Resvg } from '@resvg/resvg-js';
import satori from 'satori';
import { chartFontFiles } from '../charts/fonts.ts';
import { encodePng } from '../charts/png.ts';
import { STANDALONE, svgSize } from '../charts/svg.ts';
import { twinChart } from '../charts/twin.ts';
import { MIN_CARD_TEXT, type OgCard, type OgLayoutCard, type OgNode, ogCardTree, PANEL } from './card.ts';
import { ogFonts } from './fonts.ts';
import { OG_HEIGHT, OG_WIDTH } from './paths.ts';

/** Four decimals: enough for a transform, and short. */
const round = (value: number) => Math.round(value * 1e4) / 1e4;

/**
 * How much a chart's text may grow beyond its layout's size to reach `MIN_CARD_TEXT` on the
 * card: its margins were made for 12 px text, and a fifth more still fits them. A chart that
 * would need more (a tall one, scaled down to fit) is left off the card.
 */
const MAX_TEXT_GROWTH = 1.2;

/**
 * Puts the chart's own SVG where satori placed its stand-in image: the chart stays vectors,
 * drawn once at the card's scale with the chart fonts. (As an <image>, resvg would draw a
 * nested SVG without fonts, and a PNG twin would cost a 2x raster, its decoding and resampling.)
 * The chart is taken out of its PNG twin (its title and source would repeat the card's), and
 * goes in as a scaled group, without the nested <svg>, satori's clip and mask, its own
 * background or its hover titles: resvg draws a nested viewport, a clip or a mask as a layer
 * of its own, which made the card a third slower. Its text size is raised where the scale
 * alone leaves it under `MIN_CARD_TEXT`. Returns undefined when the chart cannot be shown
 * that large.
 */
export function nestChart(cardSvg: string, placeholder: string, chartSvg: string): string | undefined {
  const image = new RegExp(`<image ([^>]*?)href="${placeholder.replace(/[+/=]/g, '\\$&')}"([^>]*?)/>`).exec(cardSvg);
  if (!image) throw new Error('preview card: the chart placeholder is missing from the layout');
  const attributes = `${image[1]} ${image[2]}`;
  const box = (name: string) => Number(new RegExp(`(?:^|\\s)${name}="([^"]*)"`).exec(attributes)?.[1] ?? 0);
  const inset = PANEL.inset;
  const [x, y, width, height] = [
    box('x') + inset,
    box('y') + inset,
    box('width') - 2 * inset,
    box('height') - 2 * inset,
  ];
  const svg = twinChart(chartSvg.replace(/^<\?xml[^>]*>\s*/, ''));
  const root = /^<svg\b([^>]*)>/.exec(svg);
  if (!root) throw new Error('preview card: the lead chart is not an SVG');
  const size = svgSize(svg);
  const scale = Math.min(width / size.width, height / size.height);
  const fontSize = Number(/\sfont-size="([\d.]+)"/.exec(root[1] as string)?.[1] ?? 12);
  const cardFontSize = Math.max(fontSize, Math.ceil((MIN_CARD_TEXT / scale) * 10) / 10);
  if (cardFontSize > fontSize * MAX_TEXT_GROWTH) return undefined;
  const left = x + (width - size.width * scale) / 2;
  const top = y + (height - size.height * scale) / 2;
  // Presentation attributes (font, colour, text anchor) carry over to the group.
  const inherited = (root[1] as string)
    .replace(/\s(?:xmlns|viewBox|width|height|x|y|preserveAspectRatio|font-size)="[^"]*"/g, '')
    .concat(` font-size="${cardFontSize}"`);
  const body = svg
    .slice(root[0].length, svg.lastIndexOf('</svg>'))
    .replace(/^<rect width="[\d.]+" height="[\d.]+" fill="[^"]*"><\/rect>/, '')
    .replace(/<title>[^<]*<\/title>/g, '');
  const chart = `<g transform="translate(${round(left)} ${round(top)}) scale(${round(scale)})"${inherited}>${body}</g>`;
  return `${cardSvg.slice(0, image.index)}${chart}${cardSvg.slice(image.index + image[0].length)}`;
}

/** A card laid out by satori as SVG, the chart nested in; what drawOgCard rasterises and tests measure. */
export async function ogCardSvg(card: OgCard): Promise<{ svg: string; tree: OgNode; chart: boolean }> {
  const layOut = (layout: OgLayoutCard) => {
    const tree = ogCardTree(layout);
    return satori(tree as Parameters<typeof satori>[0], { width: OG_WIDTH, height: OG_HEIGHT, fonts: ogFonts() }).then(
      (svg) => ({ svg, tree }),
    );
  };
  if (card.chart) {
    const { width, height } = svgSize(card.chart.svg);
    // satori lays out a blank image of the chart's size; nestChart swaps the chart in.
    const placeholder = `data:image/svg+xml;base64,${Buffer.from(
      `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"/>`,
    ).toString('base64')}`;
    const laid = await layOut({ ...card, chart: { src: placeholder, width, height } });
    const svg = nestChart(laid.svg, placeholder, card.chart.svg);
    if (svg) return { svg, tree: laid.tree, chart: true };
  }
  const laid = await layOut({ ...card, chart: undefined });
  return { ...laid, chart: false };
}

/** Draws a card to a 1200x630 PNG: satori lays it out as SVG, resvg rasterises it, zlib encodes it fast. */
export async function drawOgCard(card: OgCard): Promise<Buffer> {
  const { svg, chart } = await ogCardSvg(card);
  // satori has turned its own text into paths; only the chart's text needs fonts.
  const image = new Resvg(svg, {
    fitTo: { mode: 'original' },
    font: chart
      ? { loadSystemFonts: false, fontFiles: chartFontFiles(), defaultFontFamily: STANDALONE.fontFamily }
      : { loadSystemFonts: false },
  }).render();
  return encodePng(image.pixels, image.width, image.height);
}
