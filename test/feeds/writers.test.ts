/**
 * The RSS and Atom writers given hostile text: every feed must parse with a conforming XML
 * parser (saxes), and every value must come back as the text the author wrote, never markup.
 */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { atomFeed } from '../../src/feeds/atom.ts';
import type { FeedModel } from '../../src/feeds/feed-model.ts';
import { absolutizeHtml } from '../../src/feeds/html.ts';
import { rssFeed } from '../../src/feeds/rss.ts';
import { xmlChars } from '../../src/feeds/xml.ts';
import { elements, parseStrictXml, textOf } from './strict-xml.ts';

const SCRIPT = '<script>alert(1)</script>';
const BREAKER = '"><img src=x onerror=alert(1)>';
/** Every kind of payload at once: markup, attribute breakers, CDATA end, entities, bidi, zero-width, a control. */
const hostile = (label: string) => `${label} ${SCRIPT} ${BREAKER} ' ]]> &amp; R&D <b> \u202eevil\u202c \u200b 1e3`;
const CONTROL = '\u0001\u000b\ufffe';

const model: FeedModel = {
  title: hostile('feed title'),
  description: hostile('feed description'),
  homeUrl: 'https://assay.example.com/topics/r-d-b/',
  links: [
    { format: 'rss', href: 'https://assay.example.com/topics/r-d-b/rss.xml', title: 't', type: 'application/rss+xml' },
    {
      format: 'atom',
      href: 'https://assay.example.com/topics/r-d-b/atom.xml',
      title: 't',
      type: 'application/atom+xml',
    },
  ],
  language: 'en-GB',
  updated: new Date('2025-06-20T00:00:00Z'),
  entries: [
    {
      id: 'https://assay.example.com/notes/x/',
      url: 'https://assay.example.com/notes/x/?a=1&b=2',
      title: hostile('title') + CONTROL,
      summary: hostile('dek'),
      contentHtml: `<p>${'a ]]> b &amp; c'}</p>`,
      published: new Date('2025-06-20T00:00:00Z'),
      updated: new Date('2025-06-21T00:00:00Z'),
      authors: [hostile('author'), "Tom O'Brien", '1e3'],
      categories: [{ name: hostile('topic'), slug: 'r-d-b', url: 'https://assay.example.com/topics/r-d-b/' }],
      image: 'https://assay.example.com/og/notes/x.png',
    },
  ],
};

/** What a reader shows for HTML: the text of the markup. */
const htmlText = (html: string) =>
  parseHTML(`<!doctype html><html><body>${html}</body></html>`).document.body.textContent;

describe('RSS', () => {
  const rss = parseStrictXml(rssFeed(model));
  const item = elements(rss, 'item')[0];
  it('parses strictly, and titles, authors and categories are the plain text written', () => {
    expect(textOf(elements(rss, 'title')[0])).toBe(model.title);
    expect(textOf(item && elements(item, 'title')[0])).toBe(xmlChars(model.entries[0]?.title ?? ''));
    expect(elements(rss, 'dc:creator').map(textOf)).toEqual(model.entries[0]?.authors);
    expect(elements(rss, 'category').map(textOf)).toEqual([hostile('topic')]);
    expect(textOf(elements(rss, 'link')[1])).toBe('https://assay.example.com/notes/x/?a=1&b=2');
  });
  it('descriptions are HTML a reader shows as the text written, with no element in them', () => {
    for (const [description, expected] of [
      [elements(rss, 'description')[0], model.description],
      [item && elements(item, 'description')[0], hostile('dek')],
    ] as const) {
      const html = textOf(description);
      expect(htmlText(html)).toBe(expected);
      expect(
        parseHTML(`<!doctype html><html><body>${html}</body></html>`).document.body.querySelectorAll('*'),
      ).toHaveLength(0);
    }
  });
  it('the body is the HTML given', () => {
    expect(textOf(elements(rss, 'content:encoded')[0])).toBe('<p>a ]]> b &amp; c</p>');
  });
});

describe('Atom', () => {
  const atom = parseStrictXml(atomFeed(model));
  it('parses strictly, with a category label that is the topic exactly', () => {
    const category = elements(atom, 'category')[0];
    expect(category?.attributes).toMatchObject({ label: hostile('topic'), term: 'r-d-b' });
    expect(atom.attributes).toMatchObject({ xmlns: 'http://www.w3.org/2005/Atom', 'xml:lang': 'en-GB' });
  });
  it('titles and summaries are text, authors are names, the body is HTML', () => {
    const titles = elements(atom, 'title');
    expect(titles.map((title) => title.attributes.type)).toEqual(['text', 'text']);
    expect(titles.map(textOf)).toEqual([model.title, xmlChars(model.entries[0]?.title ?? '')]);
    expect(textOf(elements(atom, 'summary')[0])).toBe(hostile('dek'));
    expect(textOf(elements(atom, 'subtitle')[0])).toBe(model.description);
    expect(elements(atom, 'name').map(textOf)).toEqual([
      'Assay Rare Earths Research',
      ...(model.entries[0]?.authors ?? []),
    ]);
    const content = elements(atom, 'content')[0];
    expect(content?.attributes.type).toBe('html');
    expect(textOf(content)).toBe('<p>a ]]> b &amp; c</p>');
    expect(elements(atom, 'link').map((link) => link.attributes.href)).toContain(
      'https://assay.example.com/notes/x/?a=1&b=2',
    );
  });
});

describe('XML characters', () => {
  it('drops only what XML 1.0 cannot carry: controls, U+FFFE/U+FFFF, lone surrogates', () => {
    expect(xmlChars('a\u0000b\u0008c\td\ne\rf\u000bg\ufffeh\ud800i\udc00j😀k\u202el\u200bm')).toBe(
      'abc\td\ne\rfghij😀k\u202el\u200bm',
    );
  });
});

describe('feed content', () => {
  it('keeps web and mail links and drops links that would run code', () => {
    const html = absolutizeHtml(
      '<a href="javascript:alert(1)">a</a><a href=" JAVASCRIPT:alert(1)">b</a><a href="mailto:x@example.com">c</a><img src="data:image/svg+xml,<svg onload=alert(1)>"><a href="/notes/">d</a>',
      'https://assay.example.com/notes/x/',
    );
    expect(html).toBe(
      '<a>a</a><a>b</a><a href="mailto:x@example.com">c</a><img><a href="https://assay.example.com/notes/">d</a>',
    );
  });
});
