import { describe, expect, it } from 'vitest';
import { openContext, SCHEMES, sharedBrowser, targets } from './harness.ts';

/** A4 at 96 dpi, the width a printed page lays out at (Chromium's default 1 cm margins aside). */
const A4 = { width: 794, height: 1123 };
const note = targets().find((target) => target.name === 'note');

const shared = sharedBrowser();

describe.skipIf(!note)('printing a note', () => {
  it.each(SCHEMES)(
    'prints every chart once, at full width, in dark ink on white, never split across pages (%s scheme)',
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
});
