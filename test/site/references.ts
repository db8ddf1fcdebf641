import { site } from '../../src/site.config.ts';

/** One URL a page refers to, and whether the browser loads it without the reader clicking. */
export interface Reference {
  /** Where it came from, e.g. `a[href]`, `link[rel=stylesheet][href]`, `css url()`. */
  from: string;
  /** The URL as written. */
  raw: string;
  /** Loaded with the page (stylesheet, image, script, font) rather than followed (a link). */
  loaded: boolean;
}

const SITE_ORIGIN = new URL(site.url).origin;
/** Link relations whose target the browser fetches (or may prefetch) with the page. */
const LOADED_RELS = /\b(?:stylesheet|icon|preload|modulepreload|prefetch|manifest|apple-touch-icon)\b/i;

/** Every URL in a page's markup: links, resources, srcsets, SVG hrefs and same-site meta URLs. */
export function pageReferences(document: Document): Reference[] {
  const refs: Reference[] = [];
  const add = (from: string, raw: string | null, loaded: boolean) => {
    if (raw !== null && raw.trim() !== '') refs.push({ from, raw: raw.trim(), loaded });
  };
  for (const el of document.querySelectorAll('a[href], area[href]')) add('a[href]', el.getAttribute('href'), false);
  for (const el of document.querySelectorAll('link[href]')) {
    const rel = el.getAttribute('rel') ?? '';
    add(`link[rel=${rel}][href]`, el.getAttribute('href'), LOADED_RELS.test(rel));
  }
  for (const el of document.querySelectorAll(
    'img[src], script[src], iframe[src], source[src], audio[src], video[src], embed[src], track[src]',
  )) {
    add(`${el.localName}[src]`, el.getAttribute('src'), true);
  }
  for (const el of document.querySelectorAll('img[srcset], source[srcset]')) {
    for (const candidate of (el.getAttribute('srcset') ?? '').split(','))
      add(`${el.localName}[srcset]`, candidate.trim().split(/\s+/)[0] ?? '', true);
  }
  for (const el of document.querySelectorAll('video[poster]')) add('video[poster]', el.getAttribute('poster'), true);
  for (const el of document.querySelectorAll('object[data]')) add('object[data]', el.getAttribute('data'), true);
  for (const el of document.querySelectorAll('form[action]')) add('form[action]', el.getAttribute('action'), false);
  // SVG <use>/<image>: both `href` and the older `xlink:href`.
  for (const el of document.querySelectorAll('use, image, feImage')) {
    add(`${el.localName}[href]`, el.getAttribute('href') ?? el.getAttribute('xlink:href'), true);
  }
  // A chart's PNG twin (email edition, previews) is named on the figure.
  for (const el of document.querySelectorAll('[data-png]')) add('[data-png]', el.getAttribute('data-png'), false);
  // Open Graph and Twitter preview images are absolute URLs on the site: they must exist too.
  for (const el of document.querySelectorAll('meta[property^="og:"][content], meta[name^="twitter:"][content]')) {
    const content = el.getAttribute('content') ?? '';
    if (/^https?:\/\//.test(content))
      add(`meta[${el.getAttribute('property') ?? el.getAttribute('name')}]`, content, false);
  }
  return refs;
}

/** `url(...)` references in a stylesheet (data: URIs included, so callers can decide). */
export function cssReferences(css: string): Reference[] {
  const refs: Reference[] = [];
  for (const match of css.matchAll(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)/g)) {
    refs.push({ from: 'css url()', raw: match[1] ?? match[2] ?? match[3] ?? '', loaded: true });
  }
  for (const match of css.matchAll(/@import\s+(?:url\()?\s*["']?([^"')\s;]+)/g)) {
    refs.push({ from: 'css @import', raw: match[1] ?? '', loaded: true });
  }
  return refs;
}

export type Target =
  | { type: 'internal'; path: string; fragment: string }
  | { type: 'external'; url: string }
  | { type: 'data' }
  | { type: 'javascript' }
  | { type: 'other-scheme'; scheme: string };

/**
 * Where a reference points, resolved against the page URL. Absolute URLs on the site's own
 * origin (canonical links, preview images, webcal links) count as internal.
 */
export function resolveTarget(raw: string, pageUrl: string): Target {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(raw)?.[1]?.toLowerCase();
  if (scheme === 'javascript') return { type: 'javascript' };
  if (scheme === 'data') return { type: 'data' };
  if (scheme === 'webcal') return resolveTarget(`https:${raw.slice('webcal:'.length)}`, pageUrl);
  if (scheme !== undefined && scheme !== 'http' && scheme !== 'https') return { type: 'other-scheme', scheme };
  if (raw.startsWith('//') || scheme !== undefined) {
    const url = new URL(raw, SITE_ORIGIN);
    if (url.origin !== SITE_ORIGIN) return { type: 'external', url: url.href };
    return { type: 'internal', path: url.pathname, fragment: decodeURIComponent(url.hash.slice(1)) };
  }
  const url = new URL(raw, new URL(pageUrl, SITE_ORIGIN));
  return { type: 'internal', path: url.pathname, fragment: decodeURIComponent(url.hash.slice(1)) };
}
