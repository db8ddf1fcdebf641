/**
 * Site search end to end: build the sample site, index it with Pagefind as `npm run build`
 * does, serve dist/ statically and type a query in a real browser.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuiltSite, buildSite, PROJECT_ROOT, removeSite } from '../helpers/build-site.ts';
import { launchChromium } from '../helpers/chromium.ts';
import { type StaticServer, serveDirectory } from '../helpers/static-server.ts';

const PAGEFIND = path.join(PROJECT_ROOT, 'node_modules/pagefind/lib/runner/bin.cjs');
const AUGUST_NOTE = '/notes/china-magnet-exports-july-2025/';

let site: BuiltSite;
let server: StaticServer;
let browser: Browser;
let indexOutput = '';

beforeAll(async () => {
  site = buildSite(PROJECT_ROOT);
  if (!site.ok) throw new Error(`build failed:\n${site.output}`);
  // The same step the build script runs after `astro build`, in the project's directory, where
  // Pagefind reads its settings (pagefind.yml).
  const result = spawnSync(process.execPath, [PAGEFIND, '--site', site.outDir], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
  });
  indexOutput = `${result.stdout}\n${result.stderr}`;
  if (result.status !== 0) throw new Error(`pagefind failed:\n${indexOutput}`);
  server = await serveDirectory(site.outDir);
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (site) removeSite(site);
});

describe('search', () => {
  it('indexes only notes and events', () => {
    expect(existsSync(path.join(site.outDir, 'pagefind/pagefind-component-ui.js'))).toBe(true);
    // 3 notes and 1 event carry data-pagefind-body; lists, topics and versions do not.
    expect(indexOutput).toMatch(/Indexed 4 pages/);
  });

  it('reads only the latest note and event pages, and finds what reading every page finds', () => {
    // pagefind.yml: versions, copies and email editions repeat the latest pages' text.
    expect(indexOutput).toMatch(/Found 4 files matching/);
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
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.filter((tag) => !/type="application\/ld\+json"/.test(tag))).toEqual([
      '<script type="module" src="/pagefind/pagefind-component-ui.js">',
    ]);
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
});
