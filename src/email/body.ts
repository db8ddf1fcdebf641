import { absolutizeHtml, parseFragment } from '../feeds/html.ts';
import { escapeHtml } from '../lib/escape.ts';
import { LAYOUT_TABLE, layoutTable } from './layout-table.ts';
import { EMAIL_CONTENT_WIDTH, EMAIL_WIDTH } from './styles.ts';

/**
 * A run of the email's body: text in the padded content column, or a chart the full width of
 * the email (its PNG twin has margins of its own), so that on a 360 px phone the chart is
 * shown 360 px wide, not 312.
 */
export type EmailBlock = { kind: 'text'; html: string } | { kind: 'chart'; html: string };

/** Elements email clients cannot show at all: dropped with their content. */
const DROPPED = 'svg, details, style, link, iframe, object, embed, form, button, input, select, textarea, video, audio';

/**
 * HTML5 semantic elements (caniemail's "HTML5 semantics"): Outlook on Windows and Yahoo
 * strip them, tags and styles, and Gmail rewrites some. Each becomes the plain element that
 * keeps its meaning for the reader; <figure> and callouts become tables (below).
 */
const PLAIN_ELEMENTS: Readonly<Record<string, string>> = {
  article: 'div',
  aside: 'div',
  figcaption: 'div',
  footer: 'div',
  header: 'div',
  main: 'div',
  mark: 'strong',
  nav: 'div',
  section: 'div',
  time: 'span',
};

/**
 * Makes a rendered note body email-safe: absolute URLs (site links tagged by `tag`),
 * images scaled to the content width with explicit width and height (Outlook ignores
 * CSS sizes; the PNG twins are drawn at 2x, so they stay sharp), charts and callouts as
 * table cells (Outlook draws padding, borders and backgrounds reliably only on cells), no
 * HTML5 semantic elements, no ARIA or `role` (web-page landmarks that some clients strip
 * and that mean nothing in an inbox; layout tables get `role="presentation"` from us), no
 * comments, and no elements email clients cannot show (inline SVG, <details>, scripts).
 */
export function prepareEmailBody(html: string, pageUrl: string, tag: (url: string) => string): EmailBlock[] {
  const absolute = absolutizeHtml(html, pageUrl, (url, element) => (element.localName === 'a' ? tag(url) : url));
  const { root, document } = parseFragment(absolute);
  for (const element of root.querySelectorAll(DROPPED)) element.remove();
  removeComments(root);
  const charts = new Set(
    [...root.children]
      .filter((child) => child.localName === 'figure' && child.classList.contains('chart--image'))
      .map(chartBlock),
  );

  for (const img of root.querySelectorAll('img')) {
    if (img.getAttribute('class') === 'chart-image') continue;
    const width = Number(img.getAttribute('width'));
    const height = Number(img.getAttribute('height'));
    if (width > 0 && height > 0 && width > EMAIL_CONTENT_WIDTH) {
      img.setAttribute('width', String(EMAIL_CONTENT_WIDTH));
      img.setAttribute('height', String(Math.round((height * EMAIL_CONTENT_WIDTH) / width)));
    }
    if (!img.hasAttribute('alt')) img.setAttribute('alt', '');
  }

  /** Replaces `element` with a full-width one-cell layout table; returns the cell. */
  const cellFor = (element: Element, cellClass: string): Element => {
    const table = document.createElement('table');
    for (const [name, value] of Object.entries(LAYOUT_TABLE)) table.setAttribute(name, value);
    const row = document.createElement('tr');
    const cell = document.createElement('td');
    cell.setAttribute('class', cellClass);
    row.appendChild(cell);
    table.appendChild(row);
    element.replaceWith(table);
    return cell;
  };
  const moveChildren = (from: Element, to: Element) => {
    while (from.firstChild) to.appendChild(from.firstChild);
  };

  // A boxed callout: an outer cell for the space around it, an inner one for the box.
  for (const callout of root.querySelectorAll('.callout')) {
    const space = cellFor(callout, 'box');
    const holder = document.createElement('div');
    space.appendChild(holder);
    moveChildren(callout, cellFor(holder, callout.getAttribute('class') ?? 'callout'));
  }
  for (const figure of root.querySelectorAll('figure')) {
    moveChildren(figure, cellFor(figure, figure.getAttribute('class') ?? 'chart'));
  }
  // Tables written in the note (Markdown tables) are data, styled as such.
  for (const table of root.querySelectorAll('table:not([role="presentation"])')) {
    table.setAttribute('class', 'data-table');
    for (const [name, value] of [
      ['cellpadding', '0'],
      ['cellspacing', '0'],
      ['border', '0'],
    ] as const) {
      table.setAttribute(name, value);
    }
  }
  for (const [name, replacement] of Object.entries(PLAIN_ELEMENTS)) {
    for (const element of root.querySelectorAll(name)) {
      const plain = document.createElement(replacement);
      // Attributes of the semantic element alone (<time datetime>) mean nothing on the plain one.
      for (const attribute of [...element.attributes]) {
        if (attribute.name !== 'datetime') plain.setAttribute(attribute.name, attribute.value);
      }
      moveChildren(element, plain);
      element.replaceWith(plain);
    }
  }
  for (const element of root.querySelectorAll('*')) {
    // Heading ids are anchors for the web page; in an email they point nowhere.
    element.removeAttribute('id');
    for (const attribute of [...element.attributes]) {
      const { name } = attribute;
      const layoutRole = name === 'role' && element.localName === 'table' && attribute.value === 'presentation';
      if ((name === 'role' && !layoutRole) || name.startsWith('aria-') || name.startsWith('data-'))
        element.removeAttribute(name);
    }
  }
  // Runs of text between the top-level charts, each chart a block of its own.
  const blocks: EmailBlock[] = [];
  let text = '';
  for (const node of [...root.childNodes]) {
    if (charts.has(node as Element)) {
      if (text.trim()) blocks.push({ kind: 'text', html: text });
      text = '';
      blocks.push({ kind: 'chart', html: (node as Element).innerHTML });
    } else text += node.nodeType === 1 ? (node as Element).outerHTML : (node.textContent ?? '');
  }
  if (text.trim()) blocks.push({ kind: 'text', html: text });
  return blocks;
}

/**
 * A chart as its email shows it: the PNG twin, which carries its title, subtitle, note, source
 * and publisher, the width of the email (600 px, or the phone's width), and the link to its
 * data. Its alt text, for clients that block images, is the title and the chart's description.
 * Returns the element that now holds it (a div, taken out by prepareEmailBody as a row).
 */
function chartBlock(figure: Element): Element {
  const document = figure.ownerDocument;
  const img = figure.querySelector('img');
  const title = figure.querySelector('.chart__title')?.textContent?.trim() ?? '';
  const data = figure.querySelector('.chart__source a[href*="/charts/"]');
  const block = document.createElement('div');
  if (img) {
    const width = Number(img.getAttribute('width'));
    const height = Number(img.getAttribute('height'));
    const description = img.getAttribute('alt') ?? '';
    const alt = [title, description].filter(Boolean).join(/[.!?]$/.test(title) ? ' ' : '. ');
    const image = document.createElement('img');
    image.setAttribute('class', 'chart-image');
    image.setAttribute('src', img.getAttribute('src') ?? '');
    image.setAttribute('width', String(EMAIL_WIDTH));
    image.setAttribute('height', String(width > 0 ? Math.round((height * EMAIL_WIDTH) / width) : height));
    image.setAttribute('alt', alt);
    block.appendChild(image);
  }
  if (data) {
    const line = document.createElement('p');
    line.setAttribute('class', 'chart-data');
    const link = document.createElement('a');
    link.setAttribute('href', data.getAttribute('href') ?? '');
    link.textContent = 'Download the data (CSV)';
    line.appendChild(link);
    block.appendChild(line);
  }
  figure.replaceWith(block);
  return block;
}

/** Removes every comment node under `root` (notes for the web page's authors, not readers). */
function removeComments(root: Element): void {
  const walk = (node: Node) => {
    for (const child of [...node.childNodes]) {
      if (child.nodeType === 8) child.remove();
      else walk(child);
    }
  };
  walk(root);
}

/** The note's published sources as an email section (a table cell with a rule above); empty when it has none. */
export function sourcesEmailHtml(
  sources: readonly { name: string; url?: string | undefined }[],
  pageUrl: string,
  tag: (url: string) => string,
): string {
  if (sources.length === 0) return '';
  const items = sources
    .map((source) =>
      source.url
        ? `<li><a href="${escapeHtml(tag(new URL(source.url, pageUrl).href))}">${escapeHtml(source.name)}</a></li>`
        : `<li>${escapeHtml(source.name)}</li>`,
    )
    .join('');
  return `${layoutTable()}<tr><td class="sources"><h2>Sources</h2><ul>${items}</ul></td></tr></table>`;
}
