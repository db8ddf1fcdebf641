import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LAYOUTS, MIN_TEXT_PX } from '../../src/charts/layout.ts';
import { datasetEntity, normaliseChart } from '../../src/charts/normalise.ts';
import { entityColour, MUTED, PALETTE, seriesColours } from '../../src/charts/palette.ts';
import { loadDataset } from '../../src/data/load.ts';
import { parseDataset, parseDatasetMeta } from '../../src/data/parse.ts';
import type { Dataset } from '../../src/data/schema.ts';
import { site } from '../../src/site.config.ts';
import { fixture, monthlyDataset, place, renderProps } from './helpers.ts';

const exports = fixture('exports');
const destinations = fixture('destinations');

/** The legend group, or '' when the chart has none. */
const legend = (svg: string) => {
  const start = svg.indexOf('<g class="chart__legend"');
  return start < 0 ? '' : svg.slice(start, svg.indexOf('</g>', start) + 4);
};

/** The value axis' tick labels, bottom first (vertical charts). */
const valueTicks = (svg: string) =>
  [...(/<g[^>]*data-mark="y-axis tick label">(.*?)<\/g>/.exec(svg)?.[1] ?? '').matchAll(/>([^<]+)<\/text>/g)].map(
    (m) => m[1],
  );

/** Error message of a chart that fails to normalise. */
function failure(props: Record<string, unknown>, data: Dataset = exports): string {
  try {
    normaliseChart({ data: data.name, ...props }, data, place);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the chart to fail');
}

describe('zero baseline', () => {
  it('bars, areas and lines start at zero by default', () => {
    for (const type of ['bar', 'area', 'line']) {
      const { svg } = renderProps({ type }, exports);
      for (const drawing of [svg.wide, svg.narrow]) expect(valueTicks(drawing)[0], type).toBe('0');
    }
  });

  it('zero={false} lets a line start near its data, with a visible axis break', () => {
    const { svg } = renderProps({ type: 'line', zero: false }, exports);
    for (const drawing of [svg.wide, svg.narrow]) {
      expect(valueTicks(drawing)[0]).not.toBe('0');
      expect(drawing).toContain('data-mark="axis-break"');
    }
    expect(renderProps({ type: 'line' }, exports).svg.wide).not.toContain('axis-break');
  });

  it('bars and areas cannot opt out: their length is the value', () => {
    for (const type of ['bar', 'area']) {
      const message = failure({ type, zero: false });
      expect(message).toContain(`zero={false} is not allowed on a ${type} chart`);
      expect(message).toContain('type="line"');
    }
  });
});

describe('stated and derived: one encoding per kind, the same in every theme', () => {
  /** Pattern ids a drawing defines. */
  const patterns = (svg: string) => [...svg.matchAll(/<pattern[^>]* id="([^"]+)"/g)].map((m) => m[1]);

  it('bars: derived bars hatched with a pattern the drawing defines, stated bars solid', () => {
    const { svg } = renderProps({ type: 'bar' }, exports);
    for (const drawing of [svg.wide, svg.narrow]) {
      const marks = drawing.replace(/<defs>.*?<\/defs>/g, '');
      const fills = [...marks.matchAll(/<rect fill="([^"]+)" height/g)].map((m) => m[1]);
      expect(fills.filter((fill) => fill?.startsWith('url(#'))).toHaveLength(2);
      expect(fills.filter((fill) => fill === '#0072B2')).toHaveLength(3);
      for (const fill of fills.filter((f) => f?.startsWith('url(#')))
        expect(patterns(drawing)).toContain(fill?.slice(5, -1));
    }
    // The wide and narrow drawings never share a pattern id (one of them is always hidden).
    expect(patterns(svg.wide).some((id) => patterns(svg.narrow).includes(id))).toBe(false);
  });

  it('lines: segments reaching a derived point dashed, derived points hollow; areas hatched beneath', () => {
    for (const type of ['line', 'area']) {
      const { wide } = renderProps({ type }, exports).svg;
      expect(wide, type).toMatch(/<g[^>]*stroke-dasharray="5,4"[^>]*data-mark="line"/);
      expect(wide, type).toMatch(/<g[^>]*data-mark="derived-dot"><circle/);
      expect(wide.match(/<circle/g)?.length, `${type}: every point drawn once`).toBe(5);
      if (type === 'area') expect(wide).toMatch(/data-mark="area"><path d="[^"]+" fill="url\(#[^"]+\)"/);
    }
  });

  it('dots: derived dots hollow', () => {
    const { wide } = renderProps({ type: 'dot' }, exports).svg;
    expect(wide).toMatch(/<g[^>]*fill="white"[^>]*data-mark="derived-dot"/);
  });

  it('the legend says what is drawn, with swatches shaped like the marks', () => {
    const bar = legend(renderProps({ type: 'bar' }, exports).svg.wide);
    expect(bar).toContain('Derived (hatched)');
    expect(bar).toMatch(/<rect[^>]*fill="url\(#/);
    const line = legend(renderProps({ type: 'line' }, exports).svg.wide);
    expect(line).toContain('Derived (dashed)');
    expect(line).toMatch(/<line[^>]*stroke-dasharray="5,4"/);
    expect(line).not.toContain('<rect');
    const dot = legend(renderProps({ type: 'dot' }, exports).svg.wide);
    expect(dot).toContain('Derived (hollow)');
    expect(dot).toMatch(/<circle[^>]*fill="none"/);
    for (const text of [bar, line, dot]) expect(text).not.toContain('Lighter');
  });

  it('nothing derived is drawn by opacity, which darkens on a dark page', () => {
    for (const type of ['bar', 'line', 'area', 'dot']) {
      const { wide } = renderProps({ type }, exports).svg;
      expect(wide, type).not.toContain('fill-opacity="0.4"');
    }
  });
});

describe('a date marker sits in the period that contains its date, the same way on every kind', () => {
  /** x of the dashed marker stem, with its group's translation. */
  const stemX = (svg: string) => {
    const m =
      /<g(?: transform="translate\(([-\d.]+),[-\d.]+\)")?[^>]*stroke-dasharray="4,3"[^>]*data-mark="rule"><line[^>]* x1="([-\d.]+)"/.exec(
        svg,
      );
    return Number(m?.[1] ?? 0) + Number(m?.[2]);
  };
  /** x of the point drawn for April 2025 (lines and areas). */
  const aprilPoint = (svg: string) => {
    for (const [, group, body] of svg.matchAll(/<g([^>]*data-mark="(?:derived-)?dot")>(.*?)<\/g>/g)) {
      const dx = Number(/translate\(([-\d.]+)/.exec(group as string)?.[1] ?? 0);
      const m = /<circle[^>]* cx="([-\d.]+)"><title>Apr 2025/.exec(body as string);
      if (m) return dx + Number(m[1]);
    }
    return Number.NaN;
  };
  /** Centre of the April bar. */
  const aprilBar = (svg: string) => {
    const group = /<g(?: transform="translate\(([-\d.]+),[-\d.]+\)")?[^>]*data-mark="bar">(.*?)<\/g>/.exec(svg);
    const m = /<rect[^>]* width="([\d.]+)" x="([\d.]+)"><title>Apr 2025/.exec(group?.[2] ?? '');
    return Number(group?.[1] ?? 0) + Number(m?.[2]) + Number(m?.[1]) / 2;
  };

  for (const type of ['bar', 'line', 'area']) {
    it(`${type}: 4 April is drawn on April, wherever in the month the date falls`, () => {
      const at = (date: string) =>
        stemX(renderProps({ type, annotations: [{ x: date, label: 'Rule' }] }, exports).svg.wide);
      const fourth = at('2025-04-04');
      expect(at('2025-04-01')).toBe(fourth);
      expect(at('2025-04-28')).toBe(fourth);
      const { wide } = renderProps({ type, annotations: [{ x: '2025-04-04', label: 'Rule' }] }, exports).svg;
      expect(fourth).toBeCloseTo(type === 'bar' ? aprilBar(wide) : aprilPoint(wide), 0);
    });
  }
});

describe('one colour per entity across the site', () => {
  it('named series take the site settings colour in any chart, in any case and order', () => {
    const a = seriesColours(['Germany', 'United States']);
    const b = seriesColours(['united states', 'Japan', 'GERMANY']);
    expect(a.get('United States')).toBe(site.seriesColors['United States']);
    expect(b.get('united states')).toBe(site.seriesColors['United States']);
    expect(a.get('Germany')).toBe(b.get('GERMANY'));
    expect(entityColour(' germany ')).toBe(site.seriesColors.Germany);
  });

  it('other series take the palette in order, skipping colours the chart already uses; pinned colours win', () => {
    const colours = seriesColours(['Alpha', 'World', 'Beta']);
    expect(colours.get('World')).toBe(PALETTE[0]);
    expect(colours.get('Alpha')).toBe(PALETTE[1]);
    expect(colours.get('Beta')).toBe(PALETTE[2]);
    const pinned = seriesColours(['Germany', 'United States'], { Germany: '#123456' });
    expect(pinned.get('Germany')).toBe('#123456');
    expect(pinned.get('United States')).toBe(site.seriesColors['United States']);
  });

  it("a single-series dataset's entity gives its chart the entity's colour: the US alone and beside Germany", () => {
    const us = loadDataset('china-magnet-exports-us');
    const byDestination = loadDataset('china-magnet-exports-by-destination');
    const alone = normaliseChart({ data: us.name }, us, place).colours;
    const beside = normaliseChart({ data: byDestination.name, series: 'destination' }, byDestination, place).colours;
    expect(Object.values(alone)).toEqual([site.seriesColors['United States']]);
    expect(beside['United States']).toBe(site.seriesColors['United States']);
    // Without an entity, a single series takes the palette's first colour.
    expect(Object.values(normaliseChart({ data: exports.name }, exports, place).colours)).toEqual([PALETTE[0]]);
  });

  it('data read at an earlier vintage, before the field existed, takes the entity from the newest metadata', () => {
    const us = loadDataset('china-magnet-exports-us');
    const { entity: _, ...meta } = us.meta;
    const historic = { ...us, meta, vintage: { commit: 'a'.repeat(40), date: new Date('2025-07-01') } };
    expect(datasetEntity(historic)).toBe('United States');
    expect(datasetEntity({ ...historic, vintage: undefined })).toBeUndefined();
  });

  it('metadata names the entity with an optional field', () => {
    const yml = `title: T\ndescription: D.\nsource: { name: S }\nunit: t\nlicence: L.\nentity: Germany\ncolumns:\n  month: { type: date, format: "%Y-%m" }\n  tonnes: { type: number }\n`;
    const data = parseDataset(
      'de',
      'month,tonnes\n2025-05,1\n2025-06,2',
      parseDatasetMeta(yml, 'data/de.yml'),
      'data/de.csv',
      yml,
    );
    expect(normaliseChart({ data: 'de' }, data, place).colours).toEqual({ tonnes: site.seriesColors.Germany });
  });

  it('every palette and site colour keeps 3:1 against the light, dark and PNG backgrounds', () => {
    const luminance = (hex: string) => {
      const [r, g, b] = [1, 3, 5].map((i) => {
        const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      }) as [number, number, number];
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const ratio = (a: string, b: string) => {
      const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
      return (hi + 0.05) / (lo + 0.05);
    };
    for (const colour of [...PALETTE, MUTED, ...Object.values(site.seriesColors)])
      for (const background of ['#fbfaf6', '#14171b', '#ffffff'])
        expect(ratio(colour, background), `${colour} on ${background}`).toBeGreaterThanOrEqual(3);
  });
});

describe('labels: values on the marks', () => {
  it('lines end with their last value, and with their names when there are several', () => {
    const one = renderProps({ type: 'line' }, exports).svg.wide;
    expect(one).toMatch(/<text[^>]*>5,577&#160;t<\/text>/);
    const several = renderProps(
      { type: 'line', series: 'destination' },
      monthlyDataset('l', '2025-05,Germany,100\n2025-06,Germany,900\n2025-05,Japan,500\n2025-06,Japan,200', {
        destination: true,
      }),
    ).svg.wide;
    expect(several).toMatch(/>Germany<\/text>/);
    expect(several).toMatch(/>900&#160;t<\/text>/);
    expect(legend(several)).toBe('');
  });

  it('labels="none" draws no values, and the legend names the series', () => {
    const { wide } = renderProps({ type: 'line', series: 'destination', labels: 'none' }, destinations).svg;
    expect(wide).not.toMatch(/>619&#160;t<\/text>/);
    expect(legend(wide)).toContain('United States');
  });

  it('bars show their values when asked (labels alone means values), not by default', () => {
    const values = (svg: string) =>
      ['5,383', '2,634', '1,238', '3,188', '5,577'].filter((v) => svg.includes(`>${v}</text>`));
    expect(values(renderProps({ type: 'bar' }, exports).svg.wide)).toEqual([]);
    expect(values(renderProps({ type: 'bar', labels: true }, exports).svg.wide)).toHaveLength(5);
    expect(values(renderProps({ type: 'bar', labels: 'ends' }, exports).svg.wide)).toEqual(['5,577']);
  });

  it('a misspelt labels value fails with did-you-mean and what is allowed', () => {
    const message = failure({ labels: 'valeus' });
    expect(message).toContain("labels 'valeus' is not one of values, ends, none");
    expect(message).toContain("did you mean 'values'");
    expect(failure({ lables: 'values' })).toContain("did you mean 'labels'");
  });
});

describe('chart text at least 11 CSS px on the page', () => {
  it('the phone drawing in a 360 px window (320 px column) and the wide one from where it takes over', () => {
    const narrow = LAYOUTS.narrow;
    expect((narrow.fontSize * (360 - 40)) / narrow.width).toBeGreaterThanOrEqual(MIN_TEXT_PX);
    const css = readFileSync(path.join(import.meta.dirname, '../../src/styles/charts.css'), 'utf8');
    const breakpoint = Number(/@media \(max-width: ([\d.]+)rem\) \{\s*\.chart__plot--wide/.exec(css)?.[1]) * 16;
    const wide = LAYOUTS.wide;
    expect((wide.fontSize * (breakpoint - 40)) / wide.width).toBeGreaterThanOrEqual(MIN_TEXT_PX);
  });

  it('no text in a drawing is set smaller than its layout font size', () => {
    for (const [props, data] of [
      [{ type: 'bar', labels: true, annotations: [{ x: '2025-04-04', label: 'Rule' }] }, exports],
      [{ type: 'line', series: 'destination' }, destinations],
    ] as const) {
      const { svg } = renderProps(props, data);
      for (const layout of [LAYOUTS.wide, LAYOUTS.narrow]) {
        const sizes = [...svg[layout.name].matchAll(/font-size="([\d.]+)"/g)].map((m) => Number(m[1]));
        expect(Math.min(...sizes)).toBe(layout.fontSize);
      }
    }
  });
});
