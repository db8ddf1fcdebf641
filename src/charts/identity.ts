import { createHash } from 'node:crypto';
import { RENDERER_VERSION } from './render.ts';
import type { ChartSpec } from './spec.ts';

/**
 * A stable JSON text: dates as ISO strings, functions (the escape hatch) by their source text,
 * keys in a fixed order, and keys `skipKey` rejects left out. Same input, same text, on any machine.
 */
export function stableJson(value: unknown, skipKey: (key: string) => boolean = () => false): string {
  return JSON.stringify(value, function (this: unknown, key, inner: unknown) {
    const raw = (this as Record<string, unknown>)[key];
    if (raw instanceof Date) return { $date: raw.toISOString() };
    if (typeof inner === 'function') return { $function: inner.toString() };
    if (inner && typeof inner === 'object' && !Array.isArray(inner)) {
      return Object.fromEntries(
        Object.keys(inner)
          .filter((k) => !skipKey(k))
          .sort()
          .map((k) => [k, (inner as Record<string, unknown>)[k]]),
      );
    }
    return inner;
  });
}

/** Stable JSON of a normalised spec (see `stableJson`). */
export function specFingerprint(spec: ChartSpec): string {
  return stableJson(spec);
}

/**
 * The chart's id: a content hash of the normalised spec, its rows and the renderer version.
 * Used for file names in dist/charts/, element ids and the render cache; never a date or counter.
 */
export function chartId(spec: ChartSpec): string {
  return createHash('sha256')
    .update(RENDERER_VERSION)
    .update('\0')
    .update(specFingerprint(spec))
    .digest('hex')
    .slice(0, 16);
}
