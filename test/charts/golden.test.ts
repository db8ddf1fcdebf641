import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildChart, clearRenderMemory } from '../../src/charts/engine.ts';
import { CHART_CASES, exports } from './cases.ts';
import { place, renderProps } from './helpers.ts';

process.env.ASSAY_NO_CACHE = '1';
const OUTPUT = path.join(import.meta.dirname, '..', 'output');

/** Rounds numbers to 1 decimal and renumbers chart ids, so goldens survive float noise and hash changes. */
function normalise(svg: string): string {
  const ids = new Map<string, string>();
  return svg
    .replace(/chart-[0-9a-f]{16}/g, (id) => {
      if (!ids.has(id)) ids.set(id, `chart-${ids.size}`);
      return ids.get(id) as string;
    })
    .replace(/\d+\.\d+/g, (n) => String(Math.round(Number(n) * 10) / 10))
    .replace(/></g, '>\n<');
}

/** Compares with test/output/<name>.svg, writing it when missing; writes <name>-changed.svg on mismatch. */
function golden(name: string, svg: string): void {
  mkdirSync(OUTPUT, { recursive: true });
  const file = path.join(OUTPUT, `${name}.svg`);
  const changed = path.join(OUTPUT, `${name}-changed.svg`);
  const actual = normalise(svg);
  // In CI a missing golden is a failure: writing it there would make the test pass on anything.
  if (!existsSync(file)) {
    expect(
      process.env.CI,
      `${name}.svg is missing; run the tests locally to write it, then review and commit it`,
    ).toBeFalsy();
    writeFileSync(file, actual);
  }
  const expected = readFileSync(file, 'utf8');
  if (expected !== actual) writeFileSync(changed, actual);
  else rmSync(changed, { force: true });
  expect(actual, `${name}.svg differs; see ${name}-changed.svg`).toBe(expected);
}

describe('golden SVG per chart kind (renderChart, the pure centre of the engine)', () => {
  for (const [name, props, data] of CHART_CASES) {
    it(name, () => {
      const figure = renderProps(props, data);
      expect(figure.svg.wide).not.toContain('<style');
      // Plot draws a warning sign (U+26A0) into a chart it warned about on the console.
      for (const markup of [figure.svg.wide, figure.svg.narrow]) expect(markup).not.toContain('&#9888;');
      // Latin-1 only, so V8 keeps the page strings they join at one byte per character.
      for (const markup of [figure.svg.wide, figure.svg.narrow, figure.tableHtml])
        expect(markup).toMatch(/^[\0-\xff]*$/);
      expect(figure.svg.wide).not.toContain('style=');
      expect(figure.svg.wide).toMatch(/^<svg[^>]* role="img"/);
      expect(figure.svg.wide).toContain(`aria-labelledby="${figure.nameId}"`);
      expect(figure.svg.wide).toContain(`aria-describedby="${figure.descriptionId}"`);
      expect(figure.svg.narrow).toContain('viewBox="0 0 360 ');
      expect(figure.svg.standalone).toContain('xmlns="http://www.w3.org/2000/svg"');
      if (!props.plot) expect(figure.svg.wide).toContain('<title>');
      // Phones have no hover: the narrow drawing carries no titles (the table has the values).
      expect(figure.svg.narrow).not.toContain('<title>');
      // Points on lines and areas: one group per series, its colour on the group, not on each dot.
      for (const group of figure.svg.wide.match(/<g[^>]*data-mark="dot"[^>]*>.*?<\/g>/g) ?? []) {
        if (!['line', 'line-multi', 'area'].includes(name) || group.split('<circle').length < 3) continue;
        expect(group).toMatch(/^<g[^>]* fill="#[0-9A-F]{6}"/);
        expect(group).not.toMatch(/<circle[^>]* fill="/);
      }
      golden(name, figure.svg.wide);
      golden(`${name}-narrow`, figure.svg.narrow);
    });
  }
  it('ids are content hashes: the same chart twice has the same id, a different chart another', async () => {
    const a = await buildChart({ data: 'exports' }, exports, place, { stage: false });
    const b = await buildChart({ data: 'exports' }, exports, { file: 'other.mdx', line: 1 }, { stage: false });
    const c = await buildChart({ data: 'exports', type: 'line' }, exports, place, { stage: false });
    expect(a.id).toBe(b.id);
    expect(a.id).not.toBe(c.id);
    expect(a.id).toMatch(/^[0-9a-f]{16}$/);
  });
  it('charts that differ only in what the figure shows around the drawing share the drawing', async () => {
    const a = await buildChart({ data: 'exports', title: 'A', caption: 'One' }, exports, place, { stage: false });
    const b = await buildChart({ data: 'exports', title: 'B', subtitle: 'Other' }, exports, place, { stage: false });
    const c = await buildChart({ data: 'exports', type: 'line', title: 'A', caption: 'One' }, exports, place, {
      stage: false,
    });
    expect(a.id).not.toBe(b.id);
    expect(a.drawing).toBe(b.drawing);
    expect(a.drawing).not.toBe(c.drawing);
  });
});

describe('golden figures through the disk cache', () => {
  mkdirSync(path.join(import.meta.dirname, '..', '.tmp'), { recursive: true });
  const cacheDir = mkdtempSync(path.join(import.meta.dirname, '..', '.tmp', 'golden-cache-'));
  afterAll(() => {
    rmSync(cacheDir, { recursive: true, force: true });
    process.env.ASSAY_NO_CACHE = '1';
    delete process.env.ASSAY_CACHE_DIR;
  });

  it('a cold and a warm build give the same bytes as a build without the cache, and as renderChart', async () => {
    const figureText = (figure: Omit<Awaited<ReturnType<typeof buildChart>>, 'spec' | 'urls' | 'drawing'>) =>
      [
        figure.svg.wide,
        figure.svg.narrow,
        figure.svg.standalone,
        figure.tableHtml,
        figure.description,
        figure.csv,
      ].join('\0');
    const build = async () => {
      const texts: string[] = [];
      for (const [, props, data] of CHART_CASES) {
        clearRenderMemory();
        texts.push(figureText(await buildChart({ data: data.name, ...props }, data, place, { stage: false })));
      }
      return texts;
    };
    const pure = CHART_CASES.map(([, props, data]) => figureText(renderProps(props, data)));
    process.env.ASSAY_NO_CACHE = '1';
    const uncached = await build();
    expect(uncached).toEqual(pure);
    process.env.ASSAY_NO_CACHE = '0';
    process.env.ASSAY_CACHE_DIR = cacheDir;
    const cold = await build();
    expect(readdirSync(path.join(cacheDir, 'figure')).length).toBeGreaterThan(0);
    const warm = await build();
    expect(cold).toEqual(uncached);
    expect(warm).toEqual(uncached);
  });
});
