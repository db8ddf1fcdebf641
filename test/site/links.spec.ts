import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { beforeAll, describe, expect, it } from 'vitest';
import { site } from '../../src/site.config.ts';
import { DIST, distFiles, fileForPath, htmlPages, readDist } from './dist.ts';
import { cssReferences, pageReferences, type Reference, resolveTarget } from './references.ts';

/** `_redirects` sources (Netlify/Cloudflare format): a link to one of them still works. */
function redirectSources(): Map<string, string> {
  const file = path.join(DIST, '_redirects');
  const map = new Map<string, string>();
  if (!existsSync(file)) return map;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const [from, to] = line.trim().split(/\s+/);
    if (from && to && !from.startsWith('#')) map.set(from, to);
  }
  return map;
}

const idCache = new Map<string, Set<string>>();
/** ids (and legacy `a[name]`s) a fragment can point at in a dist HTML file. */
function anchorsOf(file: string): Set<string> {
  let ids = idCache.get(file);
  if (!ids) {
    const { document } = parseHTML(readDist(file));
    ids = new Set<string>();
    for (const el of document.querySelectorAll('[id]')) ids.add(el.getAttribute('id') ?? '');
    for (const el of document.querySelectorAll('a[name]')) ids.add(el.getAttribute('name') ?? '');
    idCache.set(file, ids);
  }
  return ids;
}

/** Why a reference from `pageUrl` is broken, or undefined when it resolves. */
function problem(ref: Reference, pageUrl: string, redirects: Map<string, string>): string | undefined {
  const target = resolveTarget(ref.raw, pageUrl);
  if (target.type === 'javascript') return 'javascript: URL';
  if (target.type !== 'internal') return undefined;
  let file = fileForPath(target.path);
  if (!file) {
    const to = redirects.get(target.path) ?? redirects.get(target.path.replace(/\/$/, ''));
    if (to === undefined) {
      const hint = fileForPath(`${target.path}/`) ? ` (missing trailing slash: ${target.path}/)` : '';
      return `not found in dist/${hint}`;
    }
    file = fileForPath(new URL(to, site.url).pathname);
    if (!file) return `redirects to ${to}, which is not in dist/`;
  }
  // Empty and text-directive fragments (`#`, `#top`, `#:~:text=`) need no element.
  const fragment = target.fragment;
  if (fragment && fragment !== 'top' && !fragment.startsWith(':~:') && file.endsWith('.html')) {
    if (!anchorsOf(file).has(fragment)) return `no element with id="${fragment}" in ${file}`;
  }
  return undefined;
}

/** Absolute same-site URLs in text (feeds, calendars, JSON-LD): permalinks readers follow. */
function siteUrlsIn(text: string): Reference[] {
  const host = new URL(site.url).host.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`(?:https?|webcal)://${host}(?:/[^\\s"'<>\\\\)]*)?`, 'g');
  // Calendar lines are folded at 75 octets; feeds carry HTML escaped (sometimes twice) as text.
  let plain = text.replace(/\r?\n[ \t]/g, '');
  for (let pass = 0; pass < 3 && /&(?:amp|quot|lt|gt|#39|apos);/.test(plain); pass += 1) plain = decodeEntities(plain);
  return [...plain.matchAll(pattern)].map((match) => ({
    from: 'absolute site URL',
    raw: match[0].replace(/[.,;]$/, ''),
    loaded: false,
  }));
}

function decodeEntities(text: string): string {
  const named: Record<string, string> = { amp: '&', quot: '"', lt: '<', gt: '>', apos: "'", '#39': "'" };
  return text.replace(/&(amp|quot|lt|gt|apos|#39);/g, (_, name: string) => named[name] ?? '');
}

/** Broken references grouped by what is broken, so one missing page reads as one line. */
class BrokenList {
  readonly #found = new Map<string, string[]>();
  add(where: string, what: string): void {
    const list = this.#found.get(what) ?? [];
    if (!list.includes(where)) list.push(where);
    this.#found.set(what, list);
  }
  lines(): string[] {
    return [...this.#found].map(([what, where]) => {
      const sample = where.slice(0, 3).join(', ');
      return `${what}: on ${where.length === 1 ? sample : `${where.length} files (${sample}${where.length > 3 ? ', …' : ''})`}`;
    });
  }
}

describe('no broken links in dist/', () => {
  let redirects: Map<string, string>;
  beforeAll(() => {
    redirects = redirectSources();
  });

  it('resolves every internal link, #fragment, image, stylesheet, CSV, ICS and PNG on every page', () => {
    const pages = htmlPages();
    expect(pages.length).toBeGreaterThan(0);
    const broken = new BrokenList();
    let checked = 0;
    for (const page of pages) {
      const { document } = parseHTML(readDist(page.file));
      const refs = pageReferences(document);
      for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
        refs.push(...siteUrlsIn(script.textContent ?? '').map((ref) => ({ ...ref, from: 'JSON-LD' })));
      }
      for (const ref of refs) {
        checked += 1;
        const why = problem(ref, page.url, redirects);
        if (why) broken.add(page.url, `${ref.from} "${ref.raw}" ${why}`);
      }
    }
    expect(checked).toBeGreaterThan(pages.length);
    expect(broken.lines()).toEqual([]);
  });

  it('resolves every url() and @import in the stylesheets', () => {
    const broken: string[] = [];
    for (const file of distFiles().filter((name) => name.endsWith('.css'))) {
      for (const ref of cssReferences(readDist(file))) {
        const why = problem(ref, `/${file}`, redirects);
        if (why) broken.push(`/${file}: ${ref.from} "${ref.raw}": ${why}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('resolves every same-site URL in feeds, calendars, sitemaps and _redirects', () => {
    const files = distFiles().filter((name) => /\.(?:xml|json|ics|txt)$/.test(name) && !name.startsWith('pagefind/'));
    const broken = new BrokenList();
    for (const file of files) {
      for (const ref of siteUrlsIn(readDist(file))) {
        const why = problem(ref, `/${file}`, redirects);
        if (why) broken.add(`/${file}`, `"${ref.raw}" ${why}`);
      }
    }
    for (const [from, to] of redirects) {
      if (!/^https?:/.test(to) && !fileForPath(new URL(to, site.url).pathname)) {
        broken.add('_redirects', `${from} -> ${to}: target not in dist/`);
      }
    }
    expect(broken.lines()).toEqual([]);
  });
});
