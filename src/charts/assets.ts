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
   * The standalone SVG (xmlns, light background, Inter), the source of the PNG twin and of
   * preview cards, made when first read (warm builds rarely need it). Not written to dist/:
   * nothing links to it, and every extra file costs a warm build more than the chart itself
   * (see docs/charts.md).
   */
  readonly svg: string;
}

/** What is remembered of every chart staged, once its files are let go: a few dozen bytes. */
export type StagedChart = Pick<ChartAssetFiles, 'csvId' | 'drawing'>;

type Sink = (id: string, files: ChartAssetFiles) => void;

/**
 * The charts one build (or dev server) has staged for `dist/charts/`, owned by its runtime
 * (src/runtime/). A chart's files (its CSV and the source of its SVG) are kept only while
 * someone holds them: the writer until its files are in dist/, a preview card until it is
 * drawn. The dev server keeps all of them, to serve them on request.
 */
export class StagedCharts {
  private readonly staged = new Map<string, StagedChart>();
  /** Files still needed, with who needs them. */
  private readonly held = new Map<string, { files: ChartAssetFiles; holders: Set<string> }>();
  private readonly keepAll: boolean;
  private sink: Sink | undefined;

  /** `keepAll`: never let files go (the dev server serves them from memory). */
  constructor({ keepAll }: { keepAll: boolean }) {
    this.keepAll = keepAll;
  }

  /**
   * Sets (or, with undefined, removes) the writer told about each newly staged chart: the
   * build writes a chart's files while other pages still render, instead of all at the end.
   * The writer holds each chart's files (as `writer`) until it lets them go with `release`.
   */
  onStaged(sink: Sink | undefined): void {
    this.sink = sink;
  }

  /** Records a chart's files for the build to write; identical charts share files by id. */
  stage(id: string, files: ChartAssetFiles): void {
    if (this.staged.has(id)) return;
    this.staged.set(id, { csvId: files.csvId, drawing: files.drawing });
    if (this.keepAll) this.hold(id, 'dev', files);
    if (this.sink) {
      this.hold(id, WRITER, files);
      this.sink(id, files);
    }
  }

  /** Keeps a chart's files until `holder` releases them; `files` brings them back if they were let go. */
  hold(id: string, holder: string, files: ChartAssetFiles): void {
    const entry = this.held.get(id);
    if (entry) entry.holders.add(holder);
    else this.held.set(id, { files, holders: new Set([holder]) });
  }

  /** `holder` no longer needs the chart's files; they go when nobody does. */
  release(id: string, holder: string): void {
    const entry = this.held.get(id);
    if (!entry) return;
    entry.holders.delete(holder);
    if (entry.holders.size === 0) this.held.delete(id);
  }

  /** A staged chart's files, while someone holds them (dev server, preview cards). */
  files(id: string): ChartAssetFiles | undefined {
    return this.held.get(id)?.files;
  }

  /** A staged chart's CSV hash and drawing key, kept after its files are let go. */
  chart(id: string): StagedChart | undefined {
    return this.staged.get(id);
  }

  /** A held CSV download by its content hash (dev server). */
  csv(csvId: string): string | undefined {
    for (const { files } of this.held.values()) if (files.csvId === csvId) return files.csv;
    return undefined;
  }

  /** How many charts, and distinct CSV downloads, were staged. */
  counts(): { charts: number; csvs: number } {
    return { charts: this.staged.size, csvs: new Set([...this.staged.values()].map((chart) => chart.csvId)).size };
  }

  /** How many charts' files are held in memory now (tests: nothing is kept to the end). */
  heldCount(): number {
    return this.held.size;
  }
}

/** The holder name of the build's writer (src/integrations/chart-assets.ts). */
export const WRITER = 'writer';

/** Public URLs of a chart's files, under the site's base path. */
export function chartAssetUrls(id: string, csvId: string, base = '/'): { csv: string; png: string } {
  const root = `${base.replace(/\/?$/, '/')}charts/`;
  return { csv: `${root}${csvId}.csv`, png: `${root}${id}.png` };
}
