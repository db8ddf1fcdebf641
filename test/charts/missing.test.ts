import { describe, expect, it } from 'vitest';
import { describeChart } from '../../src/charts/describe.ts';
import { normaliseChart } from '../../src/charts/normalise.ts';
import { chartTable, chartTableHtml } from '../../src/charts/table.ts';
import { monthlyDataset, place } from './helpers.ts';

/** Monthly exports with June missing for Germany, as an optional column allows. */
const gaps = monthlyDataset(
  'gaps',
  '2025-05,Germany,900\n2025-06,Germany,\n2025-07,Germany,1116\n2025-05,United States,46\n2025-06,United States,353\n2025-07,United States,619\n',
  { destination: true, optional: true },
);
const spec = (props: Record<string, unknown>) => normaliseChart({ data: 'gaps', ...props }, gaps, place);

describe('missing values are named, not silently skipped', () => {
  it('the description says which values are missing', () => {
    const text = describeChart(spec({ type: 'line', x: 'month', y: 'tonnes', series: 'destination' }));
    expect(text).toMatch(/ No value for Germany June 2025\.$/);
    const one = describeChart(spec({ type: 'bar', x: 'month', y: 'tonnes', where: { destination: 'Germany' } }));
    expect(one).toContain('up 24%. No value for June 2025.');
  });

  it('the description says nothing about gaps when there are none', () => {
    const text = describeChart(
      spec({ type: 'line', x: 'month', y: 'tonnes', where: { destination: 'United States' } }),
    );
    expect(text).not.toContain('No value');
  });

  it('the table marks the missing cell and says what the mark means', () => {
    const table = chartTable(spec({ type: 'bar', x: 'month', y: 'tonnes', where: { destination: 'Germany' } }));
    const june = table.rows[1];
    expect(june?.missing).toEqual(table.headers.map((header) => header.startsWith('Exports')));
    expect(table.rows[0]).not.toHaveProperty('missing');
    const html = chartTableHtml(table, 'Exports');
    expect(html).toContain('<abbr title="no value">&#8211;</abbr>');
    expect(html).toContain('<caption>Exports (&#8211; marks a missing value)</caption>');
  });

  it('a table with no missing value is written as before', () => {
    const table = chartTable(spec({ type: 'bar', x: 'month', y: 'tonnes', where: { destination: 'United States' } }));
    const html = chartTableHtml(table, 'Exports');
    expect(html).not.toContain('no value');
    expect(html).toContain('<caption>Exports</caption>');
  });
});
