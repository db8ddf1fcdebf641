/**
 * Discovery on the built site: feed links, canonical URLs and structured data in every
 * head; robots.txt and sitemap.xml; archive and topic pages.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sitemap } from '../../src/feeds/sitemap.ts';
import { type BuiltSite, buildSite, PROJECT_ROOT, removeSite } from '../helpers/build-site.ts';
import { alternateLinks, distFileFor, htmlFiles, SITE_URL } from './dist.ts';
import { parseStrictXml } from './strict-xml.ts';

let site: BuiltSite;
const read = (file: string) => readFileSync(path.join(site.outDir, file), 'utf8');
const pages = () => htmlFiles(site.outDir).filter((file) => !file.endsWith('email.html') && file !== '404.html');

beforeAll(() => {
  site = buildSite(PROJECT_ROOT);
  if (!site.ok) throw new Error(`build failed:\n${site.output}`);
});
afterAll(() => site && removeSite(site));

describe('page heads', () => {
  it('every page links the three site feeds with absolute URLs', () => {
    for (const file of pages()) {
      const links = alternateLinks(read(file));
      expect(links.slice(0, 3), file).toEqual([
        { type: 'application/rss+xml', href: `${SITE_URL}/rss.xml` },
        { type: 'application/atom+xml', href: `${SITE_URL}/atom.xml` },
        { type: 'application/feed+json', href: `${SITE_URL}/feed.json` },
      ]);
      for (const link of links) expect(distFileFor(site.outDir, link.href), link.href).toBeDefined();
    }
  });

  it('every page has one absolute canonical URL with a trailing slash', () => {
    for (const file of pages()) {
      const canonicals = [...read(file).matchAll(/<link rel="canonical" href="([^"]+)"/g)].map((m) => m[1]);
      expect(canonicals, file).toHaveLength(1);
      expect(canonicals[0], file).toMatch(/^https:\/\/assay\.example\.com\/(.*\/)?$/);
    }
  });

  it('topic pages also link their own feeds', () => {
    const links = alternateLinks(read('topics/germany/index.html')).map((link) => link.href);
    expect(links).toContain(`${SITE_URL}/topics/germany/rss.xml`);
    expect(links).toContain(`${SITE_URL}/topics/germany/feed.json`);
  });

  it('note pages carry Article JSON-LD that parses, with "<" escaped', () => {
    const html = read('notes/china-magnet-exports-july-2025/index.html');
    const scripts = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map(
      (m) => m[1] as string,
    );
    const article = scripts.map((text) => JSON.parse(text)).find((ld) => ld['@type'] === 'Article');
    expect(article).toMatchObject({
      headline: 'July’s magnet exports were back near their level before the controls',
      datePublished: '2025-08-21T00:00:00.000Z',
      author: [{ name: 'Assay Research Desk' }],
      publisher: { name: 'Assay Rare Earths Research' },
      image: { url: `${SITE_URL}/og/notes/china-magnet-exports-july-2025.png` },
    });
    for (const text of scripts) expect(text).not.toContain('<');
  });
});

describe('robots.txt and sitemap.xml', () => {
  it('robots.txt points at the sitemap', () => {
    expect(read('robots.txt')).toContain(`Sitemap: ${SITE_URL}/sitemap.xml`);
  });

  it('the sitemap lists every note, event and list page, no earlier version, lastmod from content', async () => {
    // Run the integration's hooks on this build, as `astro build` does once astro.config.mjs has it.
    const integration = sitemap();
    const hooks = integration.hooks as Record<string, (options: unknown) => unknown>;
    const logger = {
      info() {},
      warn(message: string) {
        throw new Error(message);
      },
    };
    await hooks['astro:config:done']?.({ config: { site: SITE_URL } });
    const pathnames = htmlFiles(site.outDir).map((file) => file.replace(/index\.html$/, ''));
    await hooks['astro:build:done']?.({
      dir: pathToFileURL(`${site.outDir}/`),
      pages: pathnames.map((pathname) => ({ pathname })),
      logger,
    });
    const xml = read('sitemap.xml');
    expect(() => parseStrictXml(xml)).not.toThrow();
    const urls = new XMLParser({ isArray: (name) => name === 'url' }).parse(xml).urlset.url as {
      loc: string;
      lastmod?: string;
    }[];
    const locs = urls.map((url) => url.loc);
    for (const slug of [
      'china-magnet-exports-july-2025',
      'china-magnet-exports-june-2025',
      'china-magnet-exports-may-2025',
    ]) {
      expect(locs).toContain(`${SITE_URL}/notes/${slug}/`);
    }
    expect(locs).toContain(`${SITE_URL}/events/rare-earth-summit-toronto-2025/`);
    expect(locs).toContain(`${SITE_URL}/topics/germany/`);
    expect(locs).toContain(`${SITE_URL}/notes/2025/07/`);
    expect(locs.filter((loc) => /\/v\d+\/$/.test(loc))).toEqual([]);
    expect(locs).not.toContain(`${SITE_URL}/404/`);
    // lastmod is a content date (the build date is 2026-01-15).
    const byLoc = new Map(urls.map((url) => [url.loc, url.lastmod]));
    expect(byLoc.get(`${SITE_URL}/notes/china-magnet-exports-july-2025/`)).toBe('2025-08-21');
    expect(byLoc.get(`${SITE_URL}/topics/germany/`)).toBe('2025-08-21');
    // The June and May notes were corrected on 4 December 2026 (their `updates`).
    expect(byLoc.get(`${SITE_URL}/notes/china-magnet-exports-june-2025/`)).toBe('2026-12-04');
    expect(urls.filter((url) => url.lastmod === '2026-01-15')).toEqual([]);
  });
});

describe('archive and topics', () => {
  it('the archive groups notes by edition month, newest first', () => {
    const html = read('notes/index.html');
    const months = [...html.matchAll(/id="edition-(\d{4}-\d{2})"/g)].map((m) => m[1]);
    expect(months).toEqual(['2025-07', '2025-06', '2025-05']);
  });

  it('month pages and topic pages exist, and every topic link resolves', () => {
    for (const month of ['2025/05', '2025/06', '2025/07']) expect(read(`notes/${month}/index.html`)).toContain('<h1>');
    const topics = readdirSync(path.join(site.outDir, 'topics')).filter((name) => !name.includes('.'));
    expect(topics.sort()).toEqual(['export-controls', 'germany', 'magnets', 'united-states']);
    const index = read('topics/index.html');
    for (const topic of topics) expect(index).toContain(`href="/topics/${topic}/"`);
    for (const file of ['notes/index.html', 'notes/2025/07/index.html', 'topics/magnets/index.html']) {
      for (const [, href] of read(file).matchAll(/href="(\/topics\/[^"]*)"/g)) {
        expect(distFileFor(site.outDir, `${SITE_URL}${href}`), `${href} from ${file}`).toBeDefined();
      }
    }
  });

  it('the header links Search; the search page exists', () => {
    expect(read('index.html')).toMatch(/<a href="\/search\/"[^>]*>Search<\/a>/);
    expect(read('search/index.html')).toContain('<pagefind-input');
  });
});
