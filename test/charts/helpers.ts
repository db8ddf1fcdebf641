import { readFileSync } from 'node:fs';
import path from 'node:path';
import { chartLabels } from '../../src/charts/cached-svg.ts';
import { renderChart } from '../../src/charts/chart.ts';
import { chartKeys } from '../../src/charts/identity.ts';
import { normaliseChart } from '../../src/charts/normalise.ts';
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

/**
 * A small monthly dataset built in the test: `month` (YYYY-MM), optionally `destination`,
 * and `tonnes` (optionally with gaps allowed), from CSV rows without the header.
 */
export function monthlyDataset(name: string, rows: string, { destination = false, optional = false } = {}): Dataset {
  const meta = `title: Test exports
description: Test data.
source: { name: Test }
unit: tonnes
licence: Test only.
columns:
  month: { type: date, format: "%Y-%m", label: Month }
${destination ? '  destination: { type: string, label: Destination }\n' : ''}  tonnes: { type: number, label: Exports, unit: t${optional ? ', optional: true' : ''} }
`;
  const header = destination ? 'month,destination,tonnes' : 'month,tonnes';
  return parseDataset(name, `${header}\n${rows}`, parseDatasetMeta(meta, `data/${name}.yml`), `data/${name}.csv`, meta);
}

/**
 * A chart from `<Chart>` props through the engine's pure centre, `renderChart`: no cache, no
 * worker. Its SVGs point at the chart's own ids (`nameId`, `descriptionId`), as on a page.
 */
export function renderProps(props: Record<string, unknown>, data: Dataset) {
  const spec = normaliseChart({ data: data.name, ...props }, data, place);
  const { id, drawing } = chartKeys(spec);
  const labels = chartLabels(id);
  return { id, drawing, ...labels, ...renderChart(spec, place, labels) };
}
