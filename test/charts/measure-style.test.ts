/**
 * One rule for how a measure's numbers are written (src/charts/format.ts, measureStyle): the
 * same quantity reads the same way in <Value>, <Change>, chart descriptions, chart labels and
 * tables, and a change is rounded the same way in prose and in descriptions.
 */
import { describe, expect, it } from 'vitest';
import { describeChart } from '../../src/charts/describe.ts';
import { measureStyle, numberFormatter, percentChange } from '../../src/charts/format.ts';
import { normaliseChart } from '../../src/charts/normalise.ts';
import { changeText, valueText } from '../../src/charts/prose.ts';
import { chartTable } from '../../src/charts/table.ts';
import { parseDataset, parseDatasetMeta } from '../../src/data/parse.ts';
import { fixture, place, renderProps } from './helpers.ts';

const exports = fixture('exports');

/** A dataset with a main measure in percent and a second number column with its own unit. */
function shares(datasetUnit: string) {
  const meta = `title: Shares
description: Test data.
source: { name: Test }
unit: ${datasetUnit}
licence: Test only.
columns:
  month: { type: date, format: "%Y-%m", label: Month }
  share: { type: number, label: Share, unit: "%", format: ".1f" }
  price: { type: number, label: Price, unit: USD/kg, format: ",.0f" }
`;
  const csv = 'month,share,price\n2025-05,4.8,60\n2025-06,6.0,62\n';
  return parseDataset('shares', csv, parseDatasetMeta(meta, 'data/shares.yml'), 'data/shares.csv', meta);
}

describe('measureStyle: the unit and format of a measure, from the dataset metadata', () => {
  it("sentences write the dataset's unit word for its main measure; charts and tables the column's unit", () => {
    const style = measureStyle(exports, 'tonnes');
    expect(style).toEqual({ specifier: ',.0f', unit: 't', sentenceUnit: 'tonnes' });
    expect(numberFormatter(style, { sentence: true })(5577)).toBe('5,577\u00a0tonnes');
    expect(numberFormatter(style)(5577)).toBe('5,577\u00a0t');
  });

  it('an attached unit (%) is never spelt out, another column keeps its own unit, the author overrides', () => {
    const data = shares('percent');
    expect(measureStyle(data, 'share')).toEqual({ specifier: '.1f', unit: '%' });
    expect(measureStyle(data, 'price')).toEqual({ specifier: ',.0f', unit: 'USD/kg' });
    expect(measureStyle(exports, 'tonnes', { unit: 'kt', specifier: ',.1f' })).toEqual({
      specifier: ',.1f',
      unit: 'kt',
    });
    expect(valueText({ data: 'shares', at: '2025-05', column: 'share' }, data, place)).toBe('4.8%');
  });

  it('the same quantity reads the same way in <Value>, <Change> and the chart description', () => {
    const value = valueText({ data: 'exports', at: '2025-05' }, exports, place);
    const spec = normaliseChart({ data: 'exports' }, exports, place);
    const description = describeChart(spec);
    expect(description).toContain(`low of ${value} in May 2025`);
    const absolute = changeText({ data: 'exports', from: '2025-04', to: '2025-05', as: 'absolute' }, exports, place);
    expect(absolute).toBe('down 1,396\u00a0tonnes');
  });

  it('chart marks and the table carry the short unit, the table in its header', () => {
    const chart = renderProps({}, exports);
    expect(chart.svg.wide).toMatch(/1,238(&#160;|\u00a0)t</);
    const table = chartTable(normaliseChart({ data: 'exports' }, exports, place));
    expect(JSON.stringify(table)).toContain('Exports (t)');
  });

  it('a change is rounded to whole percent in prose and descriptions alike, thousands separated', () => {
    expect(percentChange(12.4615)).toBe('1,246%');
    expect(percentChange(-0.4615)).toBe('46%');
    const prose = changeText({ data: 'exports', from: '2025-06', to: '2025-07' }, exports, place);
    const description = describeChart(normaliseChart({ data: 'exports', from: '2025-06' }, exports, place));
    expect(prose).toBe('up 75%');
    expect(description).toContain('up 75%');
  });
});
