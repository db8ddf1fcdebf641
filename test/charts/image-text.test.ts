/**
 * Text sizes read from an SVG before it is rasterised (src/charts/image-text.ts), and the
 * PNG twin of every golden chart kind: nothing under 11 CSS px when the email shows it 360 px
 * wide (a phone), and the same picture at 600 px.
 */
import { describe, expect, it } from 'vitest';
import { imageTextSizes, smallestText, textBelow, transformScale } from '../../src/charts/image-text.ts';
import { pngTwin, TWIN, twinChart, twinSvg, wrapText } from '../../src/charts/twin.ts';
import { CHART_CASES, exports } from './cases.ts';
import { renderProps } from './helpers.ts';

/** How wide a phone email shows a twin: the full width of a 360 px screen (src/email/styles.ts). */
const PHONE = 360;
const MIN_EMAIL_TEXT = 11;

describe('text sizes from an SVG', () => {
  it('multiplies font sizes by every scale above them and by the display scale', () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="200" viewBox="0 0 400 200" font-size="12">' +
      '<text x="0" y="10">Plain</text>' +
      '<g transform="translate(10 20) scale(2)"><text font-size="10">Doubled</text>' +
      '<g font-size="1.5em"><text><tspan>In em</tspan></text></g></g>' +
      '<g transform="matrix(0.5 0 0 0.5 0 0)"><text>Halved</text></g>' +
      '<svg x="0" y="0" width="100" height="50" viewBox="0 0 200 100"><text font-size="20">Nested</text></svg>' +
      '</svg>';
    expect(imageTextSizes(svg)).toEqual([
      { text: 'Plain', size: 12 },
      { text: 'Doubled', size: 20 },
      { text: 'In em', size: 36 },
      { text: 'Halved', size: 6 },
      { text: 'Nested', size: 10 },
    ]);
    // Shown at 360 px, a 400 px image scales everything by 0.9.
    expect(smallestText(svg, 0.9)).toEqual({ text: 'Halved', size: 5.4 });
    expect(textBelow(svg, 11, 0.9).map((run) => run.text)).toEqual(['Plain', 'Halved', 'Nested']);
  });

  it('reads rotations and translations as no change of size, and unknown units as an error', () => {
    expect(transformScale('translate(3,4) rotate(-90)')).toBe(1);
    expect(transformScale('scale(2 3)')).toBe(2);
    expect(() =>
      imageTextSizes('<svg xmlns="http://www.w3.org/2000/svg"><text font-size="1vw">x</text></svg>'),
    ).toThrow(/font-size="1vw"/);
  });
});

const text = {
  title: 'A V-shaped year: exports fell by three quarters, then recovered',
  subtitle: 'Monthly exports of rare earth permanent magnets, all destinations, tonnes',
  caption: 'March and April are derived from stated percentage changes and rounded.',
  source: 'Source: China General Administration of Customs (GACC); derived values marked; data as of 20 August 2025.',
  publisher: 'Assay Rare Earths Research',
  host: 'assay.example.com',
};

describe('PNG twins: charts that stand alone', () => {
  for (const [name, props, data] of CHART_CASES) {
    it(`${name}: title, subtitle, note, source and publisher around the phone drawing, no text under 11 px at 360 px`, () => {
      const figure = renderProps({ ...props, title: text.title, caption: text.caption }, data);
      const twin = twinSvg(figure.svg.narrow, text);
      const runs = imageTextSizes(twin.svg).map((run) => run.text);
      for (const line of ['A V-shaped year:', 'Monthly exports', 'March and April', 'Source: China', text.publisher])
        expect(
          runs.some((run) => run.startsWith(line)),
          line,
        ).toBe(true);
      expect(runs).toContain(text.host);
      expect(textBelow(twin.svg, MIN_EMAIL_TEXT, PHONE / twin.width)).toEqual([]);
      // On the page's background colour, not white; chart halos take it too.
      expect(twin.svg).toMatch(/^<svg[^>]*><rect width="[\d.]+" height="[\d.]+" fill="#fbfaf6">/);
      expect(twin.svg).not.toContain('var(--chart-bg');
      // The preview card takes the chart back out, at the chart's own size.
      expect(twinChart(twin.svg)).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="360" /);
      expect(twinChart(twin.svg)).not.toContain('Source: China');
    });
  }

  it('a twin is keyed by its texts as well as its drawing, and laid out only when asked for', () => {
    const figure = renderProps({ type: 'line', title: 'One' }, exports);
    const spec = { title: 'One', source: { name: 'Customs', asOf: '2025-08-20' } };
    const twin = (over: object) =>
      pngTwin({ drawing: figure.drawing, derivedRows: false, svg: figure.svg, spec, ...over });
    expect(twin({}).key).toBe(twin({}).key);
    expect(twin({}).key).not.toBe(twin({ spec: { ...spec, title: 'Two' } }).key);
    expect(twin({}).key).not.toBe(twin({ spec: { ...spec, source: { name: 'Customs', asOf: '2025-09-20' } } }).key);
    expect(twin({}).key).not.toBe(twin({ drawing: 'other' }).key);
    const lazy = twin({
      svg: {
        get narrow(): string {
          throw new Error('laid out for a key');
        },
      },
    });
    expect(lazy.key).toMatch(/^[0-9a-f]{24}$/);
    expect(twin({}).svg).toContain('data as of 20 August 2025');
  });

  it('wraps lines at the measured width of Inter, never splitting a word', () => {
    const lines = wrapText(text.source, 200, TWIN.note);
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.join(' ')).toBe(text.source);
  });
});
