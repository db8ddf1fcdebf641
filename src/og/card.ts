/**
 * The preview card's layout as a satori element tree (plain objects: no React or JSX
 * runtime needed at build time). Text is passed as strings, which satori draws as
 * glyphs: nothing is parsed as HTML, so frontmatter cannot inject markup.
 */
import { OG_HEIGHT, OG_WIDTH } from './paths.ts';

/** A satori node. */
export interface OgNode {
  type: string;
  props: {
    style?: Record<string, string | number>;
    children?: OgNode | string | (OgNode | string)[];
    [key: string]: unknown;
  };
}

/** What a preview card shows. Everything is plain text except the optional chart. */
export interface OgCard {
  /** Small line above the title: "Market note · July 2025" or "Event". */
  kicker: string;
  title: string;
  /** Dek or summary, clamped to a few lines. */
  text?: string;
  /** Lines under the text: dates, city. */
  meta: string[];
  /** Publisher name, bottom left. */
  publisher: string;
  /**
   * The lead chart as a standalone SVG (the chart engine's PNG-twin source) and, from the
   * chart engine, its drawing's key, which then stands for the SVG in the card's cache key.
   */
  chart?: { svg: string; drawing?: string };
}

/** A card ready to lay out: the chart as an image source (a data URL) with its size. */
export interface OgLayoutCard extends Omit<OgCard, 'chart'> {
  chart?: { src: string; width: number; height: number };
}

const COLORS = {
  bg: '#fbfaf6',
  text: '#1c1b19',
  muted: '#58554e',
  accent: '#0b5a7a',
  rule: '#d9d4c8',
  panel: '#ffffff',
};
/** The panel the lead chart sits on, drawn around it when the chart is nested (render.ts). */
export const CHART_FRAME = { radius: 4, fill: COLORS.panel, stroke: COLORS.rule } as const;
const PAD = 64;
const BAND = 12;
/** Height inside the padding and the accent band: set explicitly, as satori does not stretch a column to it. */
const INNER = OG_HEIGHT - BAND - (PAD - BAND) - PAD;

function node(
  type: string,
  style: Record<string, string | number>,
  children?: OgNode['props']['children'],
  extra = {},
): OgNode {
  return { type, props: { style, ...(children === undefined ? {} : { children }), ...extra } };
}

/** Title size that keeps long headlines within three lines of the text column. */
function titleSize(title: string, wide: boolean): number {
  const perLine = wide ? 38 : 24;
  if (title.length <= perLine * 2) return wide ? 64 : 50;
  if (title.length <= perLine * 3) return wide ? 54 : 42;
  return wide ? 46 : 36;
}

/** The card's element tree, 1200x630. */
export function ogCardTree(card: OgLayoutCard): OgNode {
  const wide = !card.chart;
  const textWidth = wide ? OG_WIDTH - PAD * 2 : 520;
  const column = node('div', { display: 'flex', flexDirection: 'column', width: textWidth, height: INNER }, [
    node(
      'div',
      {
        fontFamily: 'Inter',
        fontWeight: 600,
        fontSize: 24,
        color: COLORS.accent,
        textTransform: 'uppercase',
        letterSpacing: 1,
      },
      card.kicker,
    ),
    node(
      'div',
      {
        fontFamily: 'Source Serif 4',
        fontWeight: 700,
        fontSize: titleSize(card.title, wide),
        lineHeight: 1.12,
        color: COLORS.text,
        marginTop: 20,
        lineClamp: 4,
      },
      card.title,
    ),
    ...(card.text
      ? [
          node(
            'div',
            { fontFamily: 'Inter', fontSize: 24, lineHeight: 1.35, color: COLORS.muted, marginTop: 22, lineClamp: 3 },
            card.text,
          ),
        ]
      : []),
    node('div', { display: 'flex', flexGrow: 1 }),
    ...card.meta.map((line) =>
      node('div', { fontFamily: 'Inter', fontSize: 28, color: COLORS.text, marginTop: 6 }, line),
    ),
    node(
      'div',
      {
        fontFamily: 'Inter',
        fontWeight: 600,
        fontSize: 24,
        color: COLORS.text,
        marginTop: 18,
        paddingTop: 14,
        borderTop: `3px solid ${COLORS.accent}`,
      },
      card.publisher,
    ),
  ]);
  const children: OgNode[] = [column];
  if (card.chart) {
    const boxWidth = OG_WIDTH - PAD * 2 - textWidth - 40;
    const scale = Math.min(boxWidth / card.chart.width, INNER / card.chart.height);
    const { src } = card.chart;
    children.push(
      node(
        'div',
        {
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'center',
          width: boxWidth,
          height: INNER,
          marginLeft: 40,
        },
        // A stand-in of the chart's size; its frame and the chart itself are drawn in its place.
        node('img', { margin: 1 }, undefined, {
          src,
          width: Math.round(card.chart.width * scale),
          height: Math.round(card.chart.height * scale),
        }),
      ),
    );
  }
  return node(
    'div',
    {
      display: 'flex',
      flexDirection: 'row',
      width: OG_WIDTH,
      height: OG_HEIGHT,
      padding: `${PAD - BAND}px ${PAD}px ${PAD}px`,
      backgroundColor: COLORS.bg,
      borderTop: `${BAND}px solid ${COLORS.accent}`,
    },
    children,
  );
}
