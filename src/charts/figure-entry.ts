/**
 * A figure, and the figure cache's entry for it: one JSON entry (cache.ts) per figure, so a
 * warm build reads one file per chart. Stored by the worker that drew the chart (tasks.ts) or,
 * when the drawing was already in memory, by the engine (engine.ts); laid out only here.
 */

import { readJsonCache, writeJsonCache } from './cache.ts';
import { type CachedSvg, fromCached, isCached, toCached } from './cached-svg.ts';
import type { RenderedChart } from './chart.ts';
import type { ChartSpec } from './spec.ts';

/** The parts of a spec the figure around the SVG shows (title, caption, source line). */
export type FigureSpec = Pick<ChartSpec, 'title' | 'subtitle' | 'caption' | 'derived' | 'source'>;

/** A rendered chart with its identities: what the engine keeps and `<Chart>` writes. */
export interface Figure extends RenderedChart {
  /** Stable content hash: file names in dist/charts/ and element ids. */
  id: string;
  /** The drawing's cache key (identity.ts), which is also its PNG twin's. */
  drawing: string;
  spec: FigureSpec;
}

/**
 * A figure with its fields in one order, however it was made (drawn, or read back), so a
 * cached figure serialises exactly as a fresh one. `chart.svg` carries the figure's own ids.
 */
export function figureOf(spec: FigureSpec, keys: { id: string; drawing: string }, chart: RenderedChart): Figure {
  const { title, subtitle, caption, derived, source } = spec;
  const { svg, description, tableHtml, derivedRows, csv, csvId } = chart;
  return {
    id: keys.id,
    drawing: keys.drawing,
    spec: { title, subtitle, caption, derived, source },
    svg,
    description,
    tableHtml,
    derivedRows,
    csv,
    csvId,
  };
}

/** A figure as stored: its drawing without the standalone SVG, which is rebuilt from the wide one. */
type FigureEntry = Omit<Figure, 'svg'> & { svg: CachedSvg };

const HEX16 = /^[0-9a-f]{16}$/;

function isFigureEntry(value: unknown): value is FigureEntry {
  const v = value as FigureEntry | null;
  return (
    !!v &&
    typeof v.id === 'string' &&
    HEX16.test(v.id) &&
    typeof v.drawing === 'string' &&
    isCached(v.svg) &&
    typeof v.description === 'string' &&
    typeof v.tableHtml === 'string' &&
    typeof v.derivedRows === 'boolean' &&
    typeof v.csv === 'string' &&
    typeof v.csvId === 'string' &&
    HEX16.test(v.csvId) &&
    !!v.spec &&
    typeof v.spec.subtitle === 'string' &&
    !!v.spec.source
  );
}

/** Stores a figure under its figure key (no-op when caching is off). */
export function writeFigureEntry(key: string, figure: Figure): void {
  writeJsonCache('figure', key, { ...figure, svg: toCached(figure.svg) } satisfies FigureEntry);
}

/** A figure from the cache, when its entry is intact. */
export function readFigureEntry(key: string): Figure | undefined {
  const entry = readJsonCache('figure', key, isFigureEntry);
  return entry && figureOf(entry.spec, entry, { ...entry, svg: fromCached(entry.svg) });
}
