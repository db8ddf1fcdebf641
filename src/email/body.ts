import { absolutizeHtml, escapeHtml, parseFragment } from '../feeds/html.ts';
import { EMAIL_CONTENT_WIDTH } from './styles.ts';

/**
 * Makes a rendered note body email-safe: absolute URLs (site links tagged by `tag`),
 * images scaled to the content width with explicit width and height (Outlook ignores
 * CSS sizes; the PNG twins are drawn at 2x, so they stay sharp), callouts as one-cell
 * tables (Outlook drops backgrounds and padding on block elements), and no elements email
 * clients cannot show (inline SVG, <details>, scripts).
 */
export function prepareEmailBody(html: string, pageUrl: string, tag: (url: string) => string): string {
  const absolute = absolutizeHtml(html, pageUrl, (url, element) => (element.localName === 'a' ? tag(url) : url));
  const { root, document } = parseFragment(absolute);
  for (const element of root.querySelectorAll(
    'svg, details, style, link, iframe, object, embed, form, button, input',
  )) {
    element.remove();
  }
  for (const img of root.querySelectorAll('img')) {
    const width = Number(img.getAttribute('width'));
    const height = Number(img.getAttribute('height'));
    if (width > 0 && height > 0 && width > EMAIL_CONTENT_WIDTH) {
      img.setAttribute('width', String(EMAIL_CONTENT_WIDTH));
      img.setAttribute('height', String(Math.round((height * EMAIL_CONTENT_WIDTH) / width)));
    }
    if (!img.hasAttribute('alt')) img.setAttribute('alt', '');
  }
  for (const aside of root.querySelectorAll('aside')) {
    const table = document.createElement('table');
    for (const [name, value] of [
      ['role', 'presentation'],
      ['width', '100%'],
      ['cellpadding', '0'],
      ['cellspacing', '0'],
      ['border', '0'],
    ]) {
      table.setAttribute(name as string, value as string);
    }
    const cell = document.createElement('td');
    cell.setAttribute('class', aside.getAttribute('class') ?? '');
    while (aside.firstChild) cell.appendChild(aside.firstChild);
    const row = document.createElement('tr');
    row.appendChild(cell);
    table.appendChild(row);
    aside.replaceWith(table);
  }
  // Heading ids are anchors for the web page; in an email they point nowhere.
  for (const element of root.querySelectorAll('[id]')) element.removeAttribute('id');
  return root.innerHTML;
}

/** The note's published sources as an email section; empty when it has none. */
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
  return `<div class="sources"><h2>Sources</h2><ul>${items}</ul></div>`;
}
