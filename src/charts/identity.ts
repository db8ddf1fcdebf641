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

/** A chart's identities, from one serialisation of its spec (the slow part, once per chart). */
export interface ChartKeys {
  /**
   * The chart's id: a content hash of the normalised spec, its rows, its source and the
   * renderer version. File names in dist/charts/ and element ids; never a date or counter.
   */
  id: string;
  /**
   * Key of its drawing: the same without the source's date and commit, which the SVG does
   * not show, so the chart read at another data vintage (or in a feed) shares the drawing.
   */
  drawing: string;
}

export function chartKeys(spec: ChartSpec): ChartKeys {
  const { source, ...drawn } = spec;
  const body = stableJson(drawn);
  const hash = (sourceJson: string, length: number) =>
    createHash('sha256')
      .update(`${RENDERER_VERSION}\0`)
      .update(body)
      .update('\0')
      .update(sourceJson)
      .digest('hex')
      .slice(0, length);
  return {
    id: hash(stableJson(source), 16),
    drawing: hash(stableJson({ ...source, asOf: null, commit: null }), 24),
  };
}
