/**
 * The chart engine's worker tasks (src/workers/pool.ts): rendering a chart and rasterising its
 * PNG twin. Each also stores its result in the cache, so file writes stay off the main thread.
 */
import { defineTask } from '../workers/pool.ts';
import { writeBinaryCache } from './cache.ts';
import { withIds } from './cached-svg.ts';
import { type RenderedChart, renderChart } from './chart.ts';
import { figureOf, writeFigureEntry } from './figure-entry.ts';
import { renderPng } from './png.ts';
import type { ChartPlace, ChartSpec } from './spec.ts';

export interface ChartTask {
  /** A spec; one with a `plot` function runs on the main thread only (functions cannot cross threads). */
  spec: ChartSpec;
  place: ChartPlace;
  /** Where to store the figure: its figure key, id and drawing key. */
  store?: { key: string; id: string; drawing: string };
}

/** `renderChart` (Plot and the DOM, most of a chart's cost): the chart, its drawing with placeholder ids. */
export const chartTask = defineTask('chart', ({ spec, place, store }: ChartTask): RenderedChart => {
  const chart = renderChart(spec, place);
  if (store) writeFigureEntry(store.key, figureOf(spec, store, { ...chart, svg: withIds(chart.svg, store.id) }));
  return chart;
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
