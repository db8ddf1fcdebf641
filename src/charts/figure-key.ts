import { createHash } from 'node:crypto';
import type { Dataset } from '../data/schema.ts';
import { RENDERER_VERSION } from './render.ts';

/** Stable JSON of author props: keys sorted, functions by source text, dates as ISO strings. */
export function stableProps(props: Record<string, unknown>): string {
  return JSON.stringify(props, function (this: unknown, key, value: unknown) {
    const raw = (this as Record<string, unknown>)[key];
    if (raw instanceof Date) return { $date: raw.toISOString() };
    if (typeof value === 'function') return { $function: value.toString() };
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      return Object.fromEntries(
        Object.keys(value)
          .filter((k) => !k.startsWith('__'))
          .sort()
          .map((k) => [k, (value as Record<string, unknown>)[k]]),
      );
    }
    return value;
  });
}

/**
 * Key of a whole rendered figure, computed before any normalising: the author's props
 * (without `__line`, which only places errors), the dataset's content hash (computed once
 * per load), its vintage, and the renderer version. Everything a figure is drawn from.
 */
export function figureKey(props: Record<string, unknown>, dataset: Dataset): string {
  const vintage = dataset.vintage
    ? `${dataset.vintage.commit}\0${dataset.vintage.date.toISOString()}\0${dataset.vintage.latest ? 1 : 0}`
    : '';
  return createHash('sha256')
    .update(`${RENDERER_VERSION}\0${dataset.name}\0${dataset.hash}\0${vintage}\0`)
    .update(stableProps(props))
    .digest('hex')
    .slice(0, 24);
}
