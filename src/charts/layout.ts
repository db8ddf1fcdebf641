/** One rendering size of a chart. Each chart is drawn twice so text stays legible on phones. */
export interface Layout {
  name: 'wide' | 'narrow';
  /** SVG width in CSS pixels; the SVG scales to its container, text with it. */
  width: number;
  /** Font size in the SVG's own pixels. */
  fontSize: number;
  /** Rough width of one character at that size, for margins and label thinning. */
  charWidth: number;
  /** Height factor applied to the spec's height. */
  heightScale: number;
  /** Ticks wanted on a continuous axis. */
  ticks: number;
  /**
   * Whether marks keep their hover `<title>`s. The narrow drawing is shown on phones, where
   * nothing shows an SVG title (no hover; screen readers take the figure's name,
   * description and table): there they were a tenth of a note page's bytes.
   */
  hoverTitles: boolean;
}

/**
 * The text column on desktop (about 640 px) and a phone. The narrow drawing is 360 units wide
 * and shown in a 320 px column on a 360 px phone (the page's gutters), so its text is drawn
 * at 13 units to be 11.6 CSS px there; charts.css swaps to the wide drawing only where it
 * keeps its 12-unit text at 11 px or more (`MIN_TEXT_PX`, tested in test/charts/text-size.test.ts).
 */
export const LAYOUTS: Readonly<Record<Layout['name'], Layout>> = {
  wide: { name: 'wide', width: 640, fontSize: 12, charWidth: 6.8, heightScale: 1, ticks: 6, hoverTitles: true },
  narrow: { name: 'narrow', width: 360, fontSize: 13, charWidth: 7.4, heightScale: 0.9, ticks: 4, hoverTitles: false },
};

/** The smallest chart text a reader gets on the page, in CSS pixels. */
export const MIN_TEXT_PX = 11;
