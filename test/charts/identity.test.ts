import { describe, expect, it } from 'vitest';
import { rowsText, stableJson } from '../../src/charts/identity.ts';

/** The first implementation (a JSON.stringify replacer): chart ids and cache keys were made with it. */
function replacerStableJson(value: unknown, skipKey: (key: string) => boolean = () => false): string {
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

const values: [string, unknown][] = [
  ['rows with dates and numbers', [{ month: new Date('2025-03-01T00:00:00Z'), tonnes: 5383.5, b: null, a: 'x' }]],
  ['nested options', { z: { y: [1, 'two', { d: true, c: false }] }, a: [], m: {} }],
  ['keys that look like numbers', { b: 1, '10': 2, '2': 3, a: 4, '02': 5, '-1': 6 }],
  ['text needing escapes', { label: 'Licences "required" <b>\u2028 é \\ \n' }],
  [
    'undefined, functions and non-finite numbers',
    { u: undefined, f: (d: number) => d * 2, n: Number.NaN, i: -0, list: [undefined, () => 1, Infinity] },
  ],
  ['a top-level date', new Date('2024-01-01T00:00:00Z')],
  ['primitives', [0, -1.5e-7, 1e21, 'text', true, null]],
];

describe('stableJson', () => {
  for (const [name, value] of values) {
    it(`writes ${name} exactly as the replacer-based version did`, () => {
      expect(stableJson(value)).toBe(replacerStableJson(value));
    });
  }

  it('orders keys, so objects with the same entries give the same text', () => {
    expect(stableJson({ b: 1, a: { d: 2, c: 3 } })).toBe(stableJson({ a: { c: 3, d: 2 }, b: 1 }));
  });

  it('leaves out the keys skipKey rejects, at any depth', () => {
    const skip = (key: string) => key.startsWith('__');
    const value = { __line: 12, data: 'x', nested: { __line: 3, keep: 1 } };
    expect(stableJson(value, skip)).toBe('{"data":"x","nested":{"keep":1}}');
    expect(stableJson(value, skip)).toBe(replacerStableJson(value, skip));
  });
});

describe('rowsText (the rows part of a chart id)', () => {
  const march = new Date('2025-03-01T00:00:00Z');
  const april = new Date('2025-04-01T00:00:00Z');
  const rows = [
    { month: march, tonnes: 5383.5, country: 'China' },
    { month: april, tonnes: 2626, country: 'China' },
  ];
  it('is the same for the same rows, whatever order their keys were set in', () => {
    const reordered = rows.map(({ month, tonnes, country }) => ({ country, tonnes, month }));
    expect(rowsText(reordered)).toBe(rowsText(rows));
  });
  it('changes with any value, the order of rows, or a column', () => {
    const text = rowsText(rows);
    expect(rowsText([{ ...rows[0], tonnes: 5383.6 }, rows[1] as object] as typeof rows)).not.toBe(text);
    expect(rowsText([{ ...rows[0], month: april }, rows[1] as object] as typeof rows)).not.toBe(text);
    expect(rowsText([rows[1], rows[0]] as typeof rows)).not.toBe(text);
    expect(rowsText(rows.map(({ country: _, ...rest }) => rest))).not.toBe(text);
    expect(rowsText(rows.map((row) => ({ ...row, derived: null })))).not.toBe(text);
  });
  it('tells a date, a number and a string of the same value apart', () => {
    const texts = [new Date(5), 5, '5', '@5'].map((value) => rowsText([{ value }]));
    expect(new Set(texts).size).toBe(4);
  });
  it('cannot be fooled by separators inside values', () => {
    const a = [{ label: 'a,b', n: 1 }];
    const b = [{ label: 'a', n: 1 }];
    expect(rowsText(a)).not.toBe(rowsText(b));
    expect(rowsText([{ label: 'x\n#["label"]' }])).not.toBe(rowsText([{ label: 'x' }, { label: '' }]));
  });
});
