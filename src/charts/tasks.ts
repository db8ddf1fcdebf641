/**
 * The chart engine's worker tasks (src/workers/pool.ts): drawing a chart and rasterising its
 * PNG twin. Each also stores its result in the cache, so file writes stay off the main thread.
 */
import { defineTask } from '../workers/pool.ts';
import { writeBinaryCache, writeJsonCache } from './cache.ts';
import { toCached, withIds } from './cached-svg.ts';
import { type FigureHead, type FigureTexts, writeFigureEntry } from './figure-entry.ts';
import { renderPng } from './png.ts';
import { type ChartLabels, type RenderedSvg, renderSvg } from './render.ts';
import type { ChartPlace, ChartSpec } from './spec.ts';

export interface SvgTask {
  /** A spec without a `plot` function (functions cannot cross threads). */
  spec: ChartSpec;
  labels: ChartLabels;
  place: ChartPlace;
  /** Render-cache key to store the drawing under. */
  cacheKey?: string;
  /**
   * The figure-cache entry waiting for this drawing: stored with the drawing inside it (one
   * file per chart to write now and to read next build) instead of a `render/` entry.
   */
  figure?: { key: string; head: Omit<FigureHead, 'drawing'>; texts: FigureTexts };
}

/** Plot and the DOM: the wide, narrow and standalone SVG of a chart. */
export const svgTask = defineTask('svg', ({ spec, labels, place, cacheKey, figure }: SvgTask): RenderedSvg => {
  const svg = renderSvg(spec, labels, place);
  if (cacheKey) {
    if (figure) {
      writeFigureEntry(figure.key, { ...figure.head, drawing: cacheKey }, withIds(svg, figure.head.id), figure.texts);
    } else writeJsonCache('render', cacheKey, toCached(svg));
  }
  return svg;
});

/** A PNG twin to draw: its standalone SVG, and the cache key to store the PNG under. */
export interface PngTask {
  svg: string;
  cacheKey?: string;
}

/** resvg: a standalone SVG to its 2x PNG twin (a fresh copy, so the worker can transfer its buffer). */
export const pngTask = defineTask('png', ({ svg, cacheKey }: PngTask): Uint8Array => {
  const png = new Uint8Array(renderPng(svg));
  if (cacheKey) writeBinaryCache('png', cacheKey, 'png', png);
  return png;
});
