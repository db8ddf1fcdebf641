/**
 * The work a worker thread can do: pure functions from a structured-clonable input to a
 * structured-clonable output, so they give the same result on any thread.
 */
import { writeBinaryCache, writeJsonCache, writeSegmentedCache } from '../charts/cache.ts';
import { toCached, withIds } from '../charts/cached-svg.ts';
import { renderPng } from '../charts/png.ts';
import { type ChartLabels, type RenderedSvg, renderSvg } from '../charts/render.ts';
import type { ChartPlace, ChartSpec } from '../charts/spec.ts';
import type { OgCard } from '../og/card.ts';
import { drawOgCard } from '../og/draw.ts';

export interface SvgTask {
  /** A spec without a `plot` function (functions cannot cross threads). */
  spec: ChartSpec;
  labels: ChartLabels;
  place: ChartPlace;
  /** Render-cache key to store the drawing under, here rather than on the busy main thread. */
  cacheKey?: string;
  /**
   * The figure-cache entry waiting for this drawing: stored here with the drawing inside it
   * (one file per chart to write now and to read next build) instead of a `render/` entry.
   */
  figure?: FigureEntryTask;
}

/** A figure entry (engine.ts) but for its drawing: the head's short fields, the table's HTML and the CSV. */
export interface FigureEntryTask {
  key: string;
  head: { id: string };
  texts: [tableHtml: string, csv: string];
}

/** An image task: what to draw, and the cache key to store the PNG under (off the main thread). */
export interface ImageTask<T> {
  input: T;
  cacheKey?: string;
}

// Outputs are fresh copies, so the worker can transfer their buffers.
export const tasks = {
  /** Plot and linkedom: the wide, narrow and standalone SVG of a chart. */
  svg: ({ spec, labels, place, cacheKey, figure }: SvgTask): RenderedSvg => {
    const svg = renderSvg(spec, labels, place);
    if (cacheKey) {
      const cached = toCached(svg);
      // The same entry the main thread writes (engine.ts storedFigure): the drawing with the figure's ids.
      if (figure) {
        const own = withIds(svg, figure.head.id);
        writeSegmentedCache('figure', figure.key, { ...figure.head, drawing: cacheKey }, [
          own.wide,
          own.narrow,
          ...figure.texts,
        ]);
      } else writeJsonCache('render', cacheKey, cached);
    }
    return svg;
  },
  /** resvg: a standalone SVG to its 2x PNG twin. */
  png: ({ input: svg, cacheKey }: ImageTask<string>): Uint8Array => {
    const png = new Uint8Array(renderPng(svg));
    if (cacheKey) writeBinaryCache('png', cacheKey, 'png', png);
    return png;
  },
  /** satori and resvg: a 1200x630 preview card. */
  ogCard: async ({ input: card, cacheKey }: ImageTask<OgCard>): Promise<Uint8Array> => {
    const png = new Uint8Array(await drawOgCard(card));
    if (cacheKey) writeBinaryCache('og', cacheKey, 'png', png);
    return png;
  },
};

export type TaskName = keyof typeof tasks;
export type TaskInput<T extends TaskName> = Parameters<(typeof tasks)[T]>[0];
export type TaskOutput<T extends TaskName> = Awaited<ReturnType<(typeof tasks)[T]>>;
