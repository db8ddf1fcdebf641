import { createHash } from 'node:crypto';
import type { Dataset } from '../data/schema.ts';
import { stableJson } from './identity.ts';
import { RENDERER_VERSION } from './render.ts';

/**
 * Bumped whenever what a figure entry holds changes but its drawing does not (drawings are
 * versioned by RENDERER_VERSION): figure-2 stores the SVGs with the chart's ids filled in.
 */
export const FIGURE_VERSION = 'figure-2';

/** Stable JSON of author props, without injected keys such as `__line` (see `stableJson`). */
export function stableProps(props: Record<string, unknown>): string {
  return stableJson(props, (key) => key.startsWith('__'));
}

/**
 * Key of a whole rendered figure, computed before any normalising: the author's props
 * (without `__line`, which only places errors), the dataset's content hash (computed once
 * per load), its vintage, and the renderer and figure versions. Everything a figure is drawn from.
 */
export function figureKey(props: Record<string, unknown>, dataset: Dataset): string {
  const vintage = dataset.vintage
    ? `${dataset.vintage.commit}\0${dataset.vintage.date.toISOString()}\0${dataset.vintage.latest ? 1 : 0}`
    : '';
  return createHash('sha256')
    .update(`${RENDERER_VERSION}\0${FIGURE_VERSION}\0${dataset.name}\0${dataset.hash}\0${vintage}\0`)
    .update(stableProps(props))
    .digest('hex')
    .slice(0, 24);
}
