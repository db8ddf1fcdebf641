import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { codeFingerprint, fingerprintOf } from '../../src/lib/code-fingerprint.ts';
import { PROJECT_ROOT } from '../helpers/build-site.ts';

describe('code fingerprint (the part of every cache key that stands for the code)', () => {
  mkdirSync(path.join(PROJECT_ROOT, 'test/.tmp'), { recursive: true });
  const root = mkdtempSync(path.join(PROJECT_ROOT, 'test/.tmp/fingerprint-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  cpSync(path.join(PROJECT_ROOT, 'src'), path.join(root, 'src'), { recursive: true });
  cpSync(path.join(PROJECT_ROOT, 'package-lock.json'), path.join(root, 'package-lock.json'));

  it('is the same for the same files, and is what this process uses', () => {
    expect(fingerprintOf(root)).toBe(fingerprintOf(root));
    expect(fingerprintOf(PROJECT_ROOT)).toBe(codeFingerprint());
    expect(codeFingerprint()).toMatch(/^[0-9a-f]{16}$/);
  });

  it('changes when a formatting function changes, without any constant bumped', () => {
    const before = fingerprintOf(root);
    const file = path.join(root, 'src/charts/format.ts');
    writeFileSync(file, readFileSync(file, 'utf8').replace("',~f'", "',.1f'"));
    expect(readFileSync(file, 'utf8')).not.toBe(readFileSync(path.join(PROJECT_ROOT, 'src/charts/format.ts'), 'utf8'));
    expect(fingerprintOf(root)).not.toBe(before);
  });

  it('changes when the palette, a description or a new source file changes, or a package is upgraded', () => {
    let last = fingerprintOf(root);
    const changes: [string, (text: string) => string][] = [
      ['src/charts/palette.ts', (text) => `${text}\n// edited\n`],
      ['src/charts/describe.ts', (text) => `${text}\n// reworded\n`],
      ['src/charts/new-module.ts', () => 'export const x = 1;\n'],
      ['package-lock.json', (text) => text.replace(/"version": "[^"]+"/, '"version": "0.0.0-test"')],
    ];
    for (const [name, change] of changes) {
      const file = path.join(root, name);
      let text = '';
      try {
        text = readFileSync(file, 'utf8');
      } catch {}
      writeFileSync(file, change(text));
      const next = fingerprintOf(root);
      expect(next, name).not.toBe(last);
      last = next;
    }
  });

  it('leaves no hand-bumped version constants in the cache keys', () => {
    const sources = [
      'charts/render.ts',
      'charts/figure-key.ts',
      'charts/png.ts',
      'charts/fonts.ts',
      'og/render.ts',
      'email/edition.ts',
    ];
    for (const source of sources) {
      expect(readFileSync(path.join(PROJECT_ROOT, 'src', source), 'utf8'), source).not.toMatch(/[A-Z_]+_VERSION = '/);
    }
  });
});
