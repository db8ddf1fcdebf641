import { describe, expect, it } from 'vitest';
import { formatDate, formatMonth } from '../../src/lib/dates.ts';
import { memoised, RecentMap } from '../../src/lib/memo.ts';

describe('memoised', () => {
  it('makes each result once per argument, undefined results included', () => {
    const made: string[] = [];
    const upper = memoised((text: string) => {
      made.push(text);
      return text === 'none' ? undefined : text.toUpperCase();
    });
    expect([upper('a'), upper('b'), upper('a'), upper('none'), upper('none')]).toEqual([
      'A',
      'B',
      'A',
      undefined,
      undefined,
    ]);
    expect(made).toEqual(['a', 'b', 'none']);
  });

  it('keeps date formatting exact for every date it has seen', () => {
    expect(formatDate(new Date('2025-06-20T00:00:00Z'))).toBe('20 June 2025');
    expect(formatDate(new Date('2025-06-21T00:00:00Z'))).toBe('21 June 2025');
    expect(formatDate(new Date('2025-06-20T00:00:00Z'))).toBe('20 June 2025');
    expect(formatMonth('2025-05')).toBe('May 2025');
    expect(() => formatDate(new Date('not a date'))).toThrow(RangeError);
  });
});

describe('RecentMap', () => {
  it('keeps the entries used most recently, dropping the oldest past its limit', () => {
    const recent = new RecentMap<string, number>(2);
    recent.set('a', 1);
    recent.set('b', 2);
    expect(recent.get('a')).toBe(1); // a is now the most recent
    recent.set('c', 3);
    expect([...recent.keys()].sort()).toEqual(['a', 'c']);
    expect(recent.get('b')).toBeUndefined();
    recent.set('c', 4);
    expect(recent.size).toBe(2);
    expect(recent.get('c')).toBe(4);
  });
});
