/**
 * The email edition as a subscriber's mail client shows it: each note's `email.html` opened at a
 * phone's 360 px and at the 600 px the template is laid out for, with its images fetched from
 * the site (the site URL answered from dist/, as a mail client would fetch them from the web).
 * No site CSP here: a mail client does not apply it, and the edition is styled inline by design.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { site } from '../../src/site.config.ts';
import { DIST, fileForPath, readablePages } from '../site/dist.ts';
import { launchChromium, SCREENSHOTS } from './harness.ts';

const EMAILS = readablePages().filter((page) => page.kind === 'email');
const WIDTHS = [360, 600] as const;
/** Body text in an email read on a phone: at least this many CSS px (issue 19, item 3). */
const MIN_BODY_PX = 14;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.png': 'image/png',
  '.csv': 'text/csv; charset=utf-8',
};

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
  mkdirSync(SCREENSHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

describe('email editions in dist/', () => {
  it('exist, one per note', () => {
    expect(EMAILS.length).toBeGreaterThan(0);
  });
});

describe.each(EMAILS)('$url', (email) => {
  it.each(WIDTHS)(
    'at %i px: fits the width, every chart image loads and spans the text column, body text at least 14 px',
    async (width) => {
      const context = await browser.newContext({ viewport: { width, height: 800 }, colorScheme: 'light' });
      const missing: string[] = [];
      await context.route('**/*', async (route) => {
        const url = new URL(route.request().url());
        const file = url.origin === new URL(site.url).origin ? fileForPath(url.pathname) : undefined;
        if (!file) {
          missing.push(url.href);
          return route.fulfill({ status: 404, body: '' });
        }
        return route.fulfill({
          status: 200,
          contentType: TYPES[path.extname(file)] ?? 'application/octet-stream',
          body: readFileSync(path.join(DIST, file)),
        });
      });
      try {
        const page = await context.newPage();
        await page.goto(new URL(email.url, site.url).href, { waitUntil: 'load' });
        const slug = /\/notes\/([^/]+)\//.exec(email.url)?.[1] ?? 'note';
        await page.screenshot({ path: path.join(SCREENSHOTS, `email-${slug}-${width}.png`), fullPage: true });

        const seen = await page.evaluate(() => {
          const shown = (element: Element) => {
            const box = element.getBoundingClientRect();
            const style = getComputedStyle(element);
            return box.width > 0 && box.height > 0 && style.display !== 'none' && style.visibility !== 'hidden';
          };
          // Text a reader reads: every shown element holding a text node of its own. The
          // preheader (hidden preview text for the inbox list) is not shown, so not counted.
          const text = [...document.body.querySelectorAll('*')]
            .filter(
              (element) =>
                shown(element) &&
                [...element.childNodes].some((node) => node.nodeType === 3 && (node.textContent ?? '').trim()),
            )
            .map((element) => ({
              text: (element.textContent ?? '').trim().slice(0, 40),
              size: Number.parseFloat(getComputedStyle(element).fontSize),
            }));
          const charts = [...document.querySelectorAll('img.chart-image, img[src*="/charts/"]')].map((img) => {
            const image = img as HTMLImageElement;
            const box = image.getBoundingClientRect();
            return {
              src: image.src,
              loaded: image.complete && image.naturalWidth > 0,
              left: box.left,
              right: box.right,
            };
          });
          const column = document.querySelector('table[width="600"]')?.getBoundingClientRect();
          return {
            overflow: document.documentElement.scrollWidth - window.innerWidth,
            text,
            charts,
            column: column ? { left: column.left, right: column.right } : null,
          };
        });
        expect(seen.overflow, 'the email scrolls sideways').toBeLessThanOrEqual(0);
        expect(seen.column, 'the 600 px layout table').not.toBeNull();
        expect(seen.column?.right ?? Infinity, 'layout table within the window').toBeLessThanOrEqual(width + 0.5);
        expect(seen.charts.length, 'chart images').toBeGreaterThan(0);
        for (const chart of seen.charts) {
          expect(chart.loaded, `${chart.src} loads`).toBe(true);
          expect(chart.left, `${chart.src} left edge`).toBeGreaterThanOrEqual(0);
          expect(chart.right, `${chart.src} right edge`).toBeLessThanOrEqual(width + 0.5);
          // Shown the full width of the column it sits in: the width of the phone, or 600 px.
          const columnWidth = (seen.column?.right ?? 0) - (seen.column?.left ?? 0);
          expect(chart.right - chart.left, `${chart.src} width`).toBeGreaterThanOrEqual(columnWidth - 1);
        }
        expect(seen.text.length, 'text on the page').toBeGreaterThan(10);
        const small = seen.text.filter((item) => item.size < MIN_BODY_PX);
        expect(small, `text under ${MIN_BODY_PX} px at ${width} px`).toEqual([]);
        expect(missing, 'requests the email makes that dist/ cannot answer').toEqual([]);
      } finally {
        await context.close();
      }
    },
  );
});
