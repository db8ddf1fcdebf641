/**
 * The files of one chart that go to `dist/charts/`: its CSV download, named by the CSV's own
 * content hash, and its PNG twin, named by the chart id.
 */
export interface ChartAssetFiles {
  csv: string;
  /**
   * Content hash of `csv`, its file name. Charts over the same rows (the same window of a
   * dataset drawn twice, or with other titles or annotations) share one download file.
   */
  csvId: string;
  /** The drawing's cache key: the PNG twin's and the preview card's key use it, not the SVG's bytes. */
  drawing: string;
  /**
   * The standalone SVG (xmlns, light background, Inter), kept in memory as the source of
   * the PNG twin and of preview cards, made when first read (warm builds rarely need it).
   * Not written to dist/: nothing links to it, and every extra file costs a warm build
   * more than the chart itself (see docs/charts.md).
   */
  readonly svg: string;
}

// Held on globalThis, not in a module-level Map: Astro's bundled page code and the
// integration that writes dist/ are separate module instances in the same process.
const REGISTRY = Symbol.for('assay.chart-assets');

function registry(): Map<string, ChartAssetFiles> {
  const global = globalThis as { [REGISTRY]?: Map<string, ChartAssetFiles> };
  global[REGISTRY] ??= new Map();
  return global[REGISTRY];
}

const SINK = Symbol.for('assay.chart-asset-sink');
type Sink = (id: string, files: ChartAssetFiles) => void;

/**
 * Sets (or, with undefined, removes) the function told about each newly staged chart: the
 * build writes a chart's files while other pages still render, instead of all at the end.
 */
export function onChartStaged(sink: Sink | undefined): void {
  (globalThis as { [SINK]?: Sink })[SINK] = sink;
}

/** Records a chart's files for the build to write; identical charts share files by id. */
export function stageChartAssets(id: string, files: ChartAssetFiles): void {
  const staged = registry();
  if (staged.has(id)) return;
  staged.set(id, files);
  (globalThis as { [SINK]?: Sink })[SINK]?.(id, files);
}

/** The staged files of one chart (dev server, preview cards). */
export function stagedChartAssets(id: string): ChartAssetFiles | undefined {
  return registry().get(id);
}

/** A staged CSV download by its content hash (dev server). */
export function stagedCsv(csvId: string): string | undefined {
  for (const files of registry().values()) if (files.csvId === csvId) return files.csv;
  return undefined;
}

/** Every chart staged since the build started, by id in sorted order (deterministic output). */
export function allStagedChartAssets(): [string, ChartAssetFiles][] {
  return [...registry()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Forgets staged charts: only charts rendered by this build may reach dist/. */
export function clearStagedChartAssets(): void {
  registry().clear();
}

/** Public URLs of a chart's files, under the site's base path. */
export function chartAssetUrls(id: string, csvId: string, base = '/'): { csv: string; png: string } {
  const root = `${base.replace(/\/?$/, '/')}charts/`;
  return { csv: `${root}${csvId}.csv`, png: `${root}${id}.png` };
}
