import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chartContrast, smallChartText } from './chart-contrast.ts';
import { openContext, SCHEMES, sharedBrowser, targets, VIEWPORTS, WCAG_TAGS } from './harness.ts';

const TARGETS = targets();

const shared = sharedBrowser();

/** What the focused element is and whether a sighted keyboard user can see it and its focus ring. */
async function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    const rect = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    const ring =
      (style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
    return {
      tag: el.localName,
      text: (el.textContent ?? '').trim().slice(0, 40),
      href: el.getAttribute('href'),
      inMain: Boolean(el.closest('main')),
      // In <main> or after it in document order: past the masthead and navigation.
      pastMasthead:
        Boolean(el.closest('main')) ||
        Boolean(
          document.querySelector('main')?.compareDocumentPosition(el) &&
            (document.querySelector('main') as Node).compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING,
        ),
      isMain: el.localName === 'main',
      onScreen:
        rect.width > 1 &&
        rect.height > 1 &&
        rect.bottom > 0 &&
        rect.right > 0 &&
        rect.top < innerHeight &&
        rect.left < innerWidth,
      ring,
    };
  });
}

describe.each(TARGETS)('$name ($url): accessibility', (target) => {
  it.each(SCHEMES)('has no axe WCAG 2.2 A/AA violations in %s mode', async (scheme) => {
    for (const viewport of VIEWPORTS) {
      const { context, page } = await openContext(shared.browser, shared.server.url, viewport, scheme);
      try {
        await page.goto(new URL(target.url, shared.server.url).href, { waitUntil: 'load' });
        await page.evaluate(() => document.fonts.ready.then(() => undefined));
        // Open the data tables too: their contents are part of the page a reader can reach.
        for (const summary of await page.locator('details > summary').all()) await summary.click();
        const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
        const found = violations.flatMap((violation) =>
          violation.nodes.map(
            (node) =>
              `${violation.id} (${violation.impact}) at ${viewport.width}px: ${violation.help}: ${node.target.join(' ')}` +
              (node.failureSummary ? ` | ${node.failureSummary.replace(/\s+/g, ' ')}` : ''),
          ),
        );
        expect.soft(found, `axe violations at ${viewport.width}px, ${scheme}`).toEqual([]);
        // axe does not measure SVG lines and marks; text and data marks are checked here.
        const lowContrast = (await chartContrast(page)).map(
          (low) => `${low.chart}: ${low.element} ${low.ratio}:1 (needs ${low.required}:1)`,
        );
        expect.soft(lowContrast, `chart contrast at ${viewport.width}px, ${scheme}`).toEqual([]);
        // House style: chart text at least 11 CSS px as drawn on the page, at every width.
        expect.soft(await smallChartText(page), `chart text under 11px at ${viewport.width}px`).toEqual([]);
      } finally {
        await context.close();
      }
    }
  });

  it('is usable by keyboard: the first Tab shows a skip link that moves focus to the main content', async () => {
    for (const viewport of VIEWPORTS) {
      const { context, page } = await openContext(shared.browser, shared.server.url, viewport, 'light');
      try {
        await page.goto(new URL(target.url, shared.server.url).href, { waitUntil: 'load' });
        await page.keyboard.press('Tab');
        const skip = await focused(page);
        expect(skip?.tag, `first Tab at ${viewport.width}px`).toBe('a');
        expect(skip?.href, 'first Tab should land on the skip link').toMatch(/^#/);
        expect(skip?.onScreen, 'skip link is not visible when focused').toBe(true);
        expect(skip?.ring, 'skip link shows no focus indicator').toBe(true);
        const hash = skip?.href?.slice(1) ?? '';
        expect(await page.locator(`[id="${hash}"]`).evaluate((el) => el.localName), 'skip link target').toBe('main');
        await page.keyboard.press('Enter');
        // Focus is on <main> itself (tabindex=-1), or the next Tab goes on from <main>: into it, or
        // past it when it holds nothing focusable; never back to the masthead.
        let after = await focused(page);
        if (!after?.isMain) {
          await page.keyboard.press('Tab');
          after = await focused(page);
          expect(
            after?.pastMasthead,
            `after the skip link, Tab went to <${after?.tag}> "${after?.text}" before <main>`,
          ).toBe(true);
        }
        // The next few stops all show where focus is.
        for (let stop = 0; stop < 4; stop += 1) {
          await page.keyboard.press('Tab');
          const next = await focused(page);
          if (!next) break;
          expect.soft(next.ring, `no visible focus indicator on <${next.tag}> "${next.text}"`).toBe(true);
        }
      } finally {
        await context.close();
      }
    }
  });
});
