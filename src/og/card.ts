/**
 * The preview card's layout as a satori element tree (plain objects: no React or JSX
 * runtime needed at build time). Text is passed as strings, which satori draws as
 * glyphs: nothing is parsed as HTML, so frontmatter cannot inject markup.
 *
 * Cards are seen at feed size, some 500 px wide, so nothing on a 1200x630 card is smaller
 * than 20 px (`MIN_CARD_TEXT`): the sizes below, and the lead chart's text, which draw.ts
 * scales up to it (test/og/og.test.ts checks both).
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

/** The smallest text on a card, in its own pixels. */
export const MIN_CARD_TEXT = 20;

/** What a preview card shows. Everything is plain text except the optional chart. */
export interface OgCard {
  /** Small line above the title: "Market note · July 2025" or "Event". */
  kicker: string;
  /** A state shown as a tag after the kicker: "Past event", "Upcoming", "Updated". */
  status?: string;
  title: string;
  /** Dek or summary, clamped to a few lines. */
  text?: string;
  /** Lines under the text: dates. */
  meta: string[];
  /** Publisher name, bottom left. */
  publisher: string;
  /**
   * The lead chart as a standalone SVG (the chart engine's PNG twin source, whose chart
   * draw.ts takes out) and, from the chart engine, its twin's key, which then stands for the
   * SVG in the card's cache key.
   */
  chart?: { svg: string; drawing?: string };
  /** A panel on the right, for cards without a chart: a heading and labelled lines. */
  panel?: OgPanel;
}

/** The right-hand panel: "22–24 September 2025" over where and who, or the latest notes. */
export interface OgPanel {
  heading: string;
  /** Each item's text is clamped to `lines` lines (2 unless set). */
  items: { label: string; text: string; lines?: number }[];
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
const PAD = 56;
const BAND = 12;
/** The text column's margin from the band, the bottom and the panel. */
const MARGIN = 40;
/**
 * The right-hand panel, full height under the band: the chart (drawn into it with `inset`
 * around it) or the event's when and where. A narrow chart (360 px) fills it at about 1.6x.
 */
export const PANEL = { width: 640, height: OG_HEIGHT - BAND, inset: 20 } as const;
/** Height of the text column: set explicitly, as satori does not stretch a column to it. */
const INNER = OG_HEIGHT - BAND - 2 * MARGIN;

function node(
  type: string,
  style: Record<string, string | number>,
  children?: OgNode['props']['children'],
  extra = {},
): OgNode {
  return { type, props: { style, ...(children === undefined ? {} : { children }), ...extra } };
}

/** Title size that keeps long headlines within five lines of the text column. */
function titleSize(title: string, wide: boolean): number {
  const perLine = wide ? 36 : 20;
  if (title.length <= perLine * 2) return wide ? 64 : 50;
  if (title.length <= perLine * 3) return wide ? 54 : 44;
  return wide ? 46 : 38;
}

const sans = (size: number, extra: Record<string, string | number> = {}) => ({
  fontFamily: 'Inter',
  fontSize: size,
  ...extra,
});

function kicker(card: OgLayoutCard): OgNode {
  const label = sans(22, { fontWeight: 600, textTransform: 'uppercase', letterSpacing: 1 });
  // A tag that does not fit after the kicker starts the next line, flush left.
  return node(
    'div',
    { display: 'flex', flexDirection: 'row', alignItems: 'center', flexWrap: 'wrap', rowGap: 10, columnGap: 16 },
    [
      node('div', { ...label, color: COLORS.accent }, card.kicker),
      ...(card.status
        ? [
            node(
              'div',
              {
                ...label,
                color: COLORS.panel,
                backgroundColor: COLORS.accent,
                borderRadius: 4,
                padding: '2px 10px',
              },
              card.status,
            ),
          ]
        : []),
    ],
  );
}

const asideStyle = {
  display: 'flex',
  flexDirection: 'column',
  width: PANEL.width,
  height: PANEL.height,
  backgroundColor: COLORS.panel,
  borderLeft: `1px solid ${COLORS.rule}`,
} as const;

function panel(content: OgPanel): OgNode {
  return node('div', { ...asideStyle, padding: `${MARGIN + 8}px ${MARGIN + 8}px` }, [
    node(
      'div',
      { fontFamily: 'Source Serif 4', fontWeight: 700, fontSize: 50, lineHeight: 1.12, color: COLORS.text },
      content.heading,
    ),
    ...content.items.map((item) =>
      node('div', { display: 'flex', flexDirection: 'column', marginTop: 30 }, [
        node(
          'div',
          sans(20, { fontWeight: 600, color: COLORS.accent, textTransform: 'uppercase', letterSpacing: 1 }),
          item.label,
        ),
        node(
          'div',
          sans(28, { lineHeight: 1.3, color: COLORS.text, marginTop: 6, lineClamp: item.lines ?? 2 }),
          item.text,
        ),
      ]),
    ),
  ]);
}

/** The card's element tree, 1200x630. */
export function ogCardTree(card: OgLayoutCard): OgNode {
  const aside = card.chart || card.panel;
  const textWidth = aside ? OG_WIDTH - PAD - MARGIN - PANEL.width : OG_WIDTH - 2 * PAD;
  const column = node(
    'div',
    {
      display: 'flex',
      flexDirection: 'column',
      width: textWidth,
      height: INNER,
      margin: `${MARGIN}px ${aside ? MARGIN : PAD}px ${MARGIN}px ${PAD}px`,
    },
    [
      kicker(card),
      node(
        'div',
        {
          fontFamily: 'Source Serif 4',
          fontWeight: 700,
          fontSize: titleSize(card.title, !aside),
          lineHeight: 1.12,
          color: COLORS.text,
          marginTop: 18,
          lineClamp: 5,
        },
        card.title,
      ),
      ...(card.text
        ? [node('div', sans(24, { lineHeight: 1.35, color: COLORS.muted, marginTop: 20, lineClamp: 4 }), card.text)]
        : []),
      node('div', { display: 'flex', flexGrow: 1 }),
      ...card.meta.map((line) => node('div', sans(26, { color: COLORS.text, marginTop: 6 }), line)),
      node(
        'div',
        sans(24, {
          fontWeight: 600,
          color: COLORS.text,
          marginTop: 16,
          paddingTop: 12,
          borderTop: `3px solid ${COLORS.accent}`,
        }),
        card.publisher,
      ),
    ],
  );
  const children: OgNode[] = [column];
  if (card.chart) {
    const { src } = card.chart;
    // A stand-in of the panel's size: draw.ts draws the chart in its place.
    children.push(
      node('div', asideStyle, [node('img', {}, undefined, { src, width: PANEL.width - 1, height: PANEL.height })]),
    );
  } else if (card.panel) children.push(panel(card.panel));
  return node(
    'div',
    {
      display: 'flex',
      flexDirection: 'row',
      width: OG_WIDTH,
      height: OG_HEIGHT,
      backgroundColor: COLORS.bg,
      borderTop: `${BAND}px solid ${COLORS.accent}`,
    },
    children,
  );
}

/** Every font size the card's own text (not the chart's) is set in: the text-size check reads these. */
export function treeFontSizes(tree: OgNode): number[] {
  const sizes: number[] = [];
  const walk = (value: OgNode | string | (OgNode | string)[] | undefined, inherited: number) => {
    if (value === undefined || typeof value === 'string') return;
    if (Array.isArray(value)) {
      for (const child of value) walk(child, inherited);
      return;
    }
    const size = typeof value.props.style?.fontSize === 'number' ? value.props.style.fontSize : inherited;
    const children = value.props.children;
    const hasText =
      typeof children === 'string' || (Array.isArray(children) && children.some((c) => typeof c === 'string'));
    if (hasText) sizes.push(size);
    walk(children, size);
  };
  walk(tree, 16);
  return sizes;
}
