/**
 * Provenance pages in the browser (issue 16): a latest page with a "Revised since publication"
 * notice under its chart, the change log and a version's differences page, each at 360 and
 * 1280 px, light and dark. The sample site has no data revision, so a fixture site is built
 * from a scripted git history: a note, a second note showing the same May row, then a
 * correction of May with an `updates` entry on the first note only. The first note gets a v2
 * and a diff page; the second keeps its published figures and shows the notice.
 */
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { securityHeaderValues } from '../../src/integrations/headers.ts';
import { type BuiltSite, buildSite, PROJECT_ROOT, removeSite } from '../helpers/build-site.ts';
import { type StaticServer, serveDirectory } from '../helpers/static-server.ts';
import { exportsCsv as csv, EXPORTS_META, noteText, ScriptedRepo } from '../versions/scripted-repo.ts';
import { launchChromium, openContext, SCHEMES, SCREENSHOTS, VIEWPORTS, WCAG_TAGS } from './harness.ts';

const SCRATCH = path.join(PROJECT_ROOT, 'test/.tmp');
const FIXTURE_CONFIG = path.join(PROJECT_ROOT, 'test/fixtures/sites/astro.fixture.mjs');

/** The test dataset's metadata with its as-of date, row key and revisions as they stood at a commit. */
const meta = (asOf: string, revisions: [string, string][] = []) =>
  EXPORTS_META.replace(
    'columns:',
    `asOf: ${asOf}\nkey: [month]\n${revisions.length > 0 ? `revisions:\n${revisions.map(([date, summary]) => `  - { date: ${date}, summary: "${summary}" }`).join('\n')}\n` : ''}columns:`,
  );
const CHART = '<Chart data="exports" type="bar" x="month" y="tonnes" title="Monthly magnet exports" />';
const note = (title: string, published: string, body: string, updates: { date: string; summary: string }[] = []) =>
  noteText({ title, published, updates, body: `${body}\n\n${CHART}` });

const MAY_V1 = `Exports fell to <Value data="exports" at="2025-05" /> in May, the lowest monthly figure since the controls took effect in April.

Buyers in Europe and the United States said licences were slow to arrive, and several plants cut shifts while they waited.`;
const MAY_V2 = `Exports fell to <Value data="exports" at="2025-05" /> in May, the lowest monthly figure since export controls took effect in April.

Buyers in Europe and the United States said licences were slow to arrive; some plants cut shifts while they waited for the first approvals.`;
const JUNE =
  'Exports rebounded in June to <Value data="exports" at="2025-06" />, after a weak May. Licences began to arrive in the second half of the month.';

/** The three pages under test, with what each must show a reader. */
const PAGES = [
  { name: 'notice', url: '/notes/june/', marks: '.revision-notice' },
  { name: 'changes', url: '/changes/', marks: '.changes__entry' },
  { name: 'diff', url: '/notes/may/v2/diff/', marks: '.version-diff ins, .version-diff del' },
] as const;

describe('provenance pages in the browser', () => {
  let repo: ScriptedRepo;
  let site: BuiltSite;
  let browser: Browser;
  let server: StaticServer;

  beforeAll(async () => {
    mkdirSync(SCRATCH, { recursive: true });
    repo = new ScriptedRepo({ dir: mkdtempSync(path.join(SCRATCH, 'provenance-e2e-')) });
    repo.write('.gitignore', readFileSync(path.join(PROJECT_ROOT, '.gitignore'), 'utf8'));
    repo.write('astro.config.mjs', `export { default } from ${JSON.stringify(FIXTURE_CONFIG)};\n`);
    const upToMay: [string, number][] = [
      ['2025-03', 5383],
      ['2025-04', 2634],
      ['2025-05', 1238],
    ];
    repo.write('data/exports.yml', meta('2025-06-20'));
    repo.write('data/exports.csv', csv(upToMay));
    repo.write('content/notes/may.mdx', note('Magnet exports fell in May', '2025-06-20', MAY_V1));
    repo.commit('may note', '2025-06-20');
    repo.write('data/exports.yml', meta('2025-07-20'));
    repo.write('data/exports.csv', csv([...upToMay, ['2025-06', 3188]]));
    repo.write('content/notes/june.mdx', note('Magnet exports rebounded in June', '2025-07-20', JUNE));
    repo.commit('june note', '2025-07-20');
    // May corrected, 1,238 t -> 1,290 t: the May note takes it in (v2); the June note does not.
    repo.write('data/exports.yml', meta('2025-07-25', [['2025-07-25', 'The customs office revised May exports']]));
    repo.write(
      'data/exports.csv',
      csv([
        ['2025-03', 5383],
        ['2025-04', 2634],
        ['2025-05', 1290],
        ['2025-06', 3188],
      ]),
    );
    repo.write(
      'content/notes/may.mdx',
      note('Magnet exports fell in May', '2025-06-20', MAY_V2, [
        { date: '2025-07-25', summary: 'Corrected the May figure' },
      ]),
    );
    repo.commit('correct may', '2025-07-25');
    site = buildSite(repo.root, { ASSAY_BUILD_DATE: '2025-08-01' });
    if (!site.ok) throw new Error(site.output);
    [browser, server] = await Promise.all([launchChromium(), serveDirectory(site.outDir, securityHeaderValues())]);
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (site) removeSite(site);
    repo?.remove();
  });

  describe.each(PAGES)('$name ($url)', (target) => {
    it.each(SCHEMES)(
      'reads at 360 and 1280 px in %s mode: visible marks, no sideways scroll, no axe violations',
      async (scheme) => {
        for (const viewport of VIEWPORTS) {
          const { context, page, problems } = await openContext(browser, server.url, viewport, scheme);
          const at = `${target.name} at ${viewport.width}px, ${scheme}`;
          try {
            const response = await page.goto(new URL(target.url, server.url).href, { waitUntil: 'load' });
            expect(response?.status(), at).toBe(200);
            await page.evaluate(() => document.fonts.ready.then(() => undefined));
            mkdirSync(SCREENSHOTS, { recursive: true });
            await page.screenshot({
              path: path.join(SCREENSHOTS, `provenance-${target.name}-${viewport.name}-${scheme}.png`),
              fullPage: true,
            });
            const marks = page.locator(target.marks);
            expect(await marks.count(), `${target.marks} on ${at}`).toBeGreaterThan(0);
            for (const mark of await marks.all())
              expect.soft(await mark.isVisible(), `${target.marks} visible, ${at}`).toBe(true);
            const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
            expect.soft(overflow, `page scrolls sideways, ${at}`).toBeLessThanOrEqual(0);
            const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
            const found = violations.flatMap((violation) =>
              violation.nodes.map(
                (node) =>
                  `${violation.id}: ${violation.help}: ${node.target.join(' ')}` +
                  (node.failureSummary ? ` | ${node.failureSummary.replace(/\s+/g, ' ')}` : ''),
              ),
            );
            expect.soft(found, `axe violations, ${at}`).toEqual([]);
            expect.soft(problems.consoleErrors, at).toEqual([]);
            expect.soft(problems.failedRequests, at).toEqual([]);
            expect.soft(problems.cspViolations, at).toEqual([]);
          } finally {
            await context.close();
          }
        }
      },
    );
  });

  it('states both May figures in the notice, and links it to the change log entry', async () => {
    const { context, page } = await openContext(browser, server.url, VIEWPORTS[0], 'light');
    try {
      await page.goto(new URL('/notes/june/', server.url).href);
      const notice = page.locator('figure.chart .revision-notice');
      expect(((await notice.textContent()) ?? '').replace(/\s+/g, ' ')).toContain('May 2025, 1,238 t → 1,290 t');
      const href = (await notice.locator('a').getAttribute('href')) as string;
      await page.goto(new URL(href, server.url).href);
      const entry = page.locator(`[id="${href.split('#')[1]}"]`);
      expect(await entry.isVisible()).toBe(true);
      expect(await entry.textContent()).toContain('1,290');
    } finally {
      await context.close();
    }
  });

  it('tells insertions from deletions without colour on the diff page', async () => {
    for (const scheme of SCHEMES) {
      const { context, page } = await openContext(browser, server.url, VIEWPORTS[0], scheme);
      try {
        await page.goto(new URL('/notes/may/v2/diff/', server.url).href);
        // Greyscale and forced colours take the backgrounds away: the lines under and through must stay.
        await page.emulateMedia({ forcedColors: 'active' });
        const marks = await page.$$eval(
          '.version-diff__text ins, .version-diff__text del, .version-diff__cells ins, .version-diff__cells del',
          (nodes) =>
            nodes.map((node) => ({
              tag: node.localName,
              line: getComputedStyle(node).textDecorationLine,
              label: node.querySelector('.visually-hidden')?.textContent,
            })),
        );
        expect(marks.filter((mark) => mark.tag === 'ins').length).toBeGreaterThan(0);
        expect(marks.filter((mark) => mark.tag === 'del').length).toBeGreaterThan(0);
        for (const mark of marks) {
          expect(mark.line, `${mark.tag} in ${scheme}`).toBe(mark.tag === 'ins' ? 'underline' : 'line-through');
          expect(mark.label).toBe(mark.tag === 'ins' ? 'added: ' : 'removed: ');
        }
        // A word replaced ("1,238" struck, "1,290" added, no space between in the text) shows as two, apart.
        const gaps = await page.$$eval('.version-diff__text del, .version-diff__text ins', (nodes) =>
          nodes.flatMap((node) => {
            const next = node.nextSibling;
            if (!(next instanceof HTMLElement) || !['ins', 'del'].includes(next.localName)) return [];
            const a = node.getClientRects();
            const b = next.getClientRects();
            const last = a[a.length - 1];
            const first = b[0];
            if (!last || !first || Math.abs(last.top - first.top) > 2) return [];
            return [{ text: `${node.textContent}|${next.textContent}`, gap: first.left - last.right }];
          }),
        );
        expect(gaps.length).toBeGreaterThan(0);
        for (const { text, gap } of gaps) expect(gap, text).toBeGreaterThanOrEqual(3);
        // The changed May cell: old struck through, new underlined, both figures in words.
        const cells = (await page.locator('.version-diff__cells tbody tr').first().textContent()) ?? '';
        expect(cells.replace(/\s+/g, ' ')).toMatch(/May 2025.*1,238.*1,290/);
      } finally {
        await context.close();
      }
    }
  });
});
