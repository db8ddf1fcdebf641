import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { chartDocument } from '../../src/charts/dom.ts';
import { DrawingDocument, drawingDocument } from '../../src/charts/drawing-dom.ts';
import { LAYOUTS } from '../../src/charts/layout.ts';
import { normaliseChart } from '../../src/charts/normalise.ts';
import { plotOptions } from '../../src/charts/plot-options.ts';
import { cleanPlotSvg } from '../../src/charts/svg.ts';
import { CHART_CASES } from './cases.ts';
import { place } from './helpers.ts';

/** Every declarative chart kind and option family the engine draws (the escape hatch uses linkedom). */
const charts = CHART_CASES.filter(([, props]) => !props.plot);

describe('the drawing DOM', () => {
  // linkedom is the reference: a complete DOM that Plot is known to work with.
  for (const [name, props, data] of charts) {
    it(`draws a ${name} exactly as linkedom does, at both widths`, () => {
      const spec = normaliseChart({ data: data.name, ...props }, data, place);
      for (const layout of [LAYOUTS.wide, LAYOUTS.narrow]) {
        const { options } = plotOptions(spec, layout);
        const draw = (document: Document) =>
          cleanPlotSvg(Plot.plot({ ...options, document }) as unknown as Element, layout);
        const light = draw(drawingDocument());
        expect(light).toBe(draw(chartDocument()));
        expect(light).toMatch(/^<svg /);
      }
    });
  }

  it('escapes text and attribute values, so author data stays inert and the SVG stays well-formed', () => {
    const document = new DrawingDocument();
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    const text = svg.appendChild(document.createElementNS('http://www.w3.org/2000/svg', 'text'));
    text.setAttribute('aria-label', '"><img src=x onerror=alert(1)> & more');
    text.textContent = '<script>alert(1)</script> R&D';
    expect(svg.outerHTML).toBe(
      '<svg><text aria-label="&quot;&gt;&lt;img src=x onerror=alert(1)&gt; &amp; more">&lt;script&gt;alert(1)&lt;/script&gt; R&amp;D</text></svg>',
    );
    const parsed = parseHTML(`<!doctype html><body>${svg.outerHTML}</body>`).document;
    expect(parsed.querySelector('script, img')).toBeNull();
    expect(parsed.querySelector('text')?.textContent).toBe('<script>alert(1)</script> R&D');
    expect(parsed.querySelector('text')?.getAttribute('aria-label')).toBe('"><img src=x onerror=alert(1)> & more');
  });

  it('keeps the tree consistent through insert, move, replace and remove', () => {
    const document = new DrawingDocument();
    const g = document.createElementNS('http://www.w3.org/2000/svg', 'g');
    const rect = (id: string) => {
      const element = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
      element.setAttribute('id', id);
      return element;
    };
    const [a, b, c] = [rect('a'), rect('b'), rect('c')];
    g.appendChild(a);
    g.appendChild(c);
    g.insertBefore(b, c);
    expect(g.children.map((child) => child.id)).toEqual(['a', 'b', 'c']);
    expect(a.nextSibling).toBe(b);
    expect(c.previousSibling).toBe(b);
    g.appendChild(a); // moving, not copying
    expect(g.children.map((child) => child.id)).toEqual(['b', 'c', 'a']);
    b.replaceWith('text');
    expect(g.textContent).toBe('text');
    expect(b.parentNode).toBeNull();
    c.remove();
    expect(g.outerHTML).toBe('<g>text<rect id="a" /></g>');
    expect(() => a.appendChild(g)).toThrow(/cannot contain itself/);
  });

  it('answers the selectors Plot and the SVG clean-up use, and names any other', () => {
    const document = new DrawingDocument();
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    const g = svg.appendChild(document.createElementNS('http://www.w3.org/2000/svg', 'g'));
    g.setAttribute('class', 'plot-x tick');
    const line = g.appendChild(document.createElementNS('http://www.w3.org/2000/svg', 'line'));
    line.style.setProperty('stroke', 'red');
    expect(line.getAttribute('style')).toBe('stroke:red');
    expect(svg.querySelectorAll('g line')).toEqual([line]);
    expect(svg.querySelectorAll('.tick line')).toEqual([line]);
    expect(svg.querySelectorAll('svg line')).toEqual([line]); // ancestors above the query root count
    expect(svg.querySelectorAll('[class^="plot-"]')).toEqual([g]);
    expect(svg.querySelectorAll('[style], g')).toEqual([g, line]);
    expect(svg.querySelector('rect')).toBeNull();
    expect(line.closest('[class~="tick"]')).toBe(g);
    expect(() => svg.querySelectorAll('g > line')).toThrow('unsupported selector "g > line"');
  });
});
