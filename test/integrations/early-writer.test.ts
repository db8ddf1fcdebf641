/**
 * The build's PNG-twin writer (src/integrations/chart-assets.ts): a twin waiting to be drawn
 * keeps its SVG only, not the chart's files (whose SVG getter holds the whole figure), so a
 * site whose pages outrun drawing does not hold every figure until the end of the build.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { ChartAssetFiles } from '../../src/charts/assets.ts';
import { renderPng } from '../../src/charts/png.ts';
import { earlyWriter, SPILL_FILE } from '../../src/integrations/chart-assets.ts';
import { closeRuntime, startRuntime } from '../../src/runtime/index.ts';

const out = mkdtempSync(path.join(tmpdir(), 'assay-early-writer-'));
const saved = { workers: process.env.ASSAY_WORKERS, cache: process.env.ASSAY_NO_CACHE };
beforeAll(() => {
  process.env.ASSAY_WORKERS = '0';
  process.env.ASSAY_NO_CACHE = '1';
});
afterEach(async () => {
  await closeRuntime();
});
afterAll(() => {
  for (const [name, value] of [
    ['ASSAY_WORKERS', saved.workers],
    ['ASSAY_NO_CACHE', saved.cache],
  ] as const)
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  rmSync(out, { recursive: true, force: true });
});

const svgOf = (fill: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="${fill}"/></svg>`;

function files(csvId: string, fill: string, reads: { count: number }): ChartAssetFiles {
  return {
    csv: 'a,b\n1,2\n',
    csvId,
    drawing: `drawing-${fill}`,
    get svg(): string {
      reads.count++;
      return svgOf(fill);
    },
  };
}

it('lets each chart’s files go when its twin is queued, and draws the twin from the SVG it kept', async () => {
  const rt = await startRuntime({ keepStaged: false });
  const dir = path.join(out, 'charts');
  const writer = earlyWriter(dir, rt);
  rt.charts.onStaged((id, staged) => writer.write(id, staged));
  const reads = { count: 0 };
  // Five charts, two of them the same drawing: more than the writer draws at once, so some wait.
  const charts = [
    ['aaaaaaaaaaaaaaaa', 'red'],
    ['bbbbbbbbbbbbbbbb', 'green'],
    ['cccccccccccccccc', 'blue'],
    ['dddddddddddddddd', 'black'],
    ['eeeeeeeeeeeeeeee', 'red'],
  ] as const;
  for (const [id, fill] of charts) rt.charts.stage(id, files(`csv-${fill}`, fill, reads));
  // Nothing holds a chart's files while its twin waits or is drawn.
  expect(rt.charts.heldCount()).toBe(0);
  // Each distinct drawing's SVG is made once; the repeated drawing is copied, not made again.
  expect(reads.count).toBe(4);
  await writer.finish();
  for (const [id, fill] of charts)
    expect(readFileSync(path.join(dir, `${id}.png`))).toEqual(Buffer.from(renderPng(svgOf(fill))));
  expect(existsSync(path.join(dir, 'csv-red.csv'))).toBe(true);
});

it('keeps a bounded number of waiting twins in memory and the rest in one temporary file, removed at the end', async () => {
  const rt = await startRuntime({ keepStaged: false });
  const dir = path.join(out, 'charts-bounded');
  const writer = earlyWriter(dir, rt, { queuedInMemory: 2 });
  rt.charts.onStaged((id, staged) => writer.write(id, staged));
  const reads = { count: 0 };
  const fills = ['#100000', '#200000', '#300000', '#400000', '#500000', '#600000', '#700000', '#800000', '#900000'];
  const ids = fills.map((_, index) => String(index + 1).repeat(16));
  for (const [index, fill] of fills.entries()) rt.charts.stage(ids[index] as string, files(`csv-${fill}`, fill, reads));
  // 4 are drawn at once and 2 wait in memory: the other 3 waited on disk.
  expect(writer.stats.spilled).toBe(3);
  // The last chart's SVG waits in one temporary file with the other two (builds running beside this test may have their own).
  const spilled = readdirSync(tmpdir()).filter((name) => {
    const file = path.join(tmpdir(), name, SPILL_FILE);
    return name.startsWith('assay-twins-') && existsSync(file) && readFileSync(file, 'utf8').includes(svgOf('#900000'));
  });
  expect(spilled).toHaveLength(1);
  const queued = readFileSync(path.join(tmpdir(), spilled[0] as string, SPILL_FILE), 'utf8');
  expect(queued).toBe(['#700000', '#800000', '#900000'].map(svgOf).join(''));
  await writer.finish();
  // Every twin is the PNG of its own SVG, whether it waited in memory or on disk.
  for (const [index, fill] of fills.entries())
    expect(readFileSync(path.join(dir, `${ids[index]}.png`))).toEqual(Buffer.from(renderPng(svgOf(fill))));
  for (const name of spilled) expect(existsSync(path.join(tmpdir(), name))).toBe(false);
});
