import { describe, expect, it } from 'vitest';
import { chartCsv } from '../../src/charts/csv.ts';
import { formatDateRange, numberFormatter, resolveSpecifier, withUnit } from '../../src/charts/format.ts';
import { normaliseChart } from '../../src/charts/normalise.ts';
import { changeText, valueText } from '../../src/charts/prose.ts';
import { chartTable } from '../../src/charts/table.ts';
import { fixture, place } from './helpers.ts';

const exports = fixture('exports');
const destinations = fixture('destinations');
const spec = (props: Record<string, unknown>, data = exports) =>
  normaliseChart({ data: data.name, ...props }, data, place);

describe('format', () => {
  it('writes units, thousands, percent, currency and SI', () => {
    expect(numberFormatter({ specifier: ',.0f', unit: 't' })(5383)).toBe('5,383\u00a0t');
    expect(numberFormatter({ specifier: resolveSpecifier('percent') as string, unit: '' })(0.53)).toBe('53%');
    expect(numberFormatter({ specifier: resolveSpecifier('currency') as string, unit: '' })(5383)).toBe('$5,383');
    expect(numberFormatter({ specifier: resolveSpecifier('si') as string, unit: '' })(5383)).toBe('5.38k');
    expect(withUnit('53', '%')).toBe('53%');
    expect(resolveSpecifier('nonsense')).toBeUndefined();
  });
  it('writes date ranges compactly', () => {
    expect(formatDateRange(new Date(Date.UTC(2025, 2)), new Date(Date.UTC(2025, 4)), 'month')).toBe('Mar–May 2025');
    expect(formatDateRange(new Date(Date.UTC(2024, 11)), new Date(Date.UTC(2025, 1)), 'month')).toBe(
      'Dec 2024–Feb 2025',
    );
  });
});

// describeChart: test/charts/describe.test.ts

describe('table and CSV hold exactly the plotted rows', () => {
  it('formats the table and marks derived rows', () => {
    const table = chartTable(spec({ from: '2025-04', to: '2025-05' }));
    expect(table.headers).toEqual(['Month', 'Exports (t)', 'Basis']);
    expect(table.rows).toEqual([
      { derived: true, cells: ['Apr 2025', '2,634', 'derived'] },
      { derived: false, cells: ['May 2025', '1,238', 'stated'] },
    ]);
  });
  it('writes a CSV with a source and as-of header, values as in the source', () => {
    const csv = chartCsv(spec({ from: '2025-04', to: '2025-05' }));
    expect(csv).toBe(
      [
        "# China's magnet exports",
        '# Source: GACC (http://english.customs.gov.cn/)',
        '# Data as of: 2025-08-20',
        '# Licence: Facts with attribution.',
        '# Rows with basis = derived are derived (estimated), not stated by the source.',
        'month,tonnes,basis',
        '2025-04,2634,derived',
        '2025-05,1238,stated',
        '',
      ].join('\n'),
    );
  });
});

describe('Value and Change', () => {
  it("quote a value formatted like its column, with the dataset's unit word as the prose around it", () => {
    expect(valueText({ data: 'exports', at: '2025-05' }, exports, place)).toBe('1,238\u00a0tonnes');
    expect(
      valueText({ data: 'destinations', at: '2025-07', where: { destination: 'Germany' } }, destinations, place),
    ).toBe('1,116\u00a0tonnes');
    expect(valueText({ data: 'exports', at: '2025-05', unit: 't' }, exports, place)).toBe('1,238\u00a0t');
  });
  it('say changes in words, percent or absolute', () => {
    expect(changeText({ data: 'exports', from: '2025-04', to: '2025-05' }, exports, place)).toBe('down 53%');
    expect(changeText({ data: 'exports', from: '2025-06', to: '2025-07' }, exports, place)).toBe('up 75%');
    expect(changeText({ data: 'exports', from: '2025-04', to: '2025-05', as: 'absolute' }, exports, place)).toBe(
      'down 1,396\u00a0tonnes',
    );
    expect(changeText({ data: 'exports', from: '2025-04', to: '2025-05', words: false }, exports, place)).toBe(
      '\u221253%',
    );
    expect(changeText({ data: 'exports', from: '2025-03', to: '2025-05', format: '.1%' }, exports, place)).toBe(
      'down 77.0%',
    );
  });
  it('fail with file:line on a missing row or column', () => {
    expect(() => valueText({ data: 'exports', at: '2025-08' }, exports, place)).toThrow(
      /content\/notes\/test.mdx:12:1 <Value data="exports">: no row with month = '2025-08'/,
    );
    expect(() => valueText({ data: 'exports', at: '2025-05', column: 'tonne' }, exports, place)).toThrow(
      /column 'tonne' \(option column\) not found.*did you mean 'tonnes'/,
    );
    expect(() => changeText({ data: 'exports', from: '2025-05', too: '2025-06' }, exports, place)).toThrow(
      /unknown option 'too'; did you mean 'to'/,
    );
    expect(() => valueText({ data: 'destinations', at: '2025-07' }, destinations, place)).toThrow(
      /2 rows have month = '2025-07'/,
    );
  });
});
