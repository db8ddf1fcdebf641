/**
 * Site search end to end: build the sample site (the build writes the search index, see
 * src/integrations/search-index.ts), serve dist/ statically and type a query in a real browser.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { securityHeaderValues } from '../../src/integrations/headers.ts';
import { collectCspReports, openContext, SCHEMES, SCREENSHOTS, VIEWPORTS, WCAG_TAGS } from '../e2e/harness.ts';
import { type BuiltSite, buildSite, PROJECT_ROOT, removeSite } from '../helpers/build-site.ts';
import { launchChromium } from '../helpers/chromium.ts';
import { type StaticServer, serveDirectory } from '../helpers/static-server.ts';

const PAGEFIND = path.join(PROJECT_ROOT, 'node_modules/pagefind/lib/runner/bin.cjs');
const AUGUST_NOTE = '/notes/china-magnet-exports-july-2025/';
const EVENT = '/events/rare-earth-summit-toronto-2025/';

let site: BuiltSite;
let server: StaticServer;
let browser: Browser;

/** Types a query on the search page and waits for the result linking to `href`. */
async function search(page: Page, query: string, href: string) {
  await page.goto(`${server.url}search/`);
  const input = page.locator('pagefind-input input');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  // What live regions say, kept: Pagefind clears its announcements after a moment.
  await page.evaluate(() => {
    const said: string[] = [];
    Object.assign(window, { __announced: said });
    new MutationObserver(() => {
      for (const region of document.querySelectorAll('[aria-live]'))
        if (region.textContent) said.push(region.textContent);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await input.fill(query);
  const result = page.locator('pagefind-results li', { has: page.locator(`a[href="${href}"]`) });
  await result.waitFor({ state: 'visible', timeout: 15_000 });
  return result;
}

/** The date the note's own page shows as published (the `date` Pagefind reads from it). */
function publishedOnPage(url: string): string {
  const html = readFileSync(path.join(site.outDir, url, 'index.html'), 'utf8');
  const date = html.match(/<time datetime="[^"]+" data-pagefind-meta="date">([^<]+)<\/time>/)?.[1];
  if (!date) throw new Error(`${url} has no published date marked for search`);
  return date;
}

beforeAll(async () => {
  site = buildSite(PROJECT_ROOT);
  if (!site.ok) throw new Error(`build failed:\n${site.output}`);
  // Served with the site's own headers, CSP included, as a host serves it.
  server = await serveDirectory(site.outDir, securityHeaderValues());
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (site) removeSite(site);
});

describe('search', () => {
  it('is built by the build, over notes and events only', () => {
    expect(existsSync(path.join(site.outDir, 'pagefind/pagefind-component-ui.js'))).toBe(true);
    // 3 notes and 1 event, their latest pages only: versions, copies and email editions repeat
    // their text, and lists, topics and versions carry no data-pagefind-body.
    // Pagefind runs, or the index of an earlier build of the same pages is reused (the next test
    // checks the index either way).
    expect(site.output).toMatch(
      /search index: (4 pages indexed by Pagefind, of 4 latest note and event pages read|the same 4 latest note and event pages as a build before; its index reused)/,
    );
  });

  it("is the index Pagefind makes reading every page itself: charts' drawings and tables left out", () => {
    // Search finds a chart by its title, description and source, not by its axis ticks or cells.
    const note = readFileSync(path.join(site.outDir, AUGUST_NOTE, 'index.html'), 'utf8');
    expect(note).toContain('<div class="chart__graphic" data-pagefind-ignore="all">');
    expect(note).toContain('<details class="chart__data" data-pagefind-ignore="all">');
    const everyPage = mkdtempSync(path.join(tmpdir(), 'assay-pagefind-'));
    try {
      const result = spawnSync(
        process.execPath,
        [PAGEFIND, '--site', site.outDir, '--glob', '**/*.{html}', '--output-path', everyPage],
        { cwd: tmpdir(), encoding: 'utf8' },
      );
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/Found (\d{2,}) files matching/);
      // The same index, byte for byte: the same results for every query.
      const bundle = path.join(site.outDir, 'pagefind');
      const files = (dir: string) =>
        readdirSync(dir, { recursive: true, withFileTypes: true })
          .filter((entry) => entry.isFile())
          .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
          .sort();
      expect(files(bundle)).toEqual(files(everyPage));
      for (const file of files(bundle))
        expect(readFileSync(path.join(bundle, file)).equals(readFileSync(path.join(everyPage, file))), file).toBe(true);
    } finally {
      rmSync(everyPage, { recursive: true, force: true });
    }
  });

  it('is the only page with JavaScript, and has no inline script', () => {
    const html = readFileSync(path.join(site.outDir, 'search/index.html'), 'utf8');
    const scripts = (html.match(/<script\b[^>]*>/g) ?? []).filter((tag) => !/type="application\/ld\+json"/.test(tag));
    // Pagefind's Component UI, and the bundled module that draws each result (src/search/results.ts).
    expect(scripts).toHaveLength(2);
    expect(scripts[0]).toBe('<script type="module" src="/pagefind/pagefind-component-ui.js">');
    expect(scripts[1]).toMatch(/^<script type="module" src="\/_astro\/[^"]+\.js">$/);
    const note = readFileSync(path.join(site.outDir, `${AUGUST_NOTE}index.html`), 'utf8');
    expect(note.match(/<script\b(?![^>]*application\/ld\+json)[^>]*>/g) ?? []).toEqual([]);
  });

  it('finds "Germany" in the August note from dist/ served statically', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${server.url}search/`);
    const input = page.locator('pagefind-input input');
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    await input.fill('Germany');
    const result = page.locator(`pagefind-results a[href*="${AUGUST_NOTE}"]`).first();
    await result.waitFor({ state: 'visible', timeout: 15_000 });
    expect(await result.textContent()).toMatch(/July[’']s magnet exports/);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('finds notes by words in chart titles', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}search/`);
    const input = page.locator('pagefind-input input');
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    // "V-shaped" appears only in the title of the August note's first chart.
    await input.fill('V-shaped');
    await page
      .locator(`pagefind-results a[href*="${AUGUST_NOTE}"]`)
      .first()
      .waitFor({ state: 'visible', timeout: 15_000 });
    await page.close();
  }, 60_000);

  it('shows each result with its kind, date, linked title and a snippet that starts a sentence', async () => {
    const page = await browser.newPage();
    const result = await search(page, 'Germany', AUGUST_NOTE);
    const date = publishedOnPage(AUGUST_NOTE);
    expect(date).toMatch(/^\d{1,2} [A-Z][a-z]+ \d{4}$/);
    expect(await result.locator('.search-result__type').textContent()).toBe('Note');
    expect(await result.locator('.search-result__date').textContent()).toBe(date);
    expect(await result.locator('h2 a').textContent()).toMatch(/July[’']s magnet exports/);
    const snippet = (await result.locator('.search-result__snippet').textContent()) ?? '';
    expect(snippet).toMatch(/^[A-Z]/);
    expect(await result.locator('.search-result__snippet mark').allTextContents()).toContain('Germany');
    // Where the snippet starts in the text Pagefind indexed: the page's start or just after a
    // sentence's end (Pagefind's own excerpt here begins "customs do not give them…").
    // (A string, so that the test runner leaves the browser's import() alone.)
    const args = JSON.stringify({ start: snippet.split(' ').slice(0, 6).join(' '), url: AUGUST_NOTE });
    const before: string | null = await page.evaluate(`(async ({ start, url }) => {
      const pagefind = await import('/pagefind/pagefind.js');
      const found = await pagefind.search('Germany');
      for (const hit of found.results) {
        const data = await hit.data();
        if (data.url !== url) continue;
        const at = data.content.indexOf(start);
        return at < 0 ? null : data.content.slice(Math.max(0, at - 12), at);
      }
      return null;
    })(${args})`);
    expect(before, 'the snippet is text of the page').not.toBeNull();
    expect(before).toMatch(/(^|[.!?…]["'’”)\]]*\s+)$/);
    await page.close();
  }, 60_000);

  it('shows an event as an Event with its dates, without the time zone the event page adds', async () => {
    const page = await browser.newPage();
    const result = await search(page, 'Toronto', EVENT);
    expect(await result.locator('.search-result__type').textContent()).toBe('Event');
    // The page says "22–24 September 2025, Toronto time (EDT)"; a result needs only the days.
    expect(await result.locator('.search-result__date').textContent()).toBe('22–24 September 2025');
    expect(await result.locator('.search-result__snippet').textContent()).toMatch(/^[A-Z0-9]/);
    await page.close();
  }, 60_000);

  it('draws no stray characters: no "#" and no section chips around results', async () => {
    const page = await browser.newPage();
    await search(page, 'Germany', AUGUST_NOTE);
    const results = page.locator('pagefind-results');
    expect(await results.textContent()).not.toContain('#');
    expect(await results.locator('.pf-heading-chip, .pf-heading-link').count()).toBe(0);
    // Generated content (Pagefind's theme draws "#" before section links with ::before).
    const generated = await results.evaluate((root) =>
      [...root.querySelectorAll('*')].flatMap((node) =>
        ['::before', '::after']
          .map((pseudo) => getComputedStyle(node, pseudo).content)
          .filter((content) => !['none', 'normal', '""'].includes(content)),
      ),
    );
    expect(generated).toEqual([]);
    await page.close();
  }, 60_000);

  it('puts the count below the box with space around it, and announces it', async () => {
    const page = await browser.newPage();
    await search(page, 'Germany', AUGUST_NOTE);
    const summary = page.locator('pagefind-summary');
    await expect.poll(() => summary.textContent()).toBe('1 result for Germany');
    const box = await page.locator('pagefind-input input').boundingBox();
    const count = await summary.locator('.pf-summary').boundingBox();
    const first = await page.locator('pagefind-results li').first().boundingBox();
    if (!box || !count || !first) throw new Error('search box, count or result not laid out');
    expect(count.y - (box.y + box.height)).toBeGreaterThanOrEqual(10);
    expect(first.y - (count.y + count.height)).toBeGreaterThanOrEqual(4);
    // Pagefind's live region says the count to screen readers.
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { __announced: string[] }).__announced))
      .toContain('1 result for Germany');
    await page.close();
  }, 60_000);

  it('reads well at 360 and 1280 px in both schemes: no axe violations, no CSP reports, no sideways scroll', async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    for (const viewport of VIEWPORTS) {
      for (const scheme of SCHEMES) {
        const { context, page, problems } = await openContext(browser, server.url, viewport, scheme);
        await search(page, 'Germany', AUGUST_NOTE);
        await page.locator('.search-result__snippet').first().waitFor();
        await page.screenshot({
          path: path.join(SCREENSHOTS, `search-results-${viewport.name}-${scheme}.png`),
          fullPage: true,
        });
        const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
        expect(
          violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
          `${viewport.name} ${scheme}`,
        ).toEqual([]);
        await collectCspReports(page, problems);
        expect(problems.cspViolations, `${viewport.name} ${scheme}`).toEqual([]);
        expect(problems.consoleErrors, `${viewport.name} ${scheme}`).toEqual([]);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${viewport.name} ${scheme}`).toBeLessThanOrEqual(0);
        await context.close();
      }
    }
  }, 120_000);
});
