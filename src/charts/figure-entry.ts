/**
 * A figure as stored in the figure cache: one segmented entry (cache.ts) per figure, so a warm
 * build reads one file per chart. The head holds the short fields; the long texts follow raw:
 * the wide and narrow drawings with the figure's ids, the table's HTML, the CSV. Written by the
 * main thread (engine.ts) or by the worker that drew the chart (tasks.ts); laid out only here.
 */
import { readSegmentedCache, type SegmentedEntry, writeSegmentedCache } from './cache.ts';
import { type CachedSvg, isCached } from './cached-svg.ts';
import type { ChartSpec } from './spec.ts';

/** The parts of a spec the figure around the SVG shows (title, caption, source line). */
export type FigureSpec = Pick<ChartSpec, 'title' | 'subtitle' | 'caption' | 'derived' | 'source'>;

/** The short fields of a figure. */
export interface FigureHead {
  /** Stable content hash: file names in dist/charts/ and element ids. */
  id: string;
  /** The drawing's cache key (identity.ts), which is also its PNG twin's. */
  drawing: string;
  spec: FigureSpec;
  description: string;
  /** Whether a plotted row is derived (the source line says so). */
  derivedRows: boolean;
  /** The CSV's content hash: its file name in dist/charts/. */
  csvId: string;
}

/** A figure's long texts but its drawing. */
export interface FigureTexts {
  /** The data table as HTML, captioned with the chart's title. */
  tableHtml: string;
  csv: string;
}

/** A figure as read back: its head, its drawing (with the figure's ids) and its texts. */
export interface StoredFigure extends FigureTexts {
  head: FigureHead;
  svg: CachedSvg;
}

const HEX16 = /^[0-9a-f]{16}$/;

function isFigureEntry(entry: SegmentedEntry): entry is SegmentedEntry & { head: FigureHead } {
  const v = entry.head as FigureHead | null;
  const [wide, narrow] = entry.texts;
  return (
    entry.texts.length === 4 &&
    isCached({ wide, narrow }) &&
    !!v &&
    typeof v.id === 'string' &&
    HEX16.test(v.id) &&
    typeof v.drawing === 'string' &&
    typeof v.description === 'string' &&
    typeof v.derivedRows === 'boolean' &&
    typeof v.csvId === 'string' &&
    HEX16.test(v.csvId) &&
    !!v.spec &&
    typeof v.spec.subtitle === 'string' &&
    !!v.spec.source
  );
}

/** Stores a figure under its figure key (no-op when caching is off). */
export function writeFigureEntry(key: string, head: FigureHead, svg: CachedSvg, texts: FigureTexts): void {
  const { id, drawing, spec, description, derivedRows, csvId } = head;
  writeSegmentedCache('figure', key, { id, drawing, spec, description, derivedRows, csvId }, [
    svg.wide,
    svg.narrow,
    texts.tableHtml,
    texts.csv,
  ]);
}

/** A figure from the cache, when its entry is intact. */
export function readFigureEntry(key: string): StoredFigure | undefined {
  const stored = readSegmentedCache('figure', key, isFigureEntry);
  if (!stored) return undefined;
  const [wide, narrow, tableHtml, csv] = stored.texts as [string, string, string, string];
  return { head: stored.head, svg: { wide, narrow }, tableHtml, csv };
}
