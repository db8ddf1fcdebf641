import { AssayError } from '../lib/errors.ts';
import { urlHint, urlProblem } from '../lib/safe-url.ts';
import { closest, didYouMean } from '../lib/suggest.ts';
import { site as siteConfig } from '../site.config.ts';
import type { LinkUse } from './scan.ts';

export type PageKind = 'note' | 'event';

/** A note or event page as links see it. */
export interface Page {
  kind: PageKind;
  slug: string;
  file: string;
  draft: boolean;
  /** How many versions it has: 1 + its `updates` entries. */
  versions: number;
  /** Undefined when the file could not be read (its own problem is reported instead). */
  anchors: ReadonlySet<string> | undefined;
  /** Ids of the page around the text (layout sections such as "sources-title"). */
  layoutAnchors: ReadonlySet<string>;
  /** Charts on the page: their ids are content hashes, "chart-<16 hex>". */
  charts: number;
}

/** Every page by kind and slug. */
export type Site = Record<PageKind, ReadonlyMap<string, Page>>;

const SECTIONS: Record<string, PageKind> = { notes: 'note', events: 'event' };

/** The site's own origin, "https://assay.example.com" (src/site.config.ts). */
const SITE_ORIGIN = new URL(siteConfig.url).origin;

/** A chart figure's id and the ids inside it (src/charts/engine.ts). */
const CHART_ANCHOR = /^chart-[0-9a-f]{16}(?:-name|-desc)?$/;

/**
 * Checks links to notes and events: `/notes/<slug>/`, `/notes/<slug>/v<N>/`, `/events/<slug>/`,
 * each with an optional `#anchor`, and `#anchor` on the page itself. Other links (other
 * site pages, other sites) are the link checker's job after a build (test/site/links.spec.ts).
 */
export function checkLinks(from: Page, links: readonly LinkUse[], site: Site): AssayError[] {
  const problems: AssayError[] = [];
  for (const link of links) {
    const problem = checkLink(from, link.url, site);
    if (problem) problems.push(new AssayError(problem.problem, { file: from.file, ...at(link), hint: problem.hint }));
  }
  return problems;
}

const at = (link: LinkUse) => ({ line: link.line, column: link.column });

interface Problem {
  problem: string;
  hint: string;
}

function checkLink(from: Page, url: string, site: Site): Problem | undefined {
  // A link with a scheme, or one leaving the site ("//host"), must be one readers can follow safely (src/lib/safe-url.ts).
  if (/^\s*([a-z][a-z0-9+.-]*:|[/\\]{2})/i.test(url)) {
    const problem = urlProblem(url);
    if (problem) return { problem: `link ${problem}`, hint: urlHint(url) };
  }
  if (url.startsWith('#')) return checkAnchor(url, from, decode(url.slice(1)), 'this page');
  // A full address on this site ("https://assay.example.com/notes/x/") names the same page.
  const own = url.startsWith(SITE_ORIGIN) ? url.slice(SITE_ORIGIN.length) : url;
  const match = /^\/(notes|events)\/([^?#]*)(?:\?[^#]*)?(?:#(.*))?$/.exec(own);
  if (!match) return undefined;
  const section = match[1] as string;
  const kind = SECTIONS[section] as PageKind;
  const target = pageAddress(section, (match[2] as string).split('/').filter(Boolean));
  if (target === 'other') return undefined;
  if (target === 'none') {
    return {
      problem: `link to ${url}: there is no such page; a ${kind} is at /${section}/<slug>/, without folders`,
      hint: `the slug is the file name without .mdx; folders in content/${section}/ only order your files`,
    };
  }
  const slug = decode(target.slug);
  const pages = site[kind];
  const page = pages.get(slug);
  if (!page) {
    return {
      problem: `link to ${url}: there is no ${kind} '${slug}'${suggestSlug(slug, pages)}`,
      hint: `a ${kind}'s address is /${section}/<file name without .mdx>/, whatever folder of content/${section}/ it is in`,
    };
  }
  if (page.draft && !from.draft) {
    return {
      problem: `link to ${url}: ${kind} '${slug}' is a draft, so it is not published`,
      hint: `publish it (remove draft: true from ${page.file}) or remove the link`,
    };
  }
  const version = target.version;
  if (version !== undefined && (version < 1 || version > page.versions)) {
    return {
      problem: `link to ${url}: ${kind} '${slug}' has ${page.versions === 1 ? 'one version, v1' : `versions v1 to v${page.versions}`}`,
      hint: 'each entry under updates: starts a version; leave out /vN/ to link to the latest',
    };
  }
  if (match[3]) return checkAnchor(url, page, decode(match[3]), `${kind} '${slug}'`);
  return undefined;
}

/**
 * Which page a path under /notes/ or /events/ names (src/pages/): a note or event (maybe a
 * version of it), another page ('other': lists, archives, pagination), or none at all.
 */
function pageAddress(section: string, parts: string[]): { slug: string; version?: number } | 'other' | 'none' {
  const [first, second, ...rest] = parts;
  if (first === undefined) return 'other';
  if (section === 'notes' && first === 'page') return 'other';
  // The monthly archive, /notes/2025/06/.
  if (section === 'notes' && /^\d{4}$/.test(first) && /^\d{2}$/.test(second ?? '') && rest.length === 0) return 'other';
  if (section === 'events' && first.endsWith('.ics') && second === undefined) return { slug: first.slice(0, -4) };
  if (rest.length > 0) return 'none';
  if (second === undefined) return { slug: first };
  if (/^v\d+$/.test(second)) return { slug: first, version: Number(second.slice(1)) };
  if (section === 'notes' && second === 'email.html') return { slug: first };
  return 'none';
}

function checkAnchor(url: string, page: Page, id: string, where: string): Problem | undefined {
  if (!page.anchors || page.anchors.has(id) || page.layoutAnchors.has(id)) return undefined;
  // Chart ids are content hashes known only after drawing; the shape and a chart must be there.
  if (CHART_ANCHOR.test(id) && page.charts > 0) return undefined;
  const ids = [...page.anchors];
  const match = closest(id, ids);
  return {
    problem: `link to ${url}: ${where} has no heading or element with id '${id}'${match ? `; did you mean '${match}'?` : ''}`,
    hint:
      ids.length > 0
        ? `the ids there are ${ids.slice(0, 12).join(', ')}${ids.length > 12 ? ', …' : ''} (a heading's id is its text in lower case, spaces as -)`
        : 'that page has no headings to link to; link to the page without #…',
  };
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** "; did you mean 'x'?" for a slug: the same name in other case first, else the closest. */
export function suggestSlug(slug: string, pages: ReadonlyMap<string, Page>): string {
  const known = [...pages.keys()];
  const caseOnly = known.find((name) => name.toLowerCase() === slug.toLowerCase());
  return caseOnly ? `; did you mean '${caseOnly}'?` : didYouMean(slug, known);
}
