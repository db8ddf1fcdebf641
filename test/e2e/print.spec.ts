import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { site } from '../../src/site.config.ts';
import { openContext, SCHEMES, SCREENSHOTS, sharedBrowser, targets } from './harness.ts';

/** A4 at 96 dpi, the width a printed page lays out at (Chromium's default 1 cm margins aside). */
const A4 = { width: 794, height: 1123 };
/** The printable width of A4 inside the 16 mm side margins @page sets (96 px to the inch). */
const A4_TEXT_WIDTH = Math.round(((210 - 2 * 16) / 25.4) * 96);
const note = targets().find((target) => target.name === 'note');

const shared = sharedBrowser();

describe.skipIf(!note)('printing a note', () => {
  it.each(SCHEMES)(
    'prints every chart once, within the text width, in dark ink on white, never split across pages (%s scheme)',
    async (scheme) => {
      const { context, page, problems } = await openContext(shared.browser, shared.server.url, A4, scheme);
      try {
        await page.goto(new URL(note?.url ?? '/', shared.server.url).href, { waitUntil: 'load' });
        await page.emulateMedia({ media: 'print' });
        const printed = await page.evaluate(() => {
          const shown = (element: Element) => {
            const style = getComputedStyle(element);
            const box = element.getBoundingClientRect();
            return style.display !== 'none' && style.visibility !== 'hidden' && box.width > 0 && box.height > 0;
          };
          const rgb = (colour: string) => (colour.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number);
          return {
            width: document.documentElement.clientWidth,
            background: rgb(getComputedStyle(document.body).backgroundColor),
            navigation: [...document.querySelectorAll('.masthead__nav')].filter(shown).length,
            charts: [...document.querySelectorAll('figure.chart')].map((figure) => {
              const svgs = [...figure.querySelectorAll('svg.chart__plot')].filter(shown);
              return {
                id: figure.id,
                shown: svgs.map((svg) => svg.getAttribute('class')),
                right: Math.max(...svgs.map((svg) => svg.getBoundingClientRect().right)),
                ink: svgs.map((svg) => rgb(getComputedStyle(svg).color)),
                breakInside: getComputedStyle(figure).breakInside,
              };
            }),
          };
        });
        expect(printed.charts.length, 'charts on the note').toBeGreaterThan(0);
        expect(printed.navigation, 'site navigation printed').toBe(0);
        expect(printed.background, 'page background').toEqual([255, 255, 255]);
        for (const chart of printed.charts) {
          expect(chart.shown, `${chart.id}: drawings printed`).toEqual(['chart__plot chart__plot--wide']);
          expect(chart.right, `${chart.id}: right edge`).toBeLessThanOrEqual(printed.width);
          for (const [r, g, b] of chart.ink)
            expect(Math.max(r ?? 255, g ?? 255, b ?? 255), `${chart.id}: ink`).toBeLessThan(80);
          expect(chart.breakInside, `${chart.id}: may split across pages`).toBe('avoid');
        }
        const pdf = await page.pdf({ format: 'A4', printBackground: false });
        expect(pdf.subarray(0, 5).toString('latin1'), 'a PDF').toBe('%PDF-');
        expect(problems.consoleErrors).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );
  it('prints with page margins, the masthead on the text edge, titles kept with what follows, and addresses for links', async () => {
    // Laid out at the width the text has on paper, so positions are those of the printed page.
    const { context, page, problems } = await openContext(
      shared.browser,
      shared.server.url,
      { width: A4_TEXT_WIDTH, height: A4.height },
      'light',
    );
    try {
      await page.goto(new URL(note?.url ?? '/', shared.server.url).href, { waitUntil: 'load' });
      await page.emulateMedia({ media: 'print' });
      const printed = await page.evaluate(() => {
        const after = (element: Element) => getComputedStyle(element, '::after').content;
        const left = (selector: string) => document.querySelector(selector)?.getBoundingClientRect().left ?? Number.NaN;
        const pageRules = [...document.styleSheets].flatMap((sheet) =>
          [...sheet.cssRules].filter((rule): rule is CSSPageRule => rule instanceof CSSPageRule),
        );
        const csv = [...document.querySelectorAll<HTMLAnchorElement>('figure.chart a.chart__download')].filter((a) =>
          a.getAttribute('href')?.endsWith('.csv'),
        );
        const png = [...document.querySelectorAll<HTMLAnchorElement>('figure.chart a.chart__download')].filter((a) =>
          a.getAttribute('href')?.endsWith('.png'),
        );
        const external = [
          ...document.querySelectorAll<HTMLAnchorElement>(
            '.prose a[href^="http"], .sources a[href^="http"], .chart__source a[href^="http"]',
          ),
        ];
        return {
          margins: pageRules.map((rule) => [
            rule.style.marginTop,
            rule.style.marginRight,
            rule.style.marginBottom,
            rule.style.marginLeft,
          ]),
          masthead: left('.masthead__brand'),
          headline: left('article h1'),
          text: left('.prose p'),
          headingsBreakAfter: [...document.querySelectorAll('.prose h2, .chart__caption')].map(
            (element) => getComputedStyle(element).breakAfter,
          ),
          csv: csv.map((a) => ({ href: a.href, after: after(a), size: getComputedStyle(a).fontSize })),
          png: png.map((a) => getComputedStyle(a).display),
          external: external.map((a) => ({ href: a.getAttribute('href') ?? '', after: after(a) })),
          about: [...document.querySelectorAll('.chart__about')].map((details) => getComputedStyle(details).display),
          notForPaper: [...document.querySelectorAll('.no-print')].map(
            (element) => `${element.className}: ${getComputedStyle(element).display}`,
          ),
        };
      });
      // Page margins: at least 12 mm on every side, whatever the printer's default.
      expect(printed.margins.length, '@page rules').toBeGreaterThan(0);
      for (const side of printed.margins.flat())
        expect(Number.parseFloat(side), `@page margin ${side}`).toBeGreaterThanOrEqual(12);
      expect(Math.abs(printed.masthead - printed.headline), 'masthead vs headline left edge').toBeLessThanOrEqual(1);
      expect(Math.abs(printed.masthead - printed.text), 'masthead vs text left edge').toBeLessThanOrEqual(1);
      expect(printed.headingsBreakAfter.length).toBeGreaterThan(0);
      for (const value of printed.headingsBreakAfter)
        expect(value, 'a heading or chart title may end a page').toBe('avoid');
      // Each chart's CSV prints as its full address (its link text hidden); the PNG link, dead on paper, not at all.
      expect(printed.csv.length, 'CSV links').toBeGreaterThan(0);
      for (const link of printed.csv) {
        expect(link.after, 'the CSV link prints its address').toContain(
          new URL(new URL(link.href).pathname, site.url).href,
        );
        expect(link.size, 'the words "Download CSV" are not printed').toBe('0px');
      }
      for (const display of [...printed.png, ...printed.about]) expect(display, 'dead controls on paper').toBe('none');
      // Previous and next, related notes and the editors' links: screen navigation, not for paper.
      expect(printed.notForPaper.length, 'elements marked no-print').toBeGreaterThan(0);
      for (const element of printed.notForPaper) expect(element, 'printed').toMatch(/: none$/);
      expect(printed.external.length, 'links to other sites').toBeGreaterThan(0);
      for (const link of printed.external) expect(link.after, `${link.href} printed`).toBe(`" (${link.href})"`);

      // The printed note as a PDF on A4 with the stylesheet's margins, and as a picture of the printed layout.
      await page.evaluate(() => document.fonts.ready);
      const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
      expect(pdf.subarray(0, 5).toString('latin1'), 'a PDF').toBe('%PDF-');
      const pages = Number(/\/Count (\d+)/.exec(pdf.toString('latin1'))?.[1]);
      const charts = await page.locator('figure.chart').count();
      // No forced breaks and no half-empty pages: about one page per chart, not one per chart and heading.
      expect(pages, 'printed pages').toBeLessThanOrEqual(charts + 1);
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: path.join(SCREENSHOTS, 'print-note.png'), fullPage: true });
      expect(problems.consoleErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
