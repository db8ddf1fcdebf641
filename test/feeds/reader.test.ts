/**
 * The built feeds as a feed reader sees them: RSS and Atom parsed by a real feed-reader
 * library (@rowanmanning/feed-parser, lenient the way readers are, so these tests check what
 * readers extract, not just the XML), and the JSON Feed read against the JSON Feed 1.1 spec
 * (no maintained JSON Feed reader library is installed; the schema below is the spec's
 * field list). Each item must link to its page in dist/ and carry its title, dates, topics
 * and full content with the charts as absolute PNG images.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseFeed } from '@rowanmanning/feed-parser';
import { z } from 'astro/zod';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuiltSite, buildSite, PROJECT_ROOT, removeSite } from '../helpers/build-site.ts';
import { distFileFor, metaTags, pngFileSize, SITE_URL, urlsIn } from './dist.ts';
import { parseStrictXml } from './strict-xml.ts';

/** What the sample notes say, from their frontmatter: the truth the feeds must carry. */
const NOTES = {
  'china-magnet-exports-july-2025': {
    published: '2025-08-21',
    updated: '2025-08-21',
    topics: ['Magnets', 'Export controls', 'Germany', 'United States'],
  },
  // Its chart title corrected on 4 December 2026 (its `updates`).
  'china-magnet-exports-june-2025': {
    published: '2025-07-22',
    updated: '2026-12-04',
    topics: ['Magnets', 'Export controls', 'United States'],
  },
  // A postscript added on 22 July 2025, its link corrected on 4 December 2026 (its `updates`).
  'china-magnet-exports-may-2025': {
    published: '2025-06-20',
    updated: '2026-12-04',
    topics: ['Magnets', 'Export controls', 'United States'],
  },
} as const;
type Slug = keyof typeof NOTES;
const ALL = Object.keys(NOTES) as Slug[];

/** Each feed checked: its file in dist/, the page it belongs to, and its notes, newest first. */
const FEEDS = [
  { file: 'rss.xml', home: '/', notes: ALL },
  { file: 'atom.xml', home: '/', notes: ALL },
  { file: 'feed.json', home: '/', notes: ALL },
  { file: 'topics/germany/rss.xml', home: '/topics/germany/', notes: ['china-magnet-exports-july-2025'] },
  { file: 'topics/germany/atom.xml', home: '/topics/germany/', notes: ['china-magnet-exports-july-2025'] },
  { file: 'topics/germany/feed.json', home: '/topics/germany/', notes: ['china-magnet-exports-july-2025'] },
] as const;

/** A feed as a reader shows it, whatever its format. */
interface ReaderFeed {
  format: string;
  title: string | null;
  url: string | null;
  self: string | null;
  language: string | null;
  items: ReaderItem[];
}
interface ReaderItem {
  id: string | null;
  title: string | null;
  url: string | null;
  published: Date | null;
  /** Null where the format has no separate update date (RSS 2.0). */
  updated: Date | null;
  authors: string[];
  categories: string[];
  content: string | null;
}

/** JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/): its fields, types and required ones. */
const jsonFeedUrl = z.url({ protocol: /^https?$/ });
const jsonFeedDate = z.iso.datetime({ offset: true });
const jsonFeedAuthor = z.object({
  name: z.string().optional(),
  url: jsonFeedUrl.optional(),
  avatar: z.url().optional(),
});
/** Extensions are allowed only as keys starting with "_"; anything else unknown is a mistake. */
const onlyKnownKeys = (known: z.ZodObject) => (value: Record<string, unknown>, context: z.core.$RefinementCtx) => {
  for (const key of Object.keys(value)) {
    if (!key.startsWith('_') && !(key in known.shape))
      context.addIssue({ code: 'custom', message: `unknown key ${key}` });
  }
};
const jsonFeedItemShape = z.object({
  id: z.string().min(1),
  url: jsonFeedUrl.optional(),
  external_url: jsonFeedUrl.optional(),
  title: z.string().optional(),
  content_html: z.string().optional(),
  content_text: z.string().optional(),
  summary: z.string().optional(),
  image: jsonFeedUrl.optional(),
  banner_image: jsonFeedUrl.optional(),
  date_published: jsonFeedDate.optional(),
  date_modified: jsonFeedDate.optional(),
  authors: z.array(jsonFeedAuthor).optional(),
  tags: z.array(z.string()).optional(),
  language: z.string().optional(),
});
const jsonFeedShape = z.object({
  version: z.literal('https://jsonfeed.org/version/1.1'),
  title: z.string().min(1),
  home_page_url: jsonFeedUrl.optional(),
  feed_url: jsonFeedUrl.optional(),
  description: z.string().optional(),
  icon: jsonFeedUrl.optional(),
  favicon: jsonFeedUrl.optional(),
  authors: z.array(jsonFeedAuthor).optional(),
  language: z.string().optional(),
  expired: z.boolean().optional(),
  items: z.array(
    z
      .looseObject(jsonFeedItemShape.shape)
      .superRefine(onlyKnownKeys(jsonFeedItemShape))
      .refine((item) => item.content_html !== undefined || item.content_text !== undefined, {
        message: 'an item needs content_html or content_text',
      }),
  ),
});
const jsonFeedSchema = z.looseObject(jsonFeedShape.shape).superRefine(onlyKnownKeys(jsonFeedShape));

/** Reads a feed file the way a reader would. */
function readFeed(text: string, file: string): ReaderFeed {
  if (file.endsWith('.json')) {
    const feed = jsonFeedSchema.parse(JSON.parse(text));
    const date = (value: string | undefined) => (value ? new Date(value) : null);
    return {
      format: 'json',
      title: feed.title,
      url: feed.home_page_url ?? null,
      self: feed.feed_url ?? null,
      language: feed.language ?? null,
      items: feed.items.map((item) => ({
        id: item.id,
        title: item.title ?? null,
        url: item.url ?? null,
        published: date(item.date_published),
        updated: date(item.date_modified),
        authors: (item.authors ?? []).map((author) => author.name ?? ''),
        categories: item.tags ?? [],
        content: item.content_html ?? null,
      })),
    };
  }
  const feed = parseFeed(text);
  return {
    format: feed.meta.type,
    title: feed.title,
    url: feed.url,
    self: feed.self,
    language: feed.language,
    items: feed.items.map((item) => ({
      id: item.id,
      title: item.title,
      url: item.url,
      published: item.published,
      // The parser falls back to the published date when RSS has no update date.
      updated: feed.meta.type === 'rss' ? null : item.updated,
      authors: item.authors.map((author) => author.name ?? ''),
      categories: item.categories.map((category) => category.label ?? category.term ?? ''),
      content: item.content,
    })),
  };
}

let site: BuiltSite;
const read = (file: string) => readFileSync(path.join(site.outDir, file), 'utf8');
const day = (date: Date | null) => date?.toISOString().slice(0, 10);

beforeAll(() => {
  site = buildSite(PROJECT_ROOT);
  if (!site.ok) throw new Error(`build failed:\n${site.output}`);
});
afterAll(() => site && removeSite(site));

describe.each(FEEDS)('$file in a feed reader', ({ file, home, notes }) => {
  let feed: ReaderFeed;
  beforeAll(() => {
    feed = readFeed(read(file), file);
  });

  it('has a title, its own URL and a home page in dist/', () => {
    expect(feed.format).toBe(file.endsWith('.json') ? 'json' : file.endsWith('atom.xml') ? 'atom' : 'rss');
    expect(feed.title).toMatch(/^Assay Rare Earths Research/);
    expect(feed.self).toBe(`${SITE_URL}/${file}`);
    expect(feed.language?.toLowerCase(), 'the site language, for readers that pick a voice or hyphenation').toBe(
      'en-gb',
    );
    expect(feed.url).toBe(`${SITE_URL}${home}`);
    expect(distFileFor(site.outDir, feed.url ?? ''), `${feed.url} in dist`).toBeDefined();
  });

  it('lists its notes, newest first, each linking to its page in dist/ with the same title', () => {
    const slugs = feed.items.map((item) => /\/notes\/([^/]+)\/$/.exec(item.url ?? '')?.[1]);
    expect(slugs).toEqual(notes);
    for (const item of feed.items) {
      const page = distFileFor(site.outDir, item.url ?? '');
      expect(page, `${item.url} in dist`).toBeDefined();
      const html = readFileSync(page as string, 'utf8');
      expect(html, item.url ?? '').toContain(`<link rel="canonical" href="${item.url}">`);
      expect(item.title, item.url ?? '').toBe(metaTags(html).get('og:title')?.[0]);
      expect(item.id, 'a stable id: the permanent URL').toBe(item.url);
    }
  });

  it('dates each item from its note, not from the build', () => {
    for (const item of feed.items) {
      const note = NOTES[/\/notes\/([^/]+)\/$/.exec(item.url ?? '')?.[1] as Slug];
      expect(day(item.published), item.url ?? '').toBe(note.published);
      if (item.updated) expect(day(item.updated), item.url ?? '').toBe(note.updated);
    }
    if (file.endsWith('atom.xml') || file.endsWith('.json')) {
      expect(feed.items.every((item) => item.updated !== null)).toBe(true);
    }
  });

  it('gives authors and topics as categories', () => {
    for (const item of feed.items) {
      const note = NOTES[/\/notes\/([^/]+)\/$/.exec(item.url ?? '')?.[1] as Slug];
      expect(item.authors, item.url ?? '').toEqual(['Assay Research Desk']);
      expect(item.categories, item.url ?? '').toEqual(note.topics);
    }
  });

  it('carries the full note with every chart as an absolute PNG image', () => {
    for (const item of feed.items) {
      const where = `${file} ${item.url}`;
      const content = item.content ?? '';
      expect(content, where).not.toMatch(/<svg|<script/i);
      const { document } = parseHTML(`<!doctype html><html><body>${content}</body></html>`);
      const page = readFileSync(distFileFor(site.outDir, item.url ?? '') as string, 'utf8');
      const charts = parseHTML(page).document.querySelectorAll('[data-chart-id]').length;
      const images = [...document.querySelectorAll('img')];
      expect(charts, `${item.url} has charts`).toBeGreaterThan(0);
      expect(images.length, `${where}: one image per chart on the page`).toBe(charts);
      for (const img of images) {
        const src = img.getAttribute('src') ?? '';
        expect(src, where).toMatch(/^https:\/\/assay\.example\.com\/charts\/[0-9a-f]{16}\.png$/);
        const png = distFileFor(site.outDir, src);
        expect(png, `${src} in dist`).toBeDefined();
        expect(pngFileSize(png as string), `${src} is a PNG`).toBeDefined();
        expect((img.getAttribute('alt') ?? '').length, `${src} alt text`).toBeGreaterThan(20);
      }
      for (const url of urlsIn(content)) expect(url, where).toMatch(/^(https?:|mailto:)/);
      // The whole note, not a teaser.
      expect(document.body.textContent?.length ?? 0, where).toBeGreaterThan(800);
    }
  });

  it('shows each chart as its PNG twin, which carries the title and source: the HTML does not repeat them', () => {
    for (const item of feed.items) {
      const where = `${file} ${item.url}`;
      const { document } = parseHTML(`<!doctype html><html><body>${item.content ?? ''}</body></html>`);
      const page = parseHTML(readFileSync(distFileFor(site.outDir, item.url ?? '') as string, 'utf8')).document;
      const figures = [...page.querySelectorAll('figure[data-chart-id]')];
      const titles = figures.map((figure) => figure.querySelector('.chart__title')?.textContent?.trim() ?? '');
      const sources = figures.map(
        (figure) => /Source: [^;.]+/.exec(figure.querySelector('.chart__source')?.textContent ?? '')?.[0] ?? '',
      );
      expect(titles.every(Boolean) && sources.every(Boolean), `${item.url}: titles and source lines`).toBe(true);
      // What a reader sees as text (alt text is not part of it): no chart title, no chart source line.
      const text = document.body.textContent ?? '';
      for (const line of [...titles, ...sources]) expect(text, where).not.toContain(line);
      expect(document.querySelectorAll('.chart__title, .chart__subtitle, .chart__note').length, where).toBe(0);
      // For readers that block images, the alt text is the title, then the description; after the
      // image, the link to the chart's rows.
      const images = [...document.querySelectorAll('img')];
      images.forEach((img, i) => {
        expect(img.getAttribute('alt')?.startsWith(titles[i] as string), `${where}: alt of chart ${i + 1}`).toBe(true);
        const links = [...(img.closest('figure')?.querySelectorAll('a') ?? [])];
        expect(
          links.map((a) => a.textContent),
          where,
        ).toEqual(['Download the data (CSV)']);
        expect(links[0]?.getAttribute('href'), where).toMatch(
          /^https:\/\/assay\.example\.com\/charts\/[0-9a-f]{16}\.csv$/,
        );
      });
    }
  });
});

describe('every feed in dist/', () => {
  it('is strictly well-formed (XML) or valid JSON Feed 1.1, and readable by the feed reader', () => {
    const feeds = readdirSync(path.join(site.outDir, 'topics'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .flatMap((entry) => ['rss.xml', 'atom.xml', 'feed.json'].map((name) => `topics/${entry.name}/${name}`));
    expect(feeds.length).toBeGreaterThanOrEqual(12);
    for (const file of ['rss.xml', 'atom.xml', 'feed.json', ...feeds]) {
      const text = read(file);
      if (file.endsWith('.xml')) expect(() => parseStrictXml(text), file).not.toThrow();
      const feed = readFeed(text, file);
      expect(feed.items.length, file).toBeGreaterThan(0);
      for (const item of feed.items)
        expect(distFileFor(site.outDir, item.url ?? ''), `${file}: ${item.url}`).toBeDefined();
    }
  });
});
