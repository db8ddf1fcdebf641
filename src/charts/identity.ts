import { createHash } from 'node:crypto';
import { RENDERER_VERSION } from './render.ts';
import type { ChartSpec } from './spec.ts';

/**
 * A stable JSON text of a spec: dates as ISO strings, the escape-hatch function by its
 * source text, keys in a fixed order. Same spec and rows, same text, on any machine.
 */
export function specFingerprint(spec: ChartSpec): string {
  return JSON.stringify(spec, function (this: unknown, key, value: unknown) {
    const raw = (this as Record<string, unknown>)[key];
    if (raw instanceof Date) return { $date: raw.toISOString() };
    if (typeof value === 'function') return { $function: value.toString() };
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      return Object.fromEntries(
        Object.keys(value)
          .sort()
          .map((k) => [k, (value as Record<string, unknown>)[k]]),
      );
    }
    return value;
  });
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
