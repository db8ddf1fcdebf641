/**
 * The PNG twin's source: a chart that stands alone, as Our World in Data's downloads do. Its
 * title and subtitle above, its note, source line and publisher below, on the page's
 * background colour, around the phone-sized drawing (fewer ticks, text sized for 360 px).
 * One picture for every use: a 360 px email (shown the phone's full width), a 600 px one,
 * a feed reader, a chat someone pastes it into, a reader's download.
 *
 * Sizes are CSS px of the twin (it is rasterised at PNG_SCALE). Shown 360 px wide, a twin
 * of the 360 px drawing (392 px with its margins) scales by 0.92: 12 px chart text reads at
 * 11 px, the floor image-text.ts checks.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { create, type Font } from 'fontkitten';
import { formatDate } from '../lib/dates.ts';
import { escapeHtml } from '../lib/escape.ts';
import { site } from '../site.config.ts';
import { CHART_FONTS, fontPackageDir } from './fonts.ts';
import { STANDALONE } from './svg.ts';

/** What a twin says around its chart, all plain text. */
export interface TwinText {
  /** The chart's title (the finding), or its subtitle when it has no title. */
  title?: string | undefined;
  /** What is measured and the unit. */
  subtitle?: string | undefined;
  /** The author's note under the chart. */
  caption?: string | undefined;
  /** "Source: …; derived values marked; data as of …." as under the chart on the page. */
  source: string;
  /** Who publishes it, and where: the site's host. */
  publisher: string;
  host: string;
}

/** What a twin is made from: a figure of the chart engine. */
export interface TwinFigure {
  /** The drawing's key (identity.ts): the twin's key adds the texts around it. */
  drawing: string;
  spec: {
    title?: string | null | undefined;
    subtitle?: string | null | undefined;
    caption?: string | null | undefined;
    derived?: unknown;
    source: { name: string; asOf?: string | null | undefined };
  };
  derivedRows: boolean;
  svg: { narrow: string };
}

/** The twin's layout: margins, and each kind of text's size, weight, line height and colour. */
export const TWIN = {
  side: 16,
  top: 14,
  bottom: 12,
  /** Space between the heading and the chart, and between the chart and its notes. */
  gap: 10,
  title: { size: 17, weight: 600, line: 22, colour: STANDALONE.ink },
  subtitle: { size: 13, weight: 400, line: 18, colour: '#58554e' },
  note: { size: 12, weight: 400, line: 16, colour: '#58554e' },
  publisher: { size: 12, weight: 600, line: 18, colour: STANDALONE.ink },
} as const;

type TextStyle = { size: number; weight: 400 | 600; line: number; colour: string };

const fonts = new Map<number, { font: Font; widths: Map<number, number> }>();

/** Inter at a weight, as resvg draws it (the same advances in the subsets and the full files). */
function fontFor(weight: number) {
  let entry = fonts.get(weight);
  if (!entry) {
    const file = CHART_FONTS.find((f) => f.full.startsWith(String(weight)))?.full;
    if (!file) throw new Error(`PNG twin: no Inter file of weight ${weight}`);
    entry = { font: create(readFileSync(path.join(fontPackageDir(), file))) as Font, widths: new Map() };
    fonts.set(weight, entry);
  }
  return entry;
}

/**
 * Width of a line of text in px: the glyphs' advances, without kerning (Inter's pairs only
 * tighten, so a wrapped line never runs wider than measured). fontkitten reads the advances.
 */
export function textWidth(text: string, size: number, weight: 400 | 600): number {
  const { font, widths } = fontFor(weight);
  let units = 0;
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    let advance = widths.get(code);
    if (advance === undefined) {
      advance = font.glyphForCodePoint(code).advanceWidth;
      widths.set(code, advance);
    }
    units += advance;
  }
  return (units / font.unitsPerEm) * size;
}

/** Breaks text into lines no wider than `width` at spaces (a longer word keeps a line of its own). */
export function wrapText(text: string, width: number, style: Pick<TextStyle, 'size' | 'weight'>): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.trim().split(/\s+/)) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && textWidth(candidate, style.size, style.weight) > width) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  if (line) lines.push(line);
  return lines;
}

/** The source line under a chart, as the page writes it. */
export function sourceLine(figure: Pick<TwinFigure, 'spec' | 'derivedRows'>): string {
  const { source, derived } = figure.spec;
  const marked = derived && figure.derivedRows ? '; derived values marked' : '';
  const asOf = source.asOf ? `; data as of ${formatDate(new Date(source.asOf))}` : '';
  return `Source: ${source.name}${marked}${asOf}.`;
}

/** The texts a figure's twin carries: as its figure on the page shows them, and the publisher. */
export function twinText(figure: Pick<TwinFigure, 'spec' | 'derivedRows'>): TwinText {
  const { title, subtitle, caption } = figure.spec;
  return {
    title: title ?? subtitle ?? undefined,
    subtitle: title ? (subtitle ?? undefined) : undefined,
    caption: caption ?? undefined,
    source: sourceLine(figure),
    publisher: site.publisher,
    host: new URL(site.url).host,
  };
}

const round = (value: number) => Math.round(value * 100) / 100;

/** The root tag of an inline chart SVG, its size, and the attributes its text inherits. */
function chartParts(inlineSvg: string) {
  const root = /^<svg\b([^>]*)>/.exec(inlineSvg);
  const box = root && /\sviewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(root[1] as string);
  if (!root || !box) throw new Error('PNG twin: the chart is not an SVG with a viewBox');
  const inherited = (root[1] as string).replace(
    /\s(?:xmlns|viewBox|width|height|class|role|aria-[a-z]+|x|y)="[^"]*"/g,
    '',
  );
  const body = inlineSvg
    .slice(root[0].length, inlineSvg.lastIndexOf('</svg>'))
    // Halos behind labels take the page's colour from CSS on the page; here they take the twin's.
    .replaceAll('var(--chart-bg, white)', STANDALONE.background);
  return { width: Number(box[1]), height: Number(box[2]), inherited, body };
}

/** Marks the chart's group in a twin, with the chart's own size, so a preview card can take it out. */
const CHART_MARK = 'data-twin-chart';

/**
 * The twin as a standalone SVG file: xmlns, the page's background colour, Inter, the heading,
 * the chart and the notes. Deterministic: the same chart and texts give the same bytes.
 */
export function twinSvg(inlineSvg: string, text: TwinText): { svg: string; width: number; height: number } {
  const chart = chartParts(inlineSvg);
  const width = round(chart.width + 2 * TWIN.side);
  const inner = chart.width;
  const parts: string[] = [];
  let y = TWIN.top;
  const block = (content: string | undefined, style: TextStyle) => {
    if (!content) return;
    for (const line of wrapText(content, inner, style)) {
      // Baseline three quarters down the line: Inter's capitals sit centred in it.
      parts.push(
        `<text x="${TWIN.side}" y="${round(y + style.line * 0.75)}" font-size="${style.size}"${style.weight === 600 ? ' font-weight="600"' : ''} fill="${style.colour}">${escapeHtml(line)}</text>`,
      );
      y += style.line;
    }
  };
  block(text.title, TWIN.title);
  block(text.subtitle, TWIN.subtitle);
  y += TWIN.gap;
  const chartTop = y;
  y += chart.height + TWIN.gap;
  block(text.caption, TWIN.note);
  block(text.source, TWIN.note);
  y += 4;
  // The publisher on the left and the site on the right, or under it when both do not fit.
  const style = TWIN.publisher;
  const hostWidth = textWidth(text.host, TWIN.note.size, 400);
  if (textWidth(text.publisher, style.size, style.weight) + 16 + hostWidth <= inner) {
    block(text.publisher, style);
    parts.push(
      `<text x="${round(width - TWIN.side)}" y="${round(y - style.line * 0.25)}" font-size="${TWIN.note.size}" text-anchor="end" fill="${TWIN.note.colour}">${escapeHtml(text.host)}</text>`,
    );
  } else {
    block(text.publisher, style);
    block(text.host, { ...TWIN.note, line: style.line });
  }
  const height = Math.ceil(y + TWIN.bottom);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${STANDALONE.fontFamily}" color="${STANDALONE.ink}">` +
    `<rect width="${width}" height="${height}" fill="${STANDALONE.background}"></rect>` +
    `<g text-anchor="start">${parts.join('')}</g>` +
    // The chart last, so the preview card finds its end.
    `<g ${CHART_MARK}="${chart.width} ${chart.height}" transform="translate(${TWIN.side} ${round(chartTop)})"${chart.inherited}>${chart.body}</g></svg>`;
  return { svg, width, height };
}

/**
 * The chart alone out of a twin, as a standalone SVG of the chart's own size (no background):
 * what a preview card shows next to the note's own headline. Other SVGs come back as they are.
 */
export function twinChart(svg: string): string {
  const open = new RegExp(`<g ${CHART_MARK}="([\\d.]+) ([\\d.]+)" transform="[^"]*"([^>]*)>`).exec(svg);
  if (!open) return svg;
  const [, width, height, inherited] = open;
  const body = svg.slice(open.index + open[0].length, svg.lastIndexOf('</g></svg>'));
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${STANDALONE.fontFamily}" color="${STANDALONE.ink}"${inherited}>${body}</svg>`;
}

/** A figure's PNG twin: its cache key, size and SVG, laid out once when first asked for. */
export interface PngTwin {
  /** The drawing's key with the twin's texts: the PNG's cache key (png.ts) and file identity. */
  key: string;
  readonly width: number;
  readonly height: number;
  readonly svg: string;
}

/** The twin of a figure: made when its size or SVG is first read (a warm build reads neither). */
export function pngTwin(figure: TwinFigure): PngTwin {
  const text = twinText(figure);
  const key = createHash('sha256')
    .update(`twin\0${figure.drawing}\0`)
    .update(JSON.stringify(text))
    .digest('hex')
    .slice(0, 24);
  let made: ReturnType<typeof twinSvg> | undefined;
  const make = () => {
    made ??= twinSvg(figure.svg.narrow, text);
    return made;
  };
  return {
    key,
    get width() {
      return make().width;
    },
    get height() {
      return make().height;
    },
    get svg() {
      return make().svg;
    },
  };
}
