import { statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DIST, distFiles, fileForPath, type Page, parsePage, readablePages, readDist } from './dist.ts';
import { faceIsUsed, fontFaces } from './fonts.ts';
import { cssReferences, pageReferences, resolveTarget } from './references.ts';

const KB = 1024;
/** A note page's HTML plus its stylesheets, gzipped (issue 7: under 100 KB with three charts). */
const NOTE_BUDGET = 100 * KB;
/** Distinct font files a note page may make the browser download. */
const MAX_NOTE_FONT_FILES = 2;

const isJsonLd = (script: Element) =>
  (script.getAttribute('type') ?? '').trim().toLowerCase() === 'application/ld+json';

/** The JavaScript a page ships: inline script bytes and script files it loads, in bytes. */
function javascriptOf(page: Page): { bytes: number; what: string[] } {
  const document = parsePage(page.file);
  let bytes = 0;
  const what: string[] = [];
  for (const script of document.querySelectorAll('script')) {
    if (isJsonLd(script)) continue;
    const src = script.getAttribute('src');
    if (src) {
      const target = resolveTarget(src, page.url);
      const file = target.type === 'internal' ? fileForPath(target.path) : undefined;
      bytes += file ? statSync(path.join(DIST, file)).size : 1;
      what.push(`<script src="${src}">`);
    } else {
      bytes += Buffer.byteLength(script.textContent ?? '');
      what.push(`inline <script> (${Buffer.byteLength(script.textContent ?? '')} bytes)`);
    }
  }
  for (const link of document.querySelectorAll('link[rel~="modulepreload"], link[rel~="preload"][as="script"]')) {
    what.push(`<link rel="${link.getAttribute('rel')}" href="${link.getAttribute('href')}">`);
    bytes += 1;
  }
  return { bytes, what };
}

/** Stylesheet files a page links, as dist-relative paths. */
function stylesheetsOf(page: Page): string[] {
  const document = parsePage(page.file);
  return [...document.querySelectorAll('link[rel~="stylesheet"][href]')].flatMap((link) => {
    const target = resolveTarget(link.getAttribute('href') ?? '', page.url);
    const file = target.type === 'internal' ? fileForPath(target.path) : undefined;
    return file ? [file] : [];
  });
}

const gzipped = (text: string) => gzipSync(text, { level: 9 }).length;
const notePages = () => readablePages().filter((page) => page.kind === 'note' || page.kind === 'version');

describe('page-weight budgets', () => {
  it('ships 0 bytes of JavaScript on every page but search (JSON-LD is data, not script)', () => {
    const offenders = readablePages()
      .filter((page) => page.kind !== 'search')
      .flatMap((page) => {
        const { bytes, what } = javascriptOf(page);
        return bytes > 0 ? [`${page.url} (${page.kind}): ${what.join(', ')}`] : [];
      });
    expect(offenders).toEqual([]);
  });

  it('keeps every note page under 100 KB of HTML+CSS, gzipped', () => {
    const notes = notePages();
    expect(notes.length, 'no note pages found under dist/notes/<slug>/').toBeGreaterThan(0);
    const over: string[] = [];
    for (const page of notes) {
      const html = gzipped(readDist(page.file));
      const css = stylesheetsOf(page).reduce((sum, file) => sum + gzipped(readDist(file)), 0);
      const charts = (readDist(page.file).match(/<figure class="chart\b/g) ?? []).length;
      if (html + css >= NOTE_BUDGET) {
        over.push(
          `${page.url}: ${((html + css) / KB).toFixed(1)} KB (HTML ${(html / KB).toFixed(1)}, CSS ${(css / KB).toFixed(1)}, ${charts} charts)`,
        );
      }
    }
    expect(over).toEqual([]);
  });

  it('self-hosts every font as woff2 in dist/', () => {
    const bad: string[] = [];
    for (const file of distFiles().filter((name) => name.endsWith('.css'))) {
      for (const face of fontFaces(readDist(file))) {
        for (const url of face.urls) {
          const target = resolveTarget(url, `/${file}`);
          if (target.type !== 'internal') bad.push(`${file}: ${face.family} from ${url} (not self-hosted)`);
          else if (!target.path.endsWith('.woff2')) bad.push(`${file}: ${face.family} from ${url} (not woff2)`);
          else if (!fileForPath(target.path)) bad.push(`${file}: ${face.family} from ${url} (not in dist/)`);
        }
      }
    }
    expect(bad).toEqual([]);
  });

  it('needs at most two font files to draw any note page (subset faces by unicode-range)', () => {
    const over: string[] = [];
    for (const page of notePages()) {
      const text = parsePage(page.file).body?.textContent ?? '';
      const codePoints = new Set([...text].map((char) => char.codePointAt(0) ?? 0));
      const used = new Set<string>();
      for (const sheet of stylesheetsOf(page)) {
        for (const face of fontFaces(readDist(sheet))) {
          if (faceIsUsed(face, codePoints)) for (const url of face.urls.slice(0, 1)) used.add(url);
        }
      }
      if (used.size > MAX_NOTE_FONT_FILES) over.push(`${page.url}: ${[...used].join(', ')}`);
    }
    expect(over).toEqual([]);
  });

  it('loads nothing from third parties: every resource a page or stylesheet loads is on the site', () => {
    const thirdParty: string[] = [];
    for (const page of readablePages()) {
      for (const ref of pageReferences(parsePage(page.file)).filter((r) => r.loaded)) {
        const target = resolveTarget(ref.raw, page.url);
        if (target.type === 'external' || target.type === 'other-scheme')
          thirdParty.push(`${page.url}: ${ref.from} ${ref.raw}`);
      }
    }
    for (const file of distFiles().filter((name) => name.endsWith('.css'))) {
      for (const ref of cssReferences(readDist(file))) {
        const target = resolveTarget(ref.raw, `/${file}`);
        if (target.type === 'external' || target.type === 'other-scheme')
          thirdParty.push(`/${file}: ${ref.from} ${ref.raw}`);
      }
    }
    expect(thirdParty).toEqual([]);
  });
});
