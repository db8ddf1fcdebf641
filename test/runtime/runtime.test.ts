/**
 * The build's one runtime (src/runtime/): shared by every copy of its module, owning the
 * staged charts, and keeping a chart's files only while the writer needs them.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type ChartAssetFiles, WRITER } from '../../src/charts/assets.ts';
import { buildChart, clearRenderMemory } from '../../src/charts/engine.ts';
import { pngTwin } from '../../src/charts/twin.ts';
import { closeRuntime, runtime, startRuntime } from '../../src/runtime/index.ts';
import { fixture } from '../charts/helpers.ts';

const NOTE = 'content/notes/note.mdx';
const exports = fixture('exports');

afterEach(async () => {
  await closeRuntime();
  clearRenderMemory();
});

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
});

describe('staged charts in a build', () => {
  it('lets a chart’s files go once the writer has them in dist/, and keeps what it needs to count', async () => {
    const rt = await startRuntime({ keepStaged: false });
    const written: string[] = [];
    rt.charts.onStaged((id) => written.push(id));
    rt.charts.stage('a', files('c1'));
    rt.charts.stage('a', files('c1'));
    rt.charts.stage('b', files('c1'));
    expect(written).toEqual(['a', 'b']);
    expect(rt.charts.files('a')?.csvId).toBe('c1');
    rt.charts.release('a', WRITER);
    rt.charts.release('b', WRITER);
    expect(rt.charts.heldCount()).toBe(0);
    expect(rt.charts.counts()).toEqual({ charts: 2, csvs: 1 });
    expect(rt.charts.chart('a')?.drawing).toBe('drawing-c1');
  });

  it('is where the chart engine stages a figure: its CSV download and its PNG twin, by the twin’s key', async () => {
    const rt = await startRuntime({ keepStaged: false });
    const staged: string[] = [];
    rt.charts.onStaged((id) => staged.push(id));
    const figure = await buildChart({ data: 'exports', type: 'bar' }, exports, { file: NOTE, line: 7, column: 1 });
    expect(staged).toEqual([figure.id]);
    const twin = pngTwin(figure);
    expect(rt.charts.chart(figure.id)).toEqual({ csvId: figure.csvId, drawing: twin.key });
    expect(rt.charts.files(figure.id)?.svg).toBe(twin.svg);
    // A chart drawn for something else (a preview card) is not staged.
    await buildChart({ data: 'exports', type: 'line' }, exports, { file: NOTE }, { stage: false });
    expect(staged).toEqual([figure.id]);
  });

  it('keeps every chart for the dev server, which serves them on request', async () => {
    const rt = await startRuntime({ keepStaged: true });
    rt.charts.stage('a', files('c1'));
    expect(rt.charts.csv('c1')).toBe('a,b\n');
    expect(rt.charts.files('a')).toBeDefined();
  });
});
