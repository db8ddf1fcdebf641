/**
 * Pagination, built for real: a site with more notes than a page holds gets /notes/page/2/
 * and on, topic lists the same, each page linked to its neighbours, and every note listed
 * exactly once across the pages, newest first.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { site as settings } from '../../src/site.config.ts';
import { type BuiltSite, buildSite, PROJECT_ROOT, removeSite } from '../helpers/build-site.ts';

const FIXTURE_CONFIG = path.join(PROJECT_ROOT, 'test/fixtures/sites/astro.fixture.mjs');
const SIZE = settings.pageSize;
/** Two full pages and part of a third, so page 2 has both neighbours. */
const COUNT = 2 * SIZE + 5;
/** Every other note is also filed under Germany: more than one page of its own. */
const inGermany = (i: number) => i % 2 === 0;

/** Note i covers month i after January 2020 and is published on the 20th of the month after. */
function month(i: number, offset = 0): string {
  const date = new Date(Date.UTC(2020, i + offset, 1));
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
}
const slug = (i: number) => `note-${String(i).padStart(3, '0')}`;

/** A throwaway site inside the project (so packages resolve) with COUNT chart-free notes. */
function paginationSite(): string {
  mkdirSync(path.join(PROJECT_ROOT, 'test/.tmp'), { recursive: true });
  const root = mkdtempSync(path.join(PROJECT_ROOT, 'test/.tmp/pagination-'));
  mkdirSync(path.join(root, 'content/notes'), { recursive: true });
  mkdirSync(path.join(root, 'content/events'), { recursive: true });
  mkdirSync(path.join(root, 'data'), { recursive: true });
  writeFileSync(path.join(root, 'astro.config.mjs'), `export { default } from ${JSON.stringify(FIXTURE_CONFIG)};\n`);
  for (let i = 0; i < COUNT; i++) {
    const topics = ['Magnets', ...(inGermany(i) ? ['Germany'] : [])];
    writeFileSync(
      path.join(root, `content/notes/${slug(i)}.mdx`),
      `---
title: Market note number ${i}
dek: A test note for month ${month(i)}.
published: ${month(i, 1)}-20
edition: ${month(i)}
authors: [Tester]
topics: [${topics.join(', ')}]
---

Note ${i} of ${COUNT}.
`,
    );
  }
  return root;
}

let root: string;
let built: BuiltSite;
const file = (url: string) => path.join(built.outDir, url, 'index.html');
const page = (url: string) => parseHTML(readFileSync(file(url), 'utf8')).document;

/** The note slugs a list page shows, in order. */
const listed = (url: string) =>
  [...page(url).querySelectorAll('.list a[href^="/notes/"]')].map(
    (a) => /^\/notes\/([^/]+)\/$/.exec(a.getAttribute('href') ?? '')?.[1] ?? a.getAttribute('href'),
  );

/** The pagination links of a list page. */
function pager(url: string): { text: string; prev: string | undefined; next: string | undefined } {
  const nav = page(url).querySelector('nav.pagination');
  return {
    text: nav?.textContent?.replace(/\s+/g, ' ').trim() ?? '',
    prev: nav?.querySelector('a[rel="prev"]')?.getAttribute('href') ?? undefined,
    next: nav?.querySelector('a[rel="next"]')?.getAttribute('href') ?? undefined,
  };
}

beforeAll(() => {
  root = paginationSite();
  built = buildSite(root, { ASSAY_ALLOW_NO_HISTORY: '1' });
  if (!built.ok) throw new Error(`build failed:\n${built.output}`);
}, 300_000);
afterAll(() => {
  if (built) removeSite(built);
  if (root) rmSync(root, { recursive: true, force: true });
});

/** Checks a paginated list at `base` holding `slugs` (newest first). */
function expectPaginated(base: string, slugs: string[]): void {
  const total = Math.ceil(slugs.length / SIZE);
  expect(total, 'the fixture needs more than one page').toBeGreaterThan(1);
  const urls = Array.from({ length: total }, (_, i) => (i === 0 ? base : `${base}page/${i + 1}/`));
  const seen: string[] = [];
  urls.forEach((url, i) => {
    expect(existsSync(file(url)), `${url} is built`).toBe(true);
    const items = listed(url);
    expect(items, url).toHaveLength(i < total - 1 ? SIZE : slugs.length - SIZE * (total - 1));
    seen.push(...(items as string[]));
    const links = pager(url);
    expect(links.text, url).toMatch(new RegExp(`^Page ${i + 1} of ${total}\\b`));
    expect(links.prev, `${url} links the newer page`).toBe(urls[i - 1]);
    expect(links.next, `${url} links the older page`).toBe(urls[i + 1]);
    expect(page(url).querySelector('link[rel="canonical"]')?.getAttribute('href'), url).toBe(`${settings.url}${url}`);
  });
  expect(seen, 'each note exactly once, newest first').toEqual(slugs);
  // No page past the last, and page 1 only at the list's own URL.
  expect(existsSync(file(`${base}page/${total + 1}/`))).toBe(false);
  expect(existsSync(file(`${base}page/1/`))).toBe(false);
}

describe(`a site with ${COUNT} notes and ${SIZE} to a page`, () => {
  const newestFirst = Array.from({ length: COUNT }, (_, i) => slug(i)).reverse();

  it('paginates the notes archive', () => {
    expectPaginated('/notes/', newestFirst);
  });

  it('paginates a topic list the same way', () => {
    expectPaginated(
      '/topics/germany/',
      newestFirst.filter((name) => inGermany(Number(name.slice('note-'.length)))),
    );
  });

  it('lists every archive page in the sitemap', () => {
    const sitemap = readFileSync(path.join(built.outDir, 'sitemap.xml'), 'utf8');
    for (const url of ['/notes/', '/notes/page/2/', '/notes/page/3/', '/topics/germany/page/2/']) {
      expect(sitemap).toContain(`<loc>${settings.url}${url}</loc>`);
    }
  });
});
