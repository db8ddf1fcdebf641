import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DOC_EXAMPLES, DOCS_IMAGES, drawExample, PROJECT_ROOT } from '../../scripts/docs-images.ts';

beforeAll(() => {
  // Draw fresh: the pictures must match the engine, not a cache entry.
  process.env.ASSAY_NO_CACHE = '1';
});

describe('docs/charts.md gallery', () => {
  const docs = readFileSync(path.join(PROJECT_ROOT, 'docs/charts.md'), 'utf8');
  for (const example of DOC_EXAMPLES) {
    it(`${example.name}.svg is what the engine draws today, and the docs show it`, () => {
      const file = path.join(DOCS_IMAGES, `${example.name}.svg`);
      expect(readFileSync(file, 'utf8'), `${file} is stale: run npm run docs:images`).toBe(drawExample(example));
      expect(docs).toContain(`](images/charts/${example.name}.svg)`);
    });
  }
});
