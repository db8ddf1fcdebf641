import { createHash } from 'node:crypto';
import { codeFingerprint } from '../lib/code-fingerprint.ts';
import type { ChartSpec } from './spec.ts';

/**
 * A stable JSON text: dates as ISO strings, functions (the escape hatch) by their source text,
 * keys in a fixed order, and keys `skipKey` rejects left out. Same input, same text, on any machine.
 * Written out rather than as a JSON.stringify replacer: a chart's key covers every plotted
 * row, and rebuilding each row object with sorted keys cost most of the key's time.
 */
export function stableJson(value: unknown, skipKey: (key: string) => boolean = () => false): string {
  return writeStable(value, '', skipKey) as string;
}

/** Whether a key is an array index ("0", "12"); most keys fail on their first character. */
const isArrayIndex = (key: string) => {
  const first = key.charCodeAt(0);
  return first >= 48 && first <= 57 && /^(?:0|[1-9]\d*)$/.test(key) && Number(key) < 4294967295;
};

/**
 * Sorted keys in the order an object built from them lists them (and so the order the
 * original replacer-based serialisation wrote): array-index keys ("2", "10") first, by
 * number, then the others by code unit. Keeps every existing chart id the same.
 */
function byPropertyOrder(a: string, b: string): number {
  const indexA = isArrayIndex(a);
  const indexB = isArrayIndex(b);
  if (indexA && indexB) return Number(a) - Number(b);
  if (indexA !== indexB) return indexA ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** One value as JSON.stringify would write it (undefined where it would leave it out). */
function writeStable(value: unknown, key: string, skipKey: (key: string) => boolean): string | undefined {
  if (value instanceof Date) return `{"$date":${JSON.stringify(value.toISOString())}}`;
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function')
    return writeStable((value as { toJSON: (key: string) => unknown }).toJSON(key), key, skipKey);
  switch (typeof value) {
    case 'function':
      return `{"$function":${JSON.stringify(value.toString())}}`;
    case 'undefined':
    case 'symbol':
      return undefined;
    case 'object':
      break;
    default:
      return JSON.stringify(value);
  }
  if (value === null) return 'null';
  if (Array.isArray(value))
    return `[${value.map((item, index) => writeStable(item, String(index), skipKey) ?? 'null').join(',')}]`;
  const parts: string[] = [];
  for (const name of Object.keys(value).sort(byPropertyOrder)) {
    if (skipKey(name)) continue;
    const written = writeStable((value as Record<string, unknown>)[name], name, skipKey);
    if (written !== undefined) parts.push(`${JSON.stringify(name)}:${written}`);
  }
  return `{${parts.join(',')}}`;
}

/**
 * Rows as stable text, column by column within each row: the keys of a row are sorted once
 * for every run of rows with the same keys (a dataset's rows all have the same), not per row.
 * Same rows, same text; a different value, key or order of rows, different text.
 */
export function rowsText(rows: readonly Record<string, unknown>[]): string {
  const parts: string[] = [];
  let shape = '';
  let keys: string[] = [];
  for (const row of rows) {
    const own = Object.keys(row);
    const rowShape = own.join('\0');
    if (rowShape !== shape) {
      shape = rowShape;
      keys = own.sort(byPropertyOrder);
      parts.push(`#${JSON.stringify(keys)}`);
    }
    let line = '';
    for (const key of keys) line += `${cellText(row[key], key)},`;
    parts.push(line);
  }
  return parts.join('\n');
}

/** One cell of `rowsText`: the common cell types written directly, anything else as stable JSON. */
function cellText(value: unknown, key: string): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (value instanceof Date) return `@${value.getTime()}`;
  return writeStable(value, key, () => false) ?? 'undefined';
}

/** A chart's identities, from one serialisation of its spec (the slow part, once per chart). */
export interface ChartKeys {
  /**
   * The chart's id: a content hash of the normalised spec, its rows, its source and the
   * renderer version. File names in dist/charts/ and element ids; never a date or counter.
   */
  id: string;
  /**
   * Key of its drawing: the same without what the SVG does not show (the title, subtitle,
   * caption, alt text and table columns, which the figure around it shows, and the source's
   * date and commit), so the chart under another title, at another data vintage or in a feed
   * shares the drawing, its cache entry and its PNG twin.
   */
  drawing: string;
}

export function chartKeys(spec: ChartSpec): ChartKeys {
  const { source, rows, title, subtitle, caption, alt, tableColumns, ...drawn } = spec;
  const body = `${stableJson(drawn)}\0${rowsText(rows)}`;
  const hash = (rest: string, length: number) =>
    createHash('sha256')
      .update(`${codeFingerprint()}\0`)
      .update(body)
      .update('\0')
      .update(rest)
      .digest('hex')
      .slice(0, length);
  return {
    id: hash(`${stableJson({ title, subtitle, caption, alt, tableColumns })}\0${stableJson(source)}`, 16),
    drawing: hash(stableJson({ ...source, asOf: null, commit: null }), 24),
  };
}
