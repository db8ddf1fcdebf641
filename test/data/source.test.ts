import { mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { workingTree } from '../../src/data/source.ts';

describe('workingTree', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'assay-source-'));
  const source = workingTree(root);
  const file = path.join(root, 'data.csv');

  it('reads a file, and says undefined for a missing one or a directory', () => {
    writeFileSync(file, 'month,tonnes\n2025-03,5383\n');
    expect(source.read('data.csv')).toBe('month,tonnes\n2025-03,5383\n');
    expect(source.read('missing.csv')).toBeUndefined();
    expect(source.read('.')).toBeUndefined();
  });

  it('sees an edit, even one that keeps the size (dev server)', () => {
    writeFileSync(file, 'month,tonnes\n2025-03,5383\n');
    expect(source.read('data.csv')).toContain('5383');
    writeFileSync(file, 'month,tonnes\n2025-03,5384\n');
    // A later modification time, as an editor's save gives.
    const later = new Date(Date.now() + 5_000);
    utimesSync(file, later, later);
    expect(source.read('data.csv')).toContain('5384');
  });
});
