/**
 * Pictures for docs/charts.md: each example there, drawn by the chart engine from the sample
 * data in data/, written as a standalone SVG to docs/images/charts/<name>.svg.
 *
 *   npm run docs:images
 *
 * test/docs/images.test.ts fails when a picture no longer matches what the engine draws, so
 * the gallery cannot drift from the code.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderChart } from '../src/charts/chart.ts';
import { normaliseChart } from '../src/charts/normalise.ts';
import { parseDataset, parseDatasetMeta } from '../src/data/parse.ts';
import type { Dataset } from '../src/data/schema.ts';

export const PROJECT_ROOT = path.resolve(import.meta.dirname, '..');
export const DOCS_IMAGES = path.join(PROJECT_ROOT, 'docs/images/charts');

/** One gallery picture: its file name and the `<Chart>` props the docs show next to it. */
export interface DocExample {
  name: string;
  props: Record<string, unknown>;
}

const WORLD = 'china-magnet-exports-world';
const US = 'china-magnet-exports-us';
const DESTINATIONS = 'china-magnet-exports-by-destination';
const LICENCES = [{ x: '2025-04-04', label: '4 Apr: licences required' }];

export const DOC_EXAMPLES: DocExample[] = [
  { name: 'bar-annotation', props: { data: WORLD, type: 'bar', from: '2025-03', annotations: LICENCES } },
  {
    name: 'line-rule',
    props: { data: WORLD, type: 'line', from: '2025-03', rules: [{ y: 5278, label: 'July 2024' }] },
  },
  { name: 'line-series', props: { data: DESTINATIONS, type: 'line', series: 'destination' } },
  { name: 'area', props: { data: US, type: 'area' } },
  { name: 'dot', props: { data: WORLD, type: 'dot', from: '2025-03' } },
  { name: 'bar-grouped', props: { data: DESTINATIONS, type: 'bar', series: 'destination' } },
  { name: 'bar-stacked', props: { data: DESTINATIONS, type: 'bar', series: 'destination', stack: true } },
  {
    name: 'bar-horizontal',
    props: {
      data: DESTINATIONS,
      type: 'bar',
      x: 'destination',
      where: { month: '2025-07' },
      horizontal: true,
      sort: '-y',
    },
  },
  { name: 'area-stacked', props: { data: DESTINATIONS, type: 'area', series: 'destination' } },
  { name: 'highlight-bar', props: { data: WORLD, type: 'bar', from: '2025-03', highlight: '2025-05' } },
  {
    name: 'highlight-period',
    props: {
      data: WORLD,
      type: 'line',
      from: '2025-03',
      highlight: { from: '2025-04', to: '2025-05', label: 'Licensing' },
    },
  },
  { name: 'format-si', props: { data: WORLD, type: 'bar', from: '2025-03', format: 'si' } },
  {
    name: 'plot-escape-hatch',
    props: {
      data: WORLD,
      from: '2025-03',
      plot: (data: unknown[], Plot: typeof import('@observablehq/plot')) => ({
        marks: [Plot.lineY(data, { x: 'month', y: 'tonnes', curve: 'step-after' }), Plot.ruleY([0])],
      }),
    },
  },
];

/** A sample dataset as it stands in the working tree (the gallery does not pin a vintage). */
function sampleDataset(name: string): Dataset {
  const csvFile = `data/${name}.csv`;
  const ymlFile = `data/${name}.yml`;
  const csv = readFileSync(path.join(PROJECT_ROOT, csvFile), 'utf8');
  const yml = readFileSync(path.join(PROJECT_ROOT, ymlFile), 'utf8');
  return parseDataset(name, csv, parseDatasetMeta(yml, ymlFile), csvFile, yml);
}

/** The standalone SVG the engine draws for an example (white background, `xmlns`, Inter): no cache. */
export function drawExample(example: DocExample): string {
  const data = sampleDataset(example.props.data as string);
  const place = { file: 'docs/charts.md' };
  return `${renderChart(normaliseChart(example.props, data, place), place).svg.standalone}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  mkdirSync(DOCS_IMAGES, { recursive: true });
  for (const example of DOC_EXAMPLES) {
    const file = path.join(DOCS_IMAGES, `${example.name}.svg`);
    writeFileSync(file, drawExample(example));
    process.stdout.write(`${path.relative(PROJECT_ROOT, file)}\n`);
  }
}
