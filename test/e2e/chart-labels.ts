import type { Page } from 'playwright-core';

/**
 * Pairs of chart labels drawn on top of each other in the SVGs the reader sees (tick labels,
 * annotations, legends, direct labels). Boxes come from the browser's layout with real fonts;
 * overlaps under `tolerance` px either way are ignored (glyph boxes include line spacing).
 */
export function overlappingLabels(page: Page, tolerance = 2): Promise<string[]> {
  return page.evaluate((slack) => {
    const found: string[] = [];
    for (const figure of document.querySelectorAll('figure.chart')) {
      for (const svg of figure.querySelectorAll('svg')) {
        if (svg.parentElement?.closest('svg') || svg.getBoundingClientRect().width === 0) continue;
        if (getComputedStyle(svg).display === 'none') continue;
        const labels = [...svg.querySelectorAll('text')]
          .map((text) => ({
            // A <title> child is a tooltip, not drawn text.
            text: [...text.childNodes]
              .filter((node) => node.nodeName !== 'title')
              .map((node) => node.textContent ?? '')
              .join(' ')
              .trim(),
            box: text.getBoundingClientRect(),
            hidden: getComputedStyle(text).visibility === 'hidden',
          }))
          .filter((label) => label.text !== '' && !label.hidden);
        for (let i = 0; i < labels.length; i += 1) {
          for (let j = i + 1; j < labels.length; j += 1) {
            const a = labels[i];
            const b = labels[j];
            if (!a || !b) continue;
            const x = Math.min(a.box.right, b.box.right) - Math.max(a.box.left, b.box.left);
            const y = Math.min(a.box.bottom, b.box.bottom) - Math.max(a.box.top, b.box.top);
            if (x > slack && y > slack) {
              found.push(
                `${figure.id} (${Math.round(svg.getBoundingClientRect().width)}px): "${a.text}" overlaps "${b.text}" by ${Math.round(x)}x${Math.round(y)}px`,
              );
            }
          }
        }
      }
    }
    return found;
  }, tolerance);
}
