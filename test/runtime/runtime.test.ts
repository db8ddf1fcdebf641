/**
 * The build's one runtime (src/runtime/): shared by every copy of its module, owning the
 * staged charts, and keeping a chart's files only while the writer or a preview card needs them.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { type ChartAssetFiles, WRITER } from '../../src/charts/assets.ts';
import { buildChart, clearRenderMemory } from '../../src/charts/engine.ts';
import { pngTwin } from '../../src/charts/twin.ts';
import { closeRuntime, runtime, startRuntime } from '../../src/runtime/index.ts';
import { leadChartPlaces } from '../../src/runtime/lead-places.ts';
import { fixture } from '../charts/helpers.ts';

const root = mkdtempSync(path.join(tmpdir(), 'assay-runtime-'));
const NOTE = 'content/notes/note.mdx';
mkdirSync(path.join(root, 'content/notes'), { recursive: true });
writeFileSync(
  path.join(root, NOTE),
  `---\ntitle: A note\n---\n\nSome prose with a <Value data="exports" /> first.\n\n<Chart data="exports" type="bar" />\n\nMore prose.\n\n  <Chart data="exports" type="line" />\n`,
);
const exports = fixture('exports');

afterEach(async () => {
  await closeRuntime();
  clearRenderMemory();
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Files whose SVG must not be made: staging never needs it. */
function files(csvId: string): ChartAssetFiles {
  return {
    csv: 'a,b\n',
    csvId,
    drawing: `drawing-${csvId}`,
    get svg(): string {
      throw new Error('the SVG was made');
    },
  };
}

describe('the runtime', () => {
  it('is one object for every copy of its module in the process (bundled pages and the integration)', async () => {
    // A second instance of the module, as Astro's page bundles load it.
    // @ts-expect-error: TypeScript resolves no query string; Vite loads the module again for it.
    const copy: typeof import('../../src/runtime/index.ts') = await import('../../src/runtime/index.ts?copy');
    expect(copy.runtime).not.toBe(runtime);
    const started = await startRuntime({ keepStaged: false });
    expect(runtime()).toBe(started);
    expect(copy.runtime()).toBe(started);
    await copy.closeRuntime();
    // Closed: the next use starts a default runtime, not the build's.
    expect(runtime()).not.toBe(started);
  });

  it('finds its worker script without being told, when unbundled', () => {
    expect(runtime().workerScript).toMatch(/src[/\\]workers[/\\]render-worker\.ts$/);
  });

  it('finds a note’s lead chart with the content check’s MDX reader: the first <Chart>, by line and column', () => {
    const locate = leadChartPlaces(root);
    expect(locate(NOTE)).toEqual({ line: 7, column: 1 });
    expect(locate('content/notes/missing.mdx')).toBeUndefined();
  });
});

describe('staged charts in a build', () => {
  it('lets a chart’s files go once the writer has them in dist/, and keeps what it needs to count', async () => {
    const rt = await startRuntime({ keepStaged: false, leadCharts: leadChartPlaces(root) });
    const written: string[] = [];
    rt.charts.onStaged((id) => written.push(id));
    rt.stageChart('a', files('c1'), { file: NOTE, line: 11, column: 3 });
    rt.stageChart('a', files('c1'), { file: NOTE, line: 11, column: 3 });
    rt.stageChart('b', files('c1'), { file: 'content/notes/other.mdx', line: 3 });
    expect(written).toEqual(['a', 'b']);
    expect(rt.charts.files('a')?.csvId).toBe('c1');
    rt.charts.release('a', WRITER);
    rt.charts.release('b', WRITER);
    expect(rt.charts.heldCount()).toBe(0);
    expect(rt.charts.counts()).toEqual({ charts: 2, csvs: 1 });
    expect(rt.charts.chart('a')?.drawing).toBe('drawing-c1');
  });

  it('keeps a note’s lead chart for its preview card until the card is drawn, and no other chart', async () => {
    const rt = await startRuntime({ keepStaged: false, leadCharts: leadChartPlaces(root) });
    rt.charts.onStaged(() => {});
    rt.stageChart('second', files('c2'), { file: NOTE, line: 11, column: 3 });
    rt.stageChart('lead', files('c1'), { file: NOTE, line: 7, column: 1 });
    // The same place in an earlier version from git history is not the card's chart.
    rt.stageChart('old', files('c3'), { file: NOTE, line: 7, column: 1, history: true });
    for (const id of ['second', 'lead', 'old']) rt.charts.release(id, WRITER);
    expect(rt.charts.heldCount()).toBe(1);
    expect(rt.leadChart(NOTE)).toMatchObject({ id: 'lead', drawing: 'drawing-c1' });
    expect(rt.leadChart(NOTE)?.files?.csvId).toBe('c1');
    rt.cardDrawn(NOTE);
    expect(rt.charts.heldCount()).toBe(0);
    // Still known for the card endpoint's key, and not held again when a later page renders it.
    rt.stageChart('lead', files('c1'), { file: NOTE, line: 7, column: 1 });
    expect(rt.leadChart(NOTE)).toMatchObject({ id: 'lead', drawing: 'drawing-c1', files: undefined });
    expect(rt.charts.heldCount()).toBe(0);
  });

  it('is where the chart engine stages a figure, with its place', async () => {
    const rt = await startRuntime({ keepStaged: false, leadCharts: leadChartPlaces(root) });
    const figure = await buildChart({ data: 'exports', type: 'bar' }, exports, { file: NOTE, line: 7, column: 1 });
    expect(rt.leadChart(NOTE)?.id).toBe(figure.id);
    // The card's source is the chart's PNG twin, keyed by the twin's key.
    const twin = pngTwin(figure);
    expect(rt.leadChart(NOTE)?.drawing).toBe(twin.key);
    expect(rt.leadChart(NOTE)?.files?.svg).toBe(twin.svg);
  });

  it('keeps every chart for the dev server, which serves them on request', async () => {
    const rt = await startRuntime({ keepStaged: true });
    rt.stageChart('a', files('c1'), { file: NOTE, line: 11 });
    expect(rt.charts.csv('c1')).toBe('a,b\n');
    expect(rt.charts.files('a')).toBeDefined();
  });
});
