/**
 * What Pagefind reads to build the search index (src/integrations/search-index.ts): each note's
 * and event's latest page, `notes/<slug>/index.html` and `events/<slug>/index.html`, without
 * the elements the page tells Pagefind to leave out entirely (`data-pagefind-ignore="all"`: a
 * chart's drawings and its data table). Earlier versions, a latest version's permanent copy and
 * email editions repeat the latest pages' text and are not read; lists carry no
 * `data-pagefind-body` and are skipped (src/layouts/Base.astro, src/search/scope.ts).
 *
 * Why remove what Pagefind ignores anyway: it parses an ignored element before leaving it out,
 * and charts are most of a note page's bytes. On 1,000 note pages with 3 charts each, Pagefind
 * took 5.5-6.4 s on the pages, and 2.5 s on copies without the drawings and tables (made in
 * 0.4 s). The index is the same either way (test/search/search.test.ts compares them byte for
 * byte).
 */

/** Where the pages search reads are: `<section>/<slug>/index.html` (a third of a site's pages). */
export const SEARCH_SECTIONS = ['notes', 'events'] as const;

const IGNORED_START = /<([a-zA-Z][\w-]*)\b[^>]*\sdata-pagefind-ignore="all"[^>]*>/g;

/**
 * The page without its `data-pagefind-ignore="all"` elements. Pages are our own output (author
 * text arrives escaped, no inline scripts), so an element ends at the close tag that balances
 * its name; one whose end cannot be found is left in, for Pagefind to ignore itself.
 */
export function withoutIgnored(html: string): string {
  let kept = '';
  let from = 0;
  IGNORED_START.lastIndex = 0;
  for (let match = IGNORED_START.exec(html); match; match = IGNORED_START.exec(html)) {
    const start = match.index;
    if (start < from) continue;
    const afterTag = start + match[0].length;
    const end = match[0].endsWith('/>') ? afterTag : elementEnd(html, match[1] as string, afterTag);
    if (end === undefined) continue;
    kept += html.slice(from, start);
    from = end;
    IGNORED_START.lastIndex = end;
  }
  return kept + html.slice(from);
}

/** Where the element opened before `from` ends: just after the close tag that balances it. */
function elementEnd(html: string, name: string, from: number): number | undefined {
  const tags = new RegExp(`<(/?)${name}(?=[\\s/>])[^>]*>`, 'gi');
  tags.lastIndex = from;
  let depth = 1;
  for (let tag = tags.exec(html); tag; tag = tags.exec(html)) {
    if (tag[1]) depth -= 1;
    else if (!tag[0].endsWith('/>')) depth += 1;
    if (depth === 0) return tag.index + tag[0].length;
  }
  return undefined;
}
