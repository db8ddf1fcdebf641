import { escapeHtml } from '../lib/escape.ts';
import type { Layout } from './layout.ts';
import { DERIVED_DASH } from './marks.ts';
import { type BuiltPlot, LEGEND_ROW, LEGEND_SWATCH, type LegendEntry, legendEntryWidth } from './plot-options.ts';

/** Presentation attributes whose numbers are rounded: Plot writes 15 digits, 2 are plenty. */
const GEOMETRY = new Set([
  'd',
  'transform',
  'x',
  'y',
  'x1',
  'x2',
  'y1',
  'y2',
  'width',
  'height',
  'cx',
  'cy',
  'r',
  'points',
  'dx',
  'dy',
]);

/** Rounds every number in a geometry attribute value to 2 decimals (numbers with 3 or more). */
export function roundNumbers(value: string): string {
  // Most values (x, y, width, height) are one number or have no decimals at all.
  if (value.indexOf('.') < 0) return value;
  // A hand-written scan, not a regex with a callback: this runs on every geometry attribute of
  // every chart, and the regex took about 9% of the drawing time. It rounds exactly what
  // /-?\d*\.\d{3,}(?:e-?\d+)?/g would match, leftmost first (tested against that regex).
  let out = '';
  let copied = 0;
  let i = 0;
  while (i < value.length) {
    const end = decimalEnd(value, i);
    if (end < 0) {
      i++;
      continue;
    }
    const rounded = Math.round(Number(value.slice(i, end)) * 100) / 100;
    out += value.slice(copied, i) + String(Object.is(rounded, -0) ? 0 : rounded);
    copied = i = end;
  }
  return copied === 0 ? value : out + value.slice(copied);
}

const isDigit = (code: number) => code >= 48 && code <= 57;

/**
 * Where a number with 3 or more decimals that starts at `start` ends, or -1: an optional
 * minus, digits, a point, 3 or more digits, and an exponent if one follows.
 */
function decimalEnd(text: string, start: number): number {
  let i = start;
  if (text.charCodeAt(i) === 45) i++; // -
  while (isDigit(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i) !== 46) return -1; // .
  const decimals = ++i;
  while (isDigit(text.charCodeAt(i))) i++;
  if (i - decimals < 3) return -1;
  if (text.charCodeAt(i) === 101) {
    // e, e- then digits; a bare "e" is not part of the number
    let j = i + 1;
    if (text.charCodeAt(j) === 45) j++;
    if (isDigit(text.charCodeAt(j))) {
      while (isDigit(text.charCodeAt(j))) j++;
      i = j;
    }
  }
  return i;
}

/** Geometry attributes in serialised SVG, with a space before so `data-x` never matches `x`. */
const GEOMETRY_ATTRIBUTE = new RegExp(` (${[...GEOMETRY].join('|')})="([^"]*)"`, 'g');

/**
 * Makes Plot's SVG fit a strict Content-Security-Policy and the site's styles, and returns
 * it serialised: removes `<style>` elements and inline `style` attributes (charts.css
 * carries the same rules), replaces Plot's hashed classes with stable ones, turns inner
 * `aria-label`s into `data-mark` (the SVG is one image with its own name; axe flags stray
 * labels, CSS still targets marks), drops hover titles where the layout has none, hoists
 * shared attributes, escapes attribute values and rounds geometry. Structure changes and
 * escaping happen on the DOM; renames and rounding happen on the string, which is several
 * times faster than setting every attribute of every element through the DOM.
 */
export function cleanPlotSvg(svg: Element, layout: Layout): string {
  svg.removeAttribute('style');
  escapeAttributeValues(svg);
  hoistSharedAttributes(stripPlotStyling(svg, layout));
  svg.removeAttribute('aria-label');
  svg.removeAttribute('font-family');
  svg.setAttribute('font-size', String(layout.fontSize));
  svg.setAttribute('class', `chart__plot chart__plot--${layout.name}`);
  // Inside tags only: text (titles, labels) is author data and keeps every character.
  return svg.outerHTML.replace(/<[a-z][^>]*>/g, (tag) =>
    tag
      .replace(/ aria-label="/g, ' data-mark="')
      .replace(GEOMETRY_ATTRIBUTE, (_, name: string, value: string) => ` ${name}="${roundNumbers(value)}"`),
  );
}

/**
 * One walk over the drawing, instead of a selector query for each rule: removes `<style>`
 * elements, `style` attributes, Plot's `plot-…` classes, and hover `<title>`s where the
 * layout has none, and escapes attribute values. Returns the groups, in document order.
 */
function stripPlotStyling(svg: Element, layout: Layout): Element[] {
  const groups: Element[] = [];
  const visit = (parent: Element) => {
    for (const element of Array.from(parent.children)) {
      const name = element.localName;
      if (name === 'style' || (name === 'title' && !layout.hoverTitles)) {
        element.remove();
        continue;
      }
      element.removeAttribute('style');
      if (element.getAttribute('class')?.startsWith('plot-')) element.removeAttribute('class');
      escapeAttributeValues(element);
      if (name === 'g') groups.push(element);
      visit(element);
    }
  };
  visit(svg);
  return groups;
}

/**
 * Escapes an element's attribute values in place. linkedom serialises an HTML document's
 * attributes with only `"` escaped, so an author's `R&D <x>` (a `plot` function's
 * `ariaDescription`, an `href`) would make the standalone SVG malformed XML, which resvg
 * cannot draw, and would end the tag for the string rewrites in `cleanPlotSvg`. Values set
 * escaped are written as they are (linkedom escapes no `&`), so the output is `escapeHtml`'s.
 * Plot's own values (numbers, colours, mark names) have nothing to escape and are left alone.
 */
function escapeAttributeValues(element: Element): void {
  for (const name of element.getAttributeNames()) {
    const value = element.getAttribute(name) as string;
    const escaped = escapeHtml(value);
    if (escaped !== value) element.setAttribute(name, escaped);
  }
}

/** Inherited presentation attributes Plot repeats on every element of a mark. */
const INHERITED = ['fill', 'stroke', 'fill-opacity', 'stroke-opacity', 'stroke-width'] as const;

/**
 * Moves an attribute every child of a group shares onto the group, and drops
 * `fill-opacity="1"` where nothing above sets another: the same drawing in fewer bytes
 * (a single-series bar chart's marks shrink by about a quarter). Pages carry two SVGs per chart.
 */
function hoistSharedAttributes(groups: readonly Element[]): void {
  for (const group of groups) {
    const children = [...group.children].filter((child) => child.localName !== 'title');
    if (children.length < 2) continue;
    for (const name of INHERITED) {
      if (group.hasAttribute(name)) continue;
      const value = children[0]?.getAttribute(name);
      if (value == null || !children.every((child) => child.getAttribute(name) === value)) continue;
      group.setAttribute(name, value);
      for (const child of children) child.removeAttribute(name);
    }
    // Opacity 1 is the default; it can go where no ancestor sets another.
    if (group.getAttribute('fill-opacity') === '1' && !group.parentElement?.closest('[fill-opacity]'))
      group.removeAttribute('fill-opacity');
    if (!group.closest('[fill-opacity]')) {
      for (const child of children)
        if (child.getAttribute('fill-opacity') === '1') child.removeAttribute('fill-opacity');
    }
  }
}

/**
 * Draws the legend (series swatches, derived key) in the SVG's top margin, wrapping rows.
 * Each swatch has the shape of its marks: a filled or hatched rect for bars and areas, a
 * solid or dashed segment for lines, a filled or hollow dot for dots.
 */
export function legendMarkup(legend: BuiltPlot['legend'], layout: Layout): string {
  if (legend.length === 0) return '';
  const parts: string[] = [];
  let x = 0;
  let row = 0;
  for (const entry of legend) {
    const width = legendEntryWidth(entry.label, layout);
    if (x > 0 && x + width > layout.width - 8) {
      row++;
      x = 0;
    }
    const y = 4 + row * LEGEND_ROW;
    parts.push(
      legendSwatch(entry, x + 4, y),
      `<text x="${x + LEGEND_SWATCH + 10}" y="${y + 10}">${escapeHtml(entry.label)}</text>`,
    );
    // Rounded like Plot's geometry (cleanPlotSvg): sums of widths pick up float noise.
    x = Math.round((x + width) * 100) / 100;
  }
  return `<g class="chart__legend" text-anchor="start" aria-hidden="true">${parts.join('')}</g>`;
}

/** One swatch, LEGEND_SWATCH wide and 12 high, its top left at (x, y). */
function legendSwatch(entry: LegendEntry, x: number, y: number): string {
  const middle = y + 6;
  switch (entry.shape) {
    case 'line': {
      const dash = entry.dashed ? ` stroke-dasharray="${DERIVED_DASH}"` : '';
      return `<line x1="${x}" y1="${middle}" x2="${x + LEGEND_SWATCH}" y2="${middle}" stroke="${entry.colour}" stroke-width="2.5"${dash}></line>`;
    }
    case 'dot':
      return `<circle cx="${x + LEGEND_SWATCH / 2}" cy="${middle}" r="4.5" fill="${entry.fill}" stroke="${entry.colour}" stroke-width="1.5"></circle>`;
    case 'rect':
      return `<rect x="${x}" y="${y}" width="${LEGEND_SWATCH}" height="12" fill="${entry.fill}" stroke="${entry.colour}" stroke-width="1.5"></rect>`;
  }
}

/** Inserts markup right after the opening `<svg …>` tag. */
export function insertAfterOpenTag(svg: string, markup: string): string {
  const end = svg.indexOf('>') + 1;
  return svg.slice(0, end) + markup + svg.slice(end);
}

/**
 * Colours and fonts of the standalone SVG and PNG: the light scheme on the page's background
 * (an email's card, a feed reader's column: the PNG sits on the colour it was drawn for),
 * fonts we ship.
 */
export const STANDALONE = { background: '#fbfaf6', ink: '#1b1f24', fontFamily: 'Inter' } as const;

/**
 * A self-contained SVG file (downloads, PNG twin): adds the `xmlns` linkedom omits,
 * a light background, an explicit ink colour for `currentColor` and the Inter font.
 */
export function standaloneSvg(inlineSvg: string): string {
  const open = inlineSvg.slice(0, inlineSvg.indexOf('>'));
  const rest = inlineSvg.slice(open.length);
  const cleanedOpen = open
    .replace(/\s(class|role|aria-labelledby|aria-describedby)="[^"]*"/g, '')
    .replace(
      '<svg',
      `<svg xmlns="http://www.w3.org/2000/svg" font-family="${STANDALONE.fontFamily}" color="${STANDALONE.ink}"`,
    );
  const width = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(open);
  const background = width
    ? `<rect width="${width[1]}" height="${width[2]}" fill="${STANDALONE.background}"></rect>`
    : '';
  return insertAfterOpenTag(`${cleanedOpen}${rest}`, background);
}

/** CSS size of an SVG from its root element's width and height (640x400 when absent). */
export function svgSize(svg: string): { width: number; height: number } {
  const root = /^(?:<\?xml[^>]*>\s*)?<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  const width = Number(/\swidth="(\d+(?:\.\d+)?)"/.exec(root)?.[1] ?? 640);
  const height = Number(/\sheight="(\d+(?:\.\d+)?)"/.exec(root)?.[1] ?? 400);
  return { width, height };
}
