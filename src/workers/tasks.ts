/**
 * The work a worker thread can do: pure functions from a structured-clonable input to a
 * structured-clonable output, so they give the same result on any thread.
 */
import { writeJsonCache } from '../charts/cache.ts';
import { renderPng } from '../charts/png.ts';
import { type ChartLabels, type RenderedSvg, renderSvg } from '../charts/render.ts';
import type { ChartPlace, ChartSpec } from '../charts/spec.ts';
import type { OgCard } from '../og/card.ts';
import { drawOgCard } from '../og/render.ts';

export interface SvgTask {
  /** A spec without a `plot` function (functions cannot cross threads). */
  spec: ChartSpec;
  labels: ChartLabels;
  place: ChartPlace;
  /** Render-cache key to store the drawing under, here rather than on the busy main thread. */
  cacheKey?: string;
}

// Outputs are fresh copies, so the worker can transfer their buffers. Wrapped in arrows: this module and og/render.ts import each other, so bindings are read late.
export const tasks = {
  /** Plot and linkedom: the wide, narrow and standalone SVG of a chart. */
  svg: ({ spec, labels, place, cacheKey }: SvgTask): RenderedSvg => {
    const svg = renderSvg(spec, labels, place);
    if (cacheKey) writeJsonCache('render', cacheKey, svg);
    return svg;
  },
  /** resvg: a standalone SVG to its 2x PNG twin. */
  png: (svg: string): Uint8Array => new Uint8Array(renderPng(svg)),
  /** satori and resvg: a 1200x630 preview card. */
  ogCard: async (card: OgCard): Promise<Uint8Array> => new Uint8Array(await drawOgCard(card)),
};

export type TaskName = keyof typeof tasks;
export type TaskInput<T extends TaskName> = Parameters<(typeof tasks)[T]>[0];
export type TaskOutput<T extends TaskName> = Awaited<ReturnType<(typeof tasks)[T]>>;
