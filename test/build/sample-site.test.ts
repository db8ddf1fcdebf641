import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuiltSite, buildSite, PROJECT_ROOT, removeSite } from '../helpers/build-site.ts';

const NOTE_SLUGS = readdirSync(path.join(PROJECT_ROOT, 'content/notes'))
  .filter((file) => file.endsWith('.mdx'))
  .map((file) => file.slice(0, -4));

function page(site: BuiltSite, urlPath: string): Document {
  const file = path.join(site.outDir, urlPath, urlPath.endsWith('/') ? 'index.html' : '');
  return parseHTML(readFileSync(file, 'utf8')).document;
}

describe('the sample site, built after the summit (2026-01-15)', () => {
  let site: BuiltSite;
  beforeAll(() => {
    site = buildSite(PROJECT_ROOT, { ASSAY_BUILD_DATE: '2026-01-15' });
    if (!site.ok) throw new Error(`sample site build failed:\n${site.output}`);
  });
  afterAll(() => removeSite(site));

  it('has a page for every note', () => {
    expect(NOTE_SLUGS.length).toBeGreaterThanOrEqual(3);
    for (const slug of NOTE_SLUGS) {
      const document = page(site, `/notes/${slug}/`);
      expect(document.querySelector('h1')?.textContent?.trim().length).toBeGreaterThan(0);
    }
  });

  it('ships no script on note pages', () => {
    for (const slug of NOTE_SLUGS) {
      const html = readFileSync(path.join(site.outDir, 'notes', slug, 'index.html'), 'utf8');
      expect(html).not.toMatch(/<script\b(?![^>]*application\/ld\+json)/i);
    }
  });

  it('lists every note in the archive, grouped by edition month', () => {
    const document = page(site, '/notes/');
    const links = [...document.querySelectorAll('main a')].map((a) => a.getAttribute('href'));
    for (const slug of NOTE_SLUGS) expect(links).toContain(`/notes/${slug}/`);
    const months = [...document.querySelectorAll('main h2')].map((h) => h.textContent?.trim());
    expect(months).toEqual(['July 2025', 'June 2025', 'May 2025']);
  });

  it('has a month page per edition, a home page leading with the latest note, about and 404', () => {
    expect(existsSync(path.join(site.outDir, 'notes/2025/07/index.html'))).toBe(true);
    const home = page(site, '/');
    expect(home.querySelector('#lead-title a')?.getAttribute('href')).toBe('/notes/china-magnet-exports-july-2025/');
    expect(existsSync(path.join(site.outDir, 'about/index.html'))).toBe(true);
    expect(existsSync(path.join(site.outDir, '404.html'))).toBe(true);
  });

  it('renders quoted figures from the data, not from the prose', () => {
    const text = page(site, '/notes/china-magnet-exports-may-2025/').querySelector('main')?.textContent ?? '';
    expect(text).toContain('1,238');
  });
});
