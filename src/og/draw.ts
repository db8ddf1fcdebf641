/**
 * Drawing a preview card, and nothing else: a pure function from a card to PNG bytes, run on a
 * worker thread (the task in tasks.ts). Scheduling and caching are in render.ts, which uses
 * the build's runtime and its worker pool.
 */
import { Resvg } from '@resvg/resvg-js';
import satori from 'satori';
import { chartFontFiles } from '../charts/fonts.ts';
import { encodePng } from '../charts/png.ts';
import { STANDALONE, svgSize } from '../charts/svg.ts';
import { CHART_FRAME, type OgCard, type OgLayoutCard, ogCardTree } from './card.ts';
import { ogFonts } from './fonts.ts';
import { OG_HEIGHT, OG_WIDTH } from './paths.ts';

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
