import { describe, expect, it } from 'vitest';
import { roundNumbers } from '../../src/charts/svg.ts';

/** The rule as a regex: what roundNumbers' hand-written scan must do exactly. */
function byRegex(value: string): string {
  return value.replace(/-?\d*\.\d{3,}(?:e-?\d+)?/g, (n) => {
    const rounded = Math.round(Number(n) * 100) / 100;
    return String(Object.is(rounded, -0) ? 0 : rounded);
  });
}

/** A small deterministic generator (mulberry32), so a failure is reproducible. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('roundNumbers', () => {
  it('rounds numbers with three or more decimals to two, and leaves the rest', () => {
    expect(roundNumbers('12.3456')).toBe('12.35');
    expect(roundNumbers('12.34')).toBe('12.34');
    expect(roundNumbers('400')).toBe('400');
    expect(roundNumbers('-0.004')).toBe('0');
    expect(roundNumbers('M10.123,20.5L30.98765,-4.0001Z')).toBe('M10.12,20.5L30.99,-4Z');
    expect(roundNumbers('translate(0.5,12.34567)')).toBe('translate(0.5,12.35)');
    expect(roundNumbers('1.23456e-7')).toBe('0');
    expect(roundNumbers('1.2345e')).toBe('1.23e');
    expect(roundNumbers('1.23.4567')).toBe('1.23.46');
  });

  it('agrees with the regex on 20,000 random path-like strings', () => {
    const next = random(42);
    const alphabet = '0123456789.-e,MLZ ';
    for (let n = 0; n < 20_000; n++) {
      let value = '';
      const length = Math.floor(next() * 24);
      for (let i = 0; i < length; i++) value += alphabet[Math.floor(next() * alphabet.length)];
      expect(roundNumbers(value), JSON.stringify(value)).toBe(byRegex(value));
    }
  });
});
