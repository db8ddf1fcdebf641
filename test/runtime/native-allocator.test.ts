import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RESVG_ALLOCATOR_OPTIONS } from '../../src/runtime/native-allocator.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Loads a module in a fresh Node process and returns what mimalloc says of its options. */
function mimallocOptions(module: string, env: Record<string, string> = {}): Map<string, string> {
  const { MIMALLOC_PURGE_DELAY: _, ...rest } = process.env;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', `await import(${JSON.stringify(module)})`], {
    cwd: ROOT,
    env: { ...rest, ...env, MIMALLOC_VERBOSE: '1' },
    encoding: 'utf8',
  });
  expect(result.status, result.stderr).toBe(0);
  const options = new Map<string, string>();
  for (const match of result.stderr.matchAll(/mimalloc: option '(\w+)': (-?\d+)/g))
    options.set(match[1] ?? '', match[2] ?? '');
  expect(options.size, 'mimalloc printed its options').toBeGreaterThan(0);
  return options;
}

describe("resvg's allocator options", () => {
  it('are in place when the PNG or the card module is the first to load resvg', () => {
    expect(RESVG_ALLOCATOR_OPTIONS).toEqual({ MIMALLOC_PURGE_DELAY: '1000' });
    for (const module of ['./src/charts/png.ts', './src/og/draw.ts']) {
      const options = mimallocOptions(module);
      expect(options.get('purge_delay'), module).toBe('1000');
    }
  });

  it('leave a setting in the environment alone', () => {
    const options = mimallocOptions('./src/charts/png.ts', { MIMALLOC_PURGE_DELAY: '10' });
    expect(options.get('purge_delay')).toBe('10');
  });

  it('are not what resvg would use without them (the check above can fail)', () => {
    const options = mimallocOptions('@resvg/resvg-js');
    expect(options.get('purge_delay')).toBe('10');
  });
});
