/** Pure pieces of feeds, previews and the archive: no build needed. */
import { describe, expect, it, vi } from 'vitest';

vi.mock('astro:content', () => ({
  getCollection: async () => [],
  getEntry: async () => undefined,
  render: async () => ({}),
}));

import { noteJsonLd } from '../../src/components/seo/json-ld.ts';
import { absolutizeHtml } from '../../src/feeds/html.ts';
import { noteCategories, noteUpdated } from '../../src/feeds/note-meta.ts';
import { paginate } from '../../src/feeds/paginate.ts';
import { feedLinks } from '../../src/feeds/settings.ts';
import { readPageHead, sitemapEntry, sitemapXml } from '../../src/feeds/sitemap.ts';
import { topicIndex } from '../../src/feeds/topics.ts';
import { withUtm } from '../../src/feeds/urls.ts';
import { serializeJsonLd } from '../../src/lib/escape.ts';
import { isSearchablePath } from '../../src/search/scope.ts';

const note = (over: Partial<Parameters<typeof noteJsonLd>[0]['data']> = {}, id = 'x-note') => ({
  id,
  data: {
    title: 'Exports fell',
    dek: 'A dek.',
    published: new Date('2025-06-20T00:00:00Z'),
    edition: '2025-05',
    authors: ['Jane Analyst'],
    topics: ['magnets', 'Export controls'],
    updates: [] as { date: Date; summary: string }[],
    ...over,
  },
});

describe('JSON-LD', () => {
  it('escapes < so no value can close the script element, and still parses', () => {
    const hostile = { headline: '</script><script>alert(1)</script> <!-- & \u2028' };
    const text = serializeJsonLd(hostile);
    expect(text).not.toMatch(/[<>&\u2028]/);
    expect(text).toContain('\\u003c/script\\u003e');
    expect(JSON.parse(text)).toEqual(hostile);
  });

  it('describes a note as an Article (Report) with dates, authors, publisher and image', () => {
    const ld = noteJsonLd(note({ updates: [{ date: new Date('2025-07-01T00:00:00Z'), summary: 'Fixed' }] }));
    expect(ld).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'Article',
      additionalType: 'https://schema.org/Report',
      headline: 'Exports fell',
      url: 'https://assay.example.com/notes/x-note/',
      datePublished: '2025-06-20T00:00:00.000Z',
      dateModified: '2025-07-01T00:00:00.000Z',
      author: [{ '@type': 'Person', name: 'Jane Analyst' }],
      publisher: { '@type': 'Organization', name: 'Assay Rare Earths Research' },
      image: { url: 'https://assay.example.com/og/notes/x-note.png', width: 1200, height: 630 },
    });
  });
});

describe('note facts', () => {
  it('updated is the newest update entry, else the publication date', () => {
    expect(noteUpdated(note()).toISOString()).toBe('2025-06-20T00:00:00.000Z');
    const updates = [
      { date: new Date('2025-08-01T00:00:00Z'), summary: 'b' },
      { date: new Date('2025-07-01T00:00:00Z'), summary: 'a' },
    ];
    expect(noteUpdated(note({ updates })).toISOString()).toBe('2025-08-01T00:00:00.000Z');
  });

  it('topics become categories with names, slugs and absolute topic URLs, duplicates merged', () => {
    expect(noteCategories(note({ topics: ['export controls', 'Export Controls', 'Germany'] }))).toEqual([
      { name: 'Export controls', slug: 'export-controls', url: 'https://assay.example.com/topics/export-controls/' },
      { name: 'Germany', slug: 'germany', url: 'https://assay.example.com/topics/germany/' },
    ]);
  });
});

describe('topics and pagination', () => {
  it('indexes topics by slug, sorted by name, keeping note order', () => {
    const a = note({ topics: ['magnets', 'Germany'] }, 'a');
    const b = note({ topics: ['Magnets'] }, 'b');
    const topics = topicIndex([a, b]);
    expect(topics.map((t) => [t.slug, t.name, t.notes.map((n) => n.id)])).toEqual([
      ['germany', 'Germany', ['a']],
      ['magnets', 'Magnets', ['a', 'b']],
    ]);
  });

  it('paginates with page 1 at the list URL', () => {
    const pages = paginate([1, 2, 3, 4, 5], 2, '/notes/');
    expect(pages.map((p) => [p.url, p.items, p.prev, p.next])).toEqual([
      ['/notes/', [1, 2], undefined, '/notes/page/2/'],
      ['/notes/page/2/', [3, 4], '/notes/', '/notes/page/3/'],
      ['/notes/page/3/', [5], '/notes/page/2/', undefined],
    ]);
    expect(paginate([], 20, '/topics/x/')).toHaveLength(1);
    expect(() => paginate([1], 0, '/')).toThrow(/page size/);
  });
});

describe('URLs', () => {
  const utm = { utm_source: 'newsletter', utm_medium: 'email' };
  it('adds UTM parameters to site links only, keeping an editor’s own', () => {
    expect(withUtm('https://assay.example.com/notes/x/#sources', utm)).toBe(
      'https://assay.example.com/notes/x/?utm_source=newsletter&utm_medium=email#sources',
    );
    expect(withUtm('https://assay.example.com/?utm_source=x', utm)).toBe(
      'https://assay.example.com/?utm_source=x&utm_medium=email',
    );
    expect(withUtm('https://example.org/a', utm)).toBe('https://example.org/a');
  });

  it('makes every URL in a fragment absolute against its page and drops scripts', () => {
    const html = absolutizeHtml(
      '<p><a href="/notes/">All</a> <a href="#s">Here</a> <img src="../c.png" srcset="/a.png 1x, b.png 2x"><script>x()</script></p>',
      'https://assay.example.com/notes/x/',
    );
    expect(html).toBe(
      '<p><a href="https://assay.example.com/notes/">All</a> <a href="https://assay.example.com/notes/x/#s">Here</a> <img src="https://assay.example.com/notes/c.png" srcset="https://assay.example.com/a.png 1x, https://assay.example.com/notes/x/b.png 2x"></p>',
    );
  });

  it('feed links are absolute with the right types', () => {
    expect(feedLinks('/topics/germany/', 'T').map((f) => [f.type, f.href])).toEqual([
      ['application/rss+xml', 'https://assay.example.com/topics/germany/rss.xml'],
      ['application/atom+xml', 'https://assay.example.com/topics/germany/atom.xml'],
      ['application/feed+json', 'https://assay.example.com/topics/germany/feed.json'],
    ]);
  });
});

describe('sitemap', () => {
  const head = (tags: string) =>
    `<html><head>${tags}</head><body><meta property="article:modified_time" content="1999-01-01"></body></html>`;
  it('takes lastmod from the page, and leaves out noindex and non-canonical pages', () => {
    const page = 'https://assay.example.com/notes/x/';
    const modified = '<meta property="article:modified_time" content="2025-07-01T00:00:00.000Z">';
    expect(sitemapEntry(page, readPageHead(head(`<link rel="canonical" href="${page}">${modified}`)))).toEqual({
      loc: page,
      lastmod: '2025-07-01',
    });
    expect(sitemapEntry(page, readPageHead(head('<meta name="robots" content="noindex">')))).toBeUndefined();
    expect(sitemapEntry(`${page}v1/`, readPageHead(head(`<link rel="canonical" href="${page}">`)))).toBeUndefined();
    // Only the head counts: a modified time in the body is content, not metadata.
    expect(sitemapEntry(page, readPageHead(head('')))).toEqual({ loc: page });
  });

  it('writes sorted, escaped URLs', () => {
    const xml = sitemapXml([
      { loc: 'https://a.example/b?x=1&y=2' },
      { loc: 'https://a.example/a', lastmod: '2025-01-01' },
    ]);
    expect(xml).toContain(
      '<url><loc>https://a.example/a</loc><lastmod>2025-01-01</lastmod></url>\n  <url><loc>https://a.example/b?x=1&amp;y=2</loc></url>',
    );
  });
});

describe('search scope', () => {
  it('covers notes and events, not lists or versions', () => {
    for (const path of ['/notes/x/', '/events/toronto-2025/']) expect(isSearchablePath(path), path).toBe(true);
    for (const path of [
      '/notes/',
      '/notes/page/',
      '/notes/2025/',
      '/notes/2025/07/',
      '/notes/x/v1/',
      '/events/',
      '/topics/x/',
      '/search/',
    ]) {
      expect(isSearchablePath(path), path).toBe(false);
    }
  });
});
