/**
 * sitemap.xml, written after the build from the pages themselves. We do not use
 * @astrojs/sitemap: it writes sitemap-index.xml + sitemap-0.xml rather than the
 * /sitemap.xml robots.txt and tools expect, and its `lastmod` is one value for all pages
 * unless every page's date is supplied separately. Reading each built page instead gives
 * per-page `lastmod` from the page's own `article:modified_time` or `og:updated_time` (a
 * note's last update, a list's newest note; never the build clock), and leaves out what the page says to leave out: `noindex`
 * (earlier versions, 404) and pages whose canonical URL is another page.
 */
import { closeSync, existsSync, openSync, readFileSync, readSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { escapeHtml } from '../lib/escape.ts';

/** One URL in the sitemap. */
export interface SitemapEntry {
  /** Absolute URL. */
  loc: string;
  /** Last modification as YYYY-MM-DD, when the page states one. */
  lastmod?: string;
}

/** What the sitemap needs from a page's `<head>`. */
export interface PageHead {
  canonical: string | undefined;
  noindex: boolean;
  modified: string | undefined;
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}="([^"]*)"`, 'i').exec(tag);
  return match?.[1]?.replaceAll('&amp;', '&').replaceAll('&quot;', '"').replaceAll('&#39;', "'");
}

/**
 * Reads canonical, robots and modified time from a page's head. A regex over the head's
 * tags is enough (and fast over thousands of pages): Base writes these tags, one per line.
 */
/** The start of a page, enough for its <head>: pages with charts are large, their heads are not. */
function headOf(file: string, bytes = 32 * 1024): string {
  const buffer = Buffer.alloc(bytes);
  const fd = openSync(file, 'r');
  let length: number;
  try {
    length = readSync(fd, buffer, 0, bytes, 0);
  } finally {
    closeSync(fd);
  }
  const start = buffer.subarray(0, length).toString('utf8');
  return /<\/head>/i.test(start) || length < bytes ? start : readFileSync(file, 'utf8');
}

export function readPageHead(html: string): PageHead {
  const head = html.slice(0, Math.max(0, html.search(/<\/head>/i)) || html.length);
  const tags = head.match(/<(?:link|meta)\b[^>]*>/gi) ?? [];
  let canonical: string | undefined;
  let noindex = false;
  let modified: string | undefined;
  for (const tag of tags) {
    const rel = attribute(tag, 'rel');
    const name = attribute(tag, 'name') ?? attribute(tag, 'property');
    if (rel === 'canonical') canonical ??= attribute(tag, 'href');
    else if (name === 'robots' && /noindex/i.test(attribute(tag, 'content') ?? '')) noindex = true;
    else if (name === 'article:modified_time' || name === 'og:updated_time') modified ??= attribute(tag, 'content');
  }
  return { canonical, noindex, modified };
}

/** The sitemap entry for a built page, or undefined when it does not belong in the sitemap. */
export function sitemapEntry(pageUrl: string, head: PageHead): SitemapEntry | undefined {
  if (head.noindex) return undefined;
  if (head.canonical && head.canonical !== pageUrl) return undefined;
  const lastmod = head.modified && /^\d{4}-\d{2}-\d{2}/.test(head.modified) ? head.modified.slice(0, 10) : undefined;
  return lastmod ? { loc: pageUrl, lastmod } : { loc: pageUrl };
}

/** The sitemap document; entries sorted by URL so the file is byte-stable. */
export function sitemapXml(entries: readonly SitemapEntry[]): string {
  const sorted = [...entries].sort((a, b) => (a.loc < b.loc ? -1 : a.loc > b.loc ? 1 : 0));
  const urls = sorted.map(
    (entry) =>
      `  <url><loc>${escapeHtml(entry.loc)}</loc>${entry.lastmod ? `<lastmod>${entry.lastmod}</lastmod>` : ''}</url>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`;
}

/** The HTML file a built page lives in (directory format), if it is an HTML page. */
export function pageFile(outDir: string, pathname: string): string | undefined {
  const clean = pathname.replace(/^\/+/, '');
  if (clean === '404/' || clean === '404' || clean.endsWith('.html')) return undefined;
  if (/\.[a-z0-9]+$/i.test(clean)) return undefined; // rss.xml, og/*.png: not pages
  return path.join(outDir, clean, 'index.html');
}

/** Writes `sitemap.xml` into the build output at the end of `astro build`. */
export function sitemap(): AstroIntegration {
  let site: string | undefined;
  return {
    name: 'assay-sitemap',
    hooks: {
      'astro:config:done': ({ config }) => {
        site = config.site;
      },
      'astro:build:done': ({ dir, pages, logger }) => {
        if (!site) {
          logger.warn('no `site` in astro.config.mjs: sitemap.xml needs absolute URLs, so none was written');
          return;
        }
        const outDir = fileURLToPath(dir);
        const entries: SitemapEntry[] = [];
        for (const { pathname } of pages) {
          const file = pageFile(outDir, pathname);
          if (!file || !existsSync(file)) continue;
          const url = new URL(pathname.replace(/^\/*/, '/'), site).href;
          const entry = sitemapEntry(url, readPageHead(headOf(file)));
          if (entry) entries.push(entry);
        }
        writeFileSync(path.join(outDir, 'sitemap.xml'), sitemapXml(entries));
        logger.info(`sitemap.xml: ${entries.length} pages`);
      },
    },
  };
}
