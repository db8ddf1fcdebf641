import { describe, expect, it } from 'vitest';
import { parsePage, readablePages } from './dist.ts';

const text = (document: Document, ids: string | null) =>
  (ids ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent?.trim() ?? '')
    .join(' ')
    .trim();

describe('charts a reader can use without seeing them', () => {
  it('gives every chart SVG an accessible name and description, and every chart a data table and a CSV (email: PNG with alt text)', () => {
    const problems: string[] = [];
    let charts = 0;
    for (const page of readablePages()) {
      const document = parsePage(page.file);
      for (const figure of document.querySelectorAll('figure.chart')) {
        charts += 1;
        const where = `${page.url}#${figure.id}`;
        if (page.kind === 'email') {
          // Email clients do not render inline SVG: the chart is a PNG, described by its alt text.
          const img = figure.querySelector('img');
          if (!img?.getAttribute('alt')?.trim()) problems.push(`${where}: email chart without a PNG and alt text`);
          continue;
        }
        const svgs = [...figure.querySelectorAll('svg')].filter((svg) => !svg.parentElement?.closest('svg'));
        if (svgs.length === 0) problems.push(`${where}: no inline SVG`);
        for (const svg of svgs) {
          if (svg.getAttribute('role') !== 'img') problems.push(`${where}: <svg> without role="img"`);
          const name = svg.getAttribute('aria-label') ?? text(document, svg.getAttribute('aria-labelledby'));
          if (!name) problems.push(`${where}: <svg> has no accessible name`);
          if (!text(document, svg.getAttribute('aria-describedby')))
            problems.push(`${where}: <svg> has no description`);
        }
        if (!figure.querySelector('details > summary') || !figure.querySelector('details table')) {
          problems.push(`${where}: no data table in <details>`);
        }
        if (!figure.querySelector('a[href$=".csv"]')) problems.push(`${where}: no CSV download link`);
      }
    }
    expect(charts, 'no charts found in dist/').toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });
});
