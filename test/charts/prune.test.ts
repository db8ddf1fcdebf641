import { existsSync, mkdirSync, mkdtempSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { pruneCache, readJsonCache, writeJsonCache } from '../../src/charts/cache.ts';

const DAY = 24 * 60 * 60 * 1000;
const isText = (value: unknown): value is string => typeof value === 'string';
let root: string;

function entry(kind: string, name: string, ageDays: number): string {
  const file = path.join(root, kind, name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, 'x'.repeat(100));
  const when = new Date(Date.now() - ageDays * DAY);
  utimesSync(file, when, when);
  return file;
}

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'assay-prune-'));
  process.env.ASSAY_CACHE_DIR = root;
  delete process.env.ASSAY_NO_CACHE;
});
afterAll(() => {
  delete process.env.ASSAY_CACHE_DIR;
});

describe('cache pruning', () => {
  it('removes entries of every kind unused for longer than the limit, keeps the rest', () => {
    const old = [entry('png', 'a.png', 40), entry('render', 'b.json', 31), entry('og', 'c.png', 90)];
    const recent = [entry('png', 'd.png', 2), entry('email', 'e.json', 29)];
    const result = pruneCache({ maxAgeDays: 30 });
    expect(result).toEqual({ ran: true, files: 3, bytes: 300 });
    for (const file of old) expect(existsSync(file), file).toBe(false);
    for (const file of recent) expect(existsSync(file), file).toBe(true);
  });

  it('keeps an old entry that a build still uses: a cache hit refreshes it', () => {
    writeJsonCache('figure', 'k', 'still used');
    const file = path.join(root, 'figure', 'k.json');
    const longAgo = new Date(Date.now() - 60 * DAY);
    utimesSync(file, longAgo, longAgo);
    expect(readJsonCache('figure', 'k', isText)).toBe('still used');
    expect(Date.now() - statSync(file).mtimeMs).toBeLessThan(DAY);
    expect(pruneCache({ maxAgeDays: 30 }).files).toBe(0);
    expect(existsSync(file)).toBe(true);
  });

  it('clears temporary files left by interrupted writes after an hour', () => {
    const stale = entry('png', 'x.png.123.abc.tmp', 0.1);
    const fresh = entry('png', 'y.png.123.abc.tmp', 0.01);
    pruneCache({ maxAgeDays: 30 });
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(fresh)).toBe(true);
  });

  it('runs at most once a day', () => {
    pruneCache({ maxAgeDays: 30 });
    const old = entry('png', 'late.png', 40);
    expect(pruneCache({ maxAgeDays: 30 }).ran).toBe(false);
    expect(existsSync(old)).toBe(true);
    expect(pruneCache({ maxAgeDays: 30, now: Date.now() + 2 * DAY }).files).toBe(1);
  });

  it('does nothing with the cache turned off', () => {
    const old = entry('png', 'off.png', 40);
    process.env.ASSAY_NO_CACHE = '1';
    expect(pruneCache({ maxAgeDays: 30 }).ran).toBe(false);
    expect(existsSync(old)).toBe(true);
  });
});
