import { describe, expect, it } from 'vitest';
import { LAYOUTS } from '../../src/charts/layout.ts';
import { fixture, renderProps } from './helpers.ts';

const exports = fixture('exports');
const destinations = fixture('destinations');

/** Each x-annotation label's text, anchor and x position (its group's dx included). */
function annotationLabels(svg: string) {
  const labels: { text: string; anchor: string; x: number }[] = [];
  const group =
    /<g transform="translate\((-?[\d.]+),-?[\d.]+\)" text-anchor="(start|end)" data-mark="text">(.*?)<\/g>/g;
  for (const [, dx, anchor, body] of svg.matchAll(group)) {
    for (const [, x, text] of (body as string).matchAll(/<text transform="translate\((-?[\d.]+),[^"]*\)">([^<]*)/g))
      labels.push({ text: text as string, anchor: anchor as string, x: Number(x) + Number(dx) });
  }
  return labels;
}

describe('annotation labels', () => {
  const dates = ['2025-03-02', '2025-04-04', '2025-05-15', '2025-06-20', '2025-07-01'];
  for (const type of ['line', 'bar', 'area'] as const) {
    for (const date of dates) {
      it(`stay inside the SVG at both widths: ${type} chart, label at ${date}`, () => {
        const label = `${date.slice(8)} ${date.slice(5, 7)}: licences required`;
        const figure = renderProps({ type, annotations: [{ x: date, label }] }, exports);
        for (const layout of [LAYOUTS.wide, LAYOUTS.narrow]) {
          const svg = figure.svg[layout.name];
          const [found] = annotationLabels(svg).filter((l) => l.text === label);
          expect(found, `${layout.name}: label drawn`).toBeDefined();
          const { anchor, x } = found as { anchor: string; x: number };
          // The same rough glyph width the engine uses to place labels.
          const width = label.length * layout.charWidth;
          if (anchor === 'start') expect(x + width, `${layout.name}: right edge`).toBeLessThanOrEqual(layout.width);
          else expect(x - width, `${layout.name}: left edge`).toBeGreaterThanOrEqual(0);
        }
      });
    }
  }
});

describe('annotations on grouped bars (a facet per category)', () => {
  for (const horizontal of [false, true]) {
    it(`are drawn at both widths${horizontal ? ', horizontal' : ''}`, () => {
      const label = 'Licences required';
      const figure = renderProps(
        { type: 'bar', series: 'destination', horizontal, annotations: [{ x: '2025-06', label }] },
        destinations,
      );
      for (const layout of [LAYOUTS.wide, LAYOUTS.narrow]) {
        const svg = figure.svg[layout.name];
        expect(svg, `${layout.name}: label`).toContain(`>${label}<`);
        if (!horizontal) expect(svg, `${layout.name}: rule`).toMatch(/data-mark="rule"[^>]*>\s*<g[^>]*>\s*<line/);
      }
    });
  }
});
