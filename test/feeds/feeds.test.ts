/**
 * The sample site's feeds, built for real: well-formed XML (saxes, a conforming parser), absolute
 * URLs that resolve to pages in dist/, dates from content, topics as categories, and full
 * content with charts as PNG images.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuiltSite, buildSite, PROJECT_ROOT, removeSite } from '../helpers/build-site.ts';
import { distFileFor, SITE_URL, urlsIn } from './dist.ts';
import { parseStrictXml } from './strict-xml.ts';

const NOTES = {
  'china-magnet-exports-july-2025': {
    published: '2025-08-21',
    topics: ['Magnets', 'Export controls', 'Germany', 'United States'],
  },
  'china-magnet-exports-june-2025': {
    published: '2025-07-22',
    topics: ['Magnets', 'Export controls', 'United States'],
  },
  'china-magnet-exports-may-2025': { published: '2025-06-20', topics: ['Magnets', 'Export controls', 'United States'] },
} as const;
type Slug = keyof typeof NOTES;

/** An Atom entry as fast-xml-parser reads it (attributes prefixed with @). */
interface AtomEntry {
  id: string;
  link: { '@href': string }[];
  published: string;
  updated: string;
  author: { name: string }[];
  category: Record<string, string>[];
  content: { '@type': string; '#text': string };
}

let site: BuiltSite;
const read = (file: string) => readFileSync(path.join(site.outDir, file), 'utf8');
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  isArray: (name) => ['item', 'entry', 'category', 'link', 'dc:creator', 'author'].includes(name),
});

beforeAll(() => {
  site = buildSite(PROJECT_ROOT);
  if (!site.ok) throw new Error(`build failed:\n${site.output}`);
});
afterAll(() => site && removeSite(site));

/** Checks a feed item's HTML content: absolute URLs only, PNG charts with alt, no SVG or script. */
function expectFeedContent(html: string): void {
  expect(html).not.toMatch(/<svg|<script/i);
  const images = [...html.matchAll(/<img\b[^>]*>/g)].map((m) => m[0]);
  expect(images.length).toBeGreaterThan(0);
  for (const img of images) {
    expect(img).toMatch(/src="https:\/\/assay\.example\.com\/charts\/[0-9a-f]{16}\.png"/);
    expect(img).toMatch(/alt="[^"]{20,}"/);
    expect(img).toMatch(/width="\d+"/);
    const src = /src="([^"]+)"/.exec(img)?.[1] ?? '';
    expect(distFileFor(site.outDir, src), `${src} in dist`).toBeDefined();
  }
  for (const url of urlsIn(html)) expect(url, url).toMatch(/^(https?:|mailto:)/);
}

function slugOf(url: string): Slug {
  const slug = /\/notes\/([^/]+)\/$/.exec(url)?.[1];
  expect(slug && slug in NOTES, url).toBe(true);
  return slug as Slug;
}

describe('RSS 2.0', () => {
  it('is well-formed XML with an absolute self link', () => {
    const xml = read('rss.xml');
    expect(() => parseStrictXml(xml)).not.toThrow();
    const channel = parser.parse(xml).rss.channel;
    expect(channel.link).toEqual([`${SITE_URL}/`]);
    expect(channel['atom:link']['@href']).toBe(`${SITE_URL}/rss.xml`);
    // The newest content date (the corrections of 4 December 2026), never the build date (2026-01-15).
    expect(channel.lastBuildDate).toBe('Fri, 04 Dec 2026 00:00:00 GMT');
  });

  it('has every note, newest first, with dates, authors, topics and full content', () => {
    const items = parser.parse(read('rss.xml')).rss.channel.item as Record<string, unknown>[];
    expect(items.map((item) => slugOf(item.link as string))).toEqual(Object.keys(NOTES));
    for (const item of items) {
      const slug = slugOf(item.link as string);
      expect(distFileFor(site.outDir, item.link as string), `${item.link} in dist`).toBeDefined();
      expect(new Date(item.pubDate as string).toISOString().slice(0, 10)).toBe(NOTES[slug].published);
      expect(item.category).toEqual(NOTES[slug].topics);
      expect(item['dc:creator']).toEqual(['Assay Research Desk']);
      expect(String(item.description).length).toBeGreaterThan(20);
      expectFeedContent(item['content:encoded'] as string);
    }
  });
});

describe('Atom 1.0', () => {
  it('is well-formed, with published and updated dates and categories', () => {
    const xml = read('atom.xml');
    expect(() => parseStrictXml(xml)).not.toThrow();
    const feed = parser.parse(xml).feed;
    expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(feed.updated).toBe('2026-12-04T00:00:00.000Z');
    expect(feed.link.map((link: Record<string, string>) => link['@href'])).toContain(`${SITE_URL}/atom.xml`);
    const entries = feed.entry as AtomEntry[];
    expect(entries).toHaveLength(3);
    for (const entry of entries) {
      const slug = slugOf(entry.id);
      expect(distFileFor(site.outDir, entry.link[0]?.['@href'] ?? '')).toBeDefined();
      expect(entry.published.slice(0, 10)).toBe(NOTES[slug].published);
      expect(entry.updated.slice(0, 10) >= NOTES[slug].published).toBe(true);
      expect(entry.author.map((author) => author.name)).toEqual(['Assay Research Desk']);
      expect(entry.category.map((category) => category['@label'])).toEqual(NOTES[slug].topics);
      expect(entry.content['@type']).toBe('html');
      expectFeedContent(entry.content['#text']);
    }
  });
});

describe('JSON Feed 1.1', () => {
  it('has every note with dates, authors, tags and HTML content', () => {
    const feed = JSON.parse(read('feed.json'));
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.feed_url).toBe(`${SITE_URL}/feed.json`);
    expect(feed.home_page_url).toBe(`${SITE_URL}/`);
    expect(feed.items).toHaveLength(3);
    for (const item of feed.items) {
      const slug = slugOf(item.url);
      expect(item.id).toBe(item.url);
      expect(distFileFor(site.outDir, item.url)).toBeDefined();
      expect(item.date_published.slice(0, 10)).toBe(NOTES[slug].published);
      expect(Date.parse(item.date_modified)).toBeGreaterThanOrEqual(Date.parse(item.date_published));
      expect(item.authors).toEqual([{ name: 'Assay Research Desk' }]);
      expect(item.tags).toEqual(NOTES[slug].topics);
      expect(distFileFor(site.outDir, item.image), item.image).toBeDefined();
      expectFeedContent(item.content_html);
    }
  });
});

describe('topic feeds', () => {
  it('each topic has three feeds holding only its notes', () => {
    for (const format of ['rss.xml', 'atom.xml', 'feed.json']) {
      const germany = read(`topics/germany/${format}`);
      expect(germany).toContain('/notes/china-magnet-exports-july-2025/');
      expect(germany).not.toContain('/notes/china-magnet-exports-june-2025/');
      expect(read(`topics/magnets/${format}`)).toContain('/notes/china-magnet-exports-may-2025/');
    }
    expect(() => parseStrictXml(read('topics/export-controls/rss.xml'))).not.toThrow();
    expect(() => parseStrictXml(read('topics/export-controls/atom.xml'))).not.toThrow();
    expect(JSON.parse(read('topics/united-states/feed.json')).items).toHaveLength(3);
  });

  it('feeds, previews and email editions are byte-identical across builds with the same build date', () => {
    const again = buildSite(PROJECT_ROOT);
    try {
      for (const file of [
        'rss.xml',
        'atom.xml',
        'feed.json',
        'topics/germany/rss.xml',
        'og/notes/china-magnet-exports-july-2025.png',
        'notes/china-magnet-exports-july-2025/email.html',
      ]) {
        const before = readFileSync(path.join(site.outDir, file));
        expect(Buffer.compare(readFileSync(path.join(again.outDir, file)), before), file).toBe(0);
      }
    } finally {
      removeSite(again);
    }
  }, 120_000);
});
