import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../src/integrations/headers.ts';
import { overlappingLabels } from './chart-labels.ts';
import {
  chartCount,
  collectCspReports,
  openContext,
  SCHEMES,
  screenshotPath,
  sharedBrowser,
  type Target,
  targets,
  VIEWPORTS,
  WCAG_TAGS,
} from './harness.ts';

const TARGETS = targets();

const shared = sharedBrowser();

/** Charts on the page: for each figure, the boxes of its SVGs that are actually displayed. */
async function chartBoxes(page: Page) {
  return page.$$eval('figure.chart', (figures) =>
    figures.map((figure) => ({
      id: figure.id,
      visible: [...figure.querySelectorAll('svg')]
        .filter((svg) => !svg.parentElement?.closest('svg'))
        .map((svg) => ({ rect: svg.getBoundingClientRect(), style: getComputedStyle(svg) }))
        .filter(
          ({ rect, style }) =>
            rect.width > 0 && rect.height > 0 && style.visibility !== 'hidden' && style.display !== 'none',
        )
        .map(({ rect }) => ({ left: rect.left, right: rect.right, width: rect.width, height: rect.height })),
    })),
  );
}

const pageUrl = (target: Target) => new URL(target.url, shared.server.url).href;

describe.each(TARGETS)('$name ($url)', (target) => {
  describe.each(VIEWPORTS)('at $width x $height', (viewport) => {
    it.each(SCHEMES)(
      'reads cleanly in %s mode: charts fit, labels legible, tables open, no errors, no CSP violations',
      async (scheme) => {
        const { context, page, problems } = await openContext(shared.browser, shared.server.url, viewport, scheme);
        try {
          const response = await page.goto(pageUrl(target), { waitUntil: 'load' });
          expect(response?.status(), 'status of the page itself').toBe(target.kind === '404' ? 404 : 200);
          expect(response?.headers()['content-security-policy'], 'served with the production CSP').toBe(
            contentSecurityPolicy(),
          );
          await page.evaluate(() => document.fonts.ready.then(() => undefined));
          await page.screenshot({ path: screenshotPath(target, viewport, scheme), fullPage: true });

          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          expect.soft(overflow, 'page scrolls sideways (content wider than the viewport)').toBeLessThanOrEqual(0);

          for (const chart of await chartBoxes(page)) {
            expect.soft(chart.visible.length, `chart ${chart.id} shows no SVG`).toBeGreaterThan(0);
            for (const box of chart.visible) {
              expect.soft(box.left, `chart ${chart.id} starts left of the viewport`).toBeGreaterThanOrEqual(0);
              expect
                .soft(box.right, `chart ${chart.id} runs past the viewport's right edge`)
                .toBeLessThanOrEqual(viewport.width + 0.5);
            }
          }

          const overlaps = await overlappingLabels(page);
          expect.soft(overlaps, 'chart labels drawn on top of each other').toEqual([]);

          // Every chart's data table opens from its summary, as a reader would open it.
          const tables = page.locator('figure.chart details.chart__data');
          for (let index = 0; index < (await tables.count()); index += 1) {
            const details = tables.nth(index);
            await details.locator('summary').click();
            expect
              .soft(
                await details.evaluate((el) => (el as HTMLDetailsElement).open),
                `data table ${index + 1} did not open`,
              )
              .toBe(true);
            expect
              .soft(await details.locator('table').isVisible(), `data table ${index + 1} not visible once open`)
              .toBe(true);
          }

          await collectCspReports(page, problems);
        } finally {
          await context.close();
        }
        if (target.kind === '404') {
          // Chromium logs the 404 status of the page itself; that is the point of this page.
          problems.consoleErrors = problems.consoleErrors.filter((text) => !/status of 404/.test(text));
        }
        expect.soft(problems.cspViolations, 'Content-Security-Policy violations').toEqual([]);
        expect.soft(problems.consoleErrors, 'console errors').toEqual([]);
        expect.soft(problems.failedRequests, 'failed requests').toEqual([]);
        expect.soft(problems.thirdParty, 'requests to other origins').toEqual([]);
      },
    );
  });
});

const wide = VIEWPORTS[1];

describe('no page two-fifths empty, no dead end', () => {
  it.each(TARGETS)(
    '$name at 1280 px: one centred column, masthead, content and footer on the same edges',
    async (target) => {
      const { context, page } = await openContext(shared.browser, shared.server.url, wide, 'light');
      try {
        await page.goto(pageUrl(target), { waitUntil: 'load' });
        const edges = await page.evaluate(() => {
          const box = (selector: string) => {
            const element = document.querySelector(selector);
            if (!element) return undefined;
            const rect = element.getBoundingClientRect();
            const style = getComputedStyle(element);
            return {
              left: rect.left + Number.parseFloat(style.paddingLeft),
              right: rect.right - Number.parseFloat(style.paddingRight),
            };
          };
          return {
            viewport: document.documentElement.clientWidth,
            masthead: box('.masthead__inner'),
            main: box('main'),
            footer: box('.site-footer__inner'),
          };
        });
        const { main, masthead, footer, viewport } = edges;
        if (!main || !masthead || !footer)
          throw new Error(`missing masthead, main or footer: ${JSON.stringify(edges)}`);
        // Centred: as much space to the left of the column as to the right.
        expect(Math.abs(main.left - (viewport - main.right))).toBeLessThanOrEqual(1);
        for (const [name, other] of [
          ['masthead', masthead],
          ['footer', footer],
        ] as const) {
          expect(Math.abs(other.left - main.left), `${name} left edge`).toBeLessThanOrEqual(1);
          expect(Math.abs(other.right - main.right), `${name} right edge`).toBeLessThanOrEqual(1);
        }
      } finally {
        await context.close();
      }
    },
  );

  it('takes a reader from a note to the next and previous notes and to a related note by clicking', async () => {
    const { context, page } = await openContext(shared.browser, shared.server.url, VIEWPORTS[0], 'light');
    try {
      await page.goto(new URL('/notes/china-magnet-exports-june-2025/', shared.server.url).href);
      await page.locator('a[rel="next"]').click();
      await page.waitForURL(/\/notes\/china-magnet-exports-july-2025\/$/);
      await page.locator('a[rel="prev"]').click();
      await page.waitForURL(/\/notes\/china-magnet-exports-june-2025\/$/);
      await page.locator('a[rel="prev"]').click();
      await page.waitForURL(/\/notes\/china-magnet-exports-may-2025\/$/);
      const related = page.locator('.note-related h3 a').first();
      expect(await related.isVisible()).toBe(true);
      const href = await related.getAttribute('href');
      await related.click();
      await page.waitForURL((url) => url.pathname === href);
      expect(await page.locator('h1').textContent()).toBeTruthy();
    } finally {
      await context.close();
    }
  });
});

const withCharts = TARGETS.filter((target) => target.kind !== '404' && chartCount(target.url) > 0);

describe.each(withCharts)('$name ($url): chart downloads', (target) => {
  it('serves each "Download CSV" link as CSV with a header row and one line per table row', async () => {
    const { context, page } = await openContext(shared.browser, shared.server.url, VIEWPORTS[1], 'light');
    try {
      await page.goto(pageUrl(target));
      const figures = await page.$$eval('figure.chart', (all) =>
        all.map((figure) => ({
          id: figure.id,
          href: figure.querySelector('a.chart__download, a[href$=".csv"]')?.getAttribute('href') ?? null,
          rows: figure.querySelectorAll('details table tbody tr').length,
        })),
      );
      expect(figures.length, 'the note has no charts').toBeGreaterThan(0);
      for (const figure of figures) {
        expect.soft(figure.href, `chart ${figure.id} has no CSV download link`).not.toBeNull();
        if (!figure.href) continue;
        const response = await page.request.get(new URL(figure.href, page.url()).href);
        expect.soft(response.status(), `${figure.href} status`).toBe(200);
        expect.soft(response.headers()['content-type'] ?? '', `${figure.href} content type`).toMatch(/^text\/csv\b/);
        // Leading `#` lines are provenance comments (source, data as of, licence).
        const lines = (await response.text()).split(/\r?\n/).filter((line) => line !== '' && !line.startsWith('#'));
        const header = lines[0] ?? '';
        expect.soft(header.split(',').length, `${figure.href} header row "${header}"`).toBeGreaterThan(1);
        expect
          .soft(header, `${figure.href} first row should name columns, not hold numbers`)
          .not.toMatch(/^[\d.,\s-]+$/);
        expect.soft(lines.length - 1, `${figure.href} rows vs the chart's data table`).toBe(figure.rows);
      }
    } finally {
      await context.close();
    }
  });

  it('downloads at most two font files, all self-hosted woff2', async () => {
    const { context, page, problems } = await openContext(shared.browser, shared.server.url, VIEWPORTS[1], 'light');
    try {
      await page.goto(pageUrl(target), { waitUntil: 'load' });
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
    } finally {
      await context.close();
    }
    const origin = new URL(shared.server.url).origin;
    expect(problems.fonts.length, `fonts loaded: ${problems.fonts.join(', ')}`).toBeLessThanOrEqual(2);
    for (const font of problems.fonts) {
      expect(font.startsWith(origin), `${font} is not self-hosted`).toBe(true);
      expect(new URL(font).pathname, `${font} is not woff2`).toMatch(/\.woff2$/);
    }
  });
});

const search = TARGETS.find((target) => target.kind === 'search');

describe.skipIf(!search)('search (/search/)', () => {
  it.each(SCHEMES)(
    'finds notes for a word from their text, under the CSP, in %s mode (Pagefind loads and runs)',
    async (scheme) => {
      const { context, page, problems } = await openContext(shared.browser, shared.server.url, VIEWPORTS[1], scheme);
      try {
        await page.goto(new URL('/search/', shared.server.url).href, { waitUntil: 'load' });
        const input = page.locator('main input').first();
        await input.waitFor({ state: 'visible', timeout: 10_000 });
        await input.fill('magnet');
        const result = page.locator('main a[href*="/notes/"]').first();
        await result.waitFor({ state: 'attached', timeout: 15_000 });
        expect(await result.getAttribute('href')).toMatch(/\/notes\/[^/]+\//);
        // The results Pagefind draws are part of the page: they meet WCAG too.
        const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
        expect
          .soft(
            violations.flatMap((v) => v.nodes.map((node) => `${v.id}: ${v.help}: ${node.target.join(' ')}`)),
            'axe violations in the search results',
          )
          .toEqual([]);
        await collectCspReports(page, problems);
      } finally {
        await context.close();
      }
      expect.soft(problems.cspViolations, 'Content-Security-Policy violations while searching').toEqual([]);
      expect.soft(problems.consoleErrors, 'console errors while searching').toEqual([]);
      expect.soft(problems.failedRequests, 'failed requests while searching').toEqual([]);
    },
  );
});
