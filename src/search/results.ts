/**
 * How the search page draws a result (browser code, loaded by src/pages/search/index.astro).
 * Pagefind's Component UI lays out the list, keyboard navigation, lazy loading and the
 * announcements; this only replaces the markup of one result, through the component's
 * `resultTemplate` hook: the kind (Note or Event, the page's `type` filter), its date (the
 * page's `date` meta, as the page shows it), the linked title and a snippet that starts at a
 * sentence (src/search/snippet.ts). Sub-results are not drawn: the snippet already shows
 * the best passage, and section chips repeated it. Everything is built as DOM nodes and text,
 * never parsed HTML, so nothing in a page's text can become markup. The snippet splits the
 * text at spaces as Pagefind does for spaced languages (the site's); a language Pagefind
 * segments with zero-width spaces (Chinese, Japanese) would need its split instead.
 */
import { sentenceSnippet } from './snippet.ts';

/** The fields of a Pagefind result (pagefind.js `loadFragment`) this uses. */
interface PagefindResult {
  url: string;
  content?: string;
  plain_excerpt?: string;
  locations?: number[];
  meta?: Record<string, string | undefined>;
  filters?: Record<string, string[] | undefined>;
}

type ResultsElement = HTMLElement & { resultTemplate?: (result: PagefindResult) => Element };

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Only the site's own paths and web links become hrefs. */
function safeHref(url: string): string {
  return /^(\/|https?:\/\/)/i.test(url) ? url : '/';
}

export function renderResult(result: PagefindResult): Element {
  const item = element('li', 'search-result');
  const kind = result.filters?.type?.[0];
  const date = result.meta?.date;
  if (kind || date) {
    const meta = element('p', 'search-result__meta');
    if (kind) meta.append(element('span', 'search-result__type', kind));
    if (kind && date) meta.append(' · ');
    if (date) meta.append(element('span', 'search-result__date', date));
    item.append(meta);
  }
  const title = element('h2', 'search-result__title');
  const link = element('a', 'search-result__link', result.meta?.title ?? result.url);
  link.href = safeHref(result.meta?.url ?? result.url);
  title.append(link);
  item.append(title);
  const parts = sentenceSnippet(result.content ?? '', result.locations ?? [], result.plain_excerpt ?? '');
  if (parts.length > 0) {
    const snippet = element('p', 'search-result__snippet');
    for (const part of parts) snippet.append(part.mark ? element('mark', undefined, part.text) : part.text);
    item.append(snippet);
  }
  return item;
}

// The component sets its own fields when it is defined: set the hook once it is.
customElements.whenDefined('pagefind-results').then(() => {
  for (const results of document.querySelectorAll<ResultsElement>('pagefind-results'))
    results.resultTemplate = renderResult;
});
