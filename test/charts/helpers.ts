import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDataset, parseDatasetMeta } from '../../src/data/parse.ts';
import type { Dataset } from '../../src/data/schema.ts';

const FIXTURES = path.join(import.meta.dirname, '..', 'fixtures', 'charts');

/** Loads a fixture dataset from test/fixtures/charts/<name>.csv + .yml. */
export function fixture(name: string): Dataset {
  const csv = readFileSync(path.join(FIXTURES, `${name}.csv`), 'utf8');
  const yml = readFileSync(path.join(FIXTURES, `${name}.yml`), 'utf8');
  return parseDataset(name, csv, parseDatasetMeta(yml, `data/${name}.yml`), `data/${name}.csv`, yml);
}

export const place = { file: 'content/notes/test.mdx', line: 12 };
