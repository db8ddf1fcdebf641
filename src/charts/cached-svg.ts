import type { ChartLabels, RenderedSvg } from './render.ts';
import { standaloneSvg } from './svg.ts';

/**
 * A drawing as cached: without its standalone SVG, which is rebuilt from the wide one
 * (`standaloneSvg`, a few string edits), so entries are a third smaller to write and read.
 */
export type CachedSvg = Omit<RenderedSvg, 'standalone'>;

export function toCached({ wide, narrow }: RenderedSvg): CachedSvg {
  return { wide, narrow };
}

/**
 * A cached drawing with its standalone SVG made on first use: a warm build needs it only for
 * a PNG twin or preview card missing from the cache (both are keyed by the drawing's key).
 */
export function fromCached(cached: CachedSvg): RenderedSvg {
  let standalone: string | undefined;
  return {
    wide: cached.wide,
    narrow: cached.narrow,
    get standalone() {
      standalone ??= standaloneSvg(cached.wide);
      return standalone;
    },
  };
}

export function isCached(value: unknown): value is CachedSvg {
  const v = value as CachedSvg | null;
  return (
    !!v &&
    typeof v.wide === 'string' &&
    v.wide.startsWith('<svg') &&
    typeof v.narrow === 'string' &&
    v.narrow.startsWith('<svg')
  );
}

/** Stands for the chart id inside a shared drawing; replaced when a figure uses the drawing. */
const ID_TOKEN = 'assay0chart0id';

/** The ids of a chart's accessible name and description, which its SVG's aria attributes point at. */
export function chartLabels(id: string): ChartLabels {
  return { nameId: `chart-${id}-name`, descriptionId: `chart-${id}-desc` };
}

/** The aria ids inside a shared drawing, replaced by `withIds`. */
export const SHARED_LABELS = chartLabels(ID_TOKEN);

/**
 * A shared drawing with one chart's ids in its aria attributes, the only place they appear
 * (the standalone SVG drops those attributes, so it is the shared drawing's).
 */
export function withIds(shared: RenderedSvg, id: string): RenderedSvg {
  return {
    wide: shared.wide.replaceAll(ID_TOKEN, id),
    narrow: shared.narrow.replaceAll(ID_TOKEN, id),
    get standalone() {
      return shared.standalone;
    },
  };
}
