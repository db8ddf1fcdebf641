import { describe, expect, it, vi } from 'vitest';
import { normaliseChart } from '../../src/charts/normalise.ts';
import { fixture, place } from './helpers.ts';

const exports = fixture('exports');
const destinations = fixture('destinations');
const spec = (props: Record<string, unknown>, data = exports) =>
  normaliseChart({ data: data.name, ...props }, data, place);
const error = (props: Record<string, unknown>, data = exports): string => {
  try {
    spec(props, data);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error');
};

describe('normaliseChart defaults', () => {
  it('fills x, y, kind, format, subtitle and source from the dataset', () => {
    const s = spec({});
    expect(s.kind).toBe('bar');
    expect(s.x.name).toBe('month');
    expect(s.y.name).toBe('tonnes');
    // Charts write the column's unit; sentences the dataset's unit word (format.ts, measureStyle).
    expect(s.number).toEqual({ specifier: ',.0f', unit: 't', sentenceUnit: 'tonnes' });
    expect(s.subtitle).toBe('China’s magnet exports, tonnes');
    expect(s.derived).toEqual({ column: 'basis', value: 'derived' });
    expect(s.source.asOf).toBe('2025-08-20');
    expect(s.rows).toHaveLength(5);
  });
  it('selects rows with from/to (inclusive) and where, and sorts', () => {
    expect(spec({ from: '2025-04', to: '2025-06' }).rows.map((r) => r.tonnes)).toEqual([2634, 1238, 3188]);
    expect(spec({ where: { basis: 'stated' } }).rows).toHaveLength(3);
    expect(spec({ sort: '-y' }).rows[0]?.tonnes).toBe(5577);
    expect(spec({ type: 'bar', x: 'destination', where: { month: '2025-07' } }, destinations).rows).toHaveLength(2);
  });
  it('stacks areas with series by default, groups bars', () => {
    expect(spec({ type: 'area', series: 'destination' }, destinations).stack).toBe(true);
    expect(spec({ type: 'bar', series: 'destination' }, destinations).stack).toBe(false);
    expect(spec({ type: 'scatter' }).kind).toBe('dot');
  });
  it('gives a series the same colour in every chart', () => {
    const a = spec({ type: 'line', series: 'destination' }, destinations).colours;
    const b = spec(
      { type: 'bar', series: 'destination', where: { destination: 'United States' } },
      destinations,
    ).colours;
    expect(a['United States']).toBe(b['United States']);
    expect(a['United States']).not.toBe(a.Germany);
  });
  it('resolves format keywords and units', () => {
    expect(spec({ format: 'si' }).number.specifier).toBe('.3~s');
    expect(spec({ format: 'percent', unit: '' }).number).toEqual({ specifier: '.0%', unit: '' });
    expect(spec({ format: '$,.2f' }).number.specifier).toBe('$,.2f');
  });
  it('parses annotations, rules and highlights against the x column', () => {
    const s = spec({
      annotations: [{ x: '2025-04-04', label: '4 Apr: licences required' }],
      rules: [{ y: 657 }],
      highlight: '2025-05',
    });
    expect(s.annotations[0]?.value).toEqual(new Date(Date.UTC(2025, 3, 4)));
    expect(s.rules[0]).toEqual({ axis: 'y', value: 657, label: null });
    expect(s.highlight?.from).toEqual(new Date(Date.UTC(2025, 4, 1)));
  });
});

describe('normaliseChart errors name the option, the fix and file:line', () => {
  it('unknown column, with did-you-mean and the column list', () => {
    const message = error({ y: 'tonne' });
    expect(message).toContain('content/notes/test.mdx:12');
    expect(message).toContain(
      "column 'tonne' (option y) not found in data/exports.csv; columns are month, tonnes, basis; did you mean 'tonnes'?",
    );
  });
  it('unknown option, with did-you-mean and the option list', () => {
    const message = error({ titel: 'x' });
    expect(message).toContain("unknown option 'titel'; did you mean 'title'?");
    expect(message).toContain('options are data, type, x, y');
  });
  it.each([
    [{ type: 'pie' }, /type 'pie' is not one of bar, line, area, dot, scatter.*type must be one of/s],
    [{ sort: 'up' }, /sort must be one of x, -x, y, -y, none/],
    [{ y: 'basis' }, /y column 'basis' is text/],
    [{ type: 'line', x: 'basis' }, /a line chart needs a date or number x column/],
    [{ from: 'May 2025' }, /from 'May 2025' is not a valid date for column 'month'/],
    [{ from: '2030-01' }, /no rows left to plot/],
    [{ format: 'pounds' }, /format 'pounds' is neither a format name nor a d3-format specifier/],
    [{ annotations: [{ label: 'x' }] }, /annotations\[0\] needs exactly one of x .* or y/],
    [{ annotations: [{ x: '2024-01', label: 'x' }] }, /outside the plotted month range/],
    [{ rules: [{ y: 'high' }] }, /rules\[0\]\.y must be a number, not 'high'/],
    [{ horizontal: 'yes' }, /horizontal must be true or false, not 'yes'/],
    [{ rules: [{ y: 657, lable: 'x' }] }, /rules\[0\] has an unknown key 'lable'; did you mean 'label'\?/],
    [{ highlight: '2024-01' }, /highlight '2024-01' is outside the plotted month range, 2025-03 to 2025-07/],
    [{ highlight: { from: '2025-06', to: '2025-04' } }, /highlight.from '2025-06' is after highlight.to '2025-04'/],
    [{ highlight: { from: '2025-04', to: '2026-09' }, type: 'line' }, /highlight.to '2026-09' is outside/],
    [
      { colors: { Exprots: '#009E73' } },
      /colors key 'Exprots' is not the chart's series, 'Exports'; did you mean 'Exports'/,
    ],
    [{ where: { basiss: 'stated' } }, /column 'basiss' \(option where.basiss\) not found.*did you mean 'basis'/],
    [{ series: 'month' }, /series and x are both 'month'/],
    [{ colors: { World: 'blue' } }, /hex colour/],
    [{ derived: { column: 'bases', value: 'derived' } }, /derived column 'bases' not found/],
    [{ plot: 'Plot.barY()' }, /plot must be a function/],
    [{ vintage: 'oldest' }, /vintage/],
    [{ height: 20 }, /height must be a whole number of pixels/],
  ])('%j', (props, pattern) => {
    const message = error(props as Record<string, unknown>);
    expect(message).toMatch(pattern);
    expect(message).toContain('content/notes/test.mdx:12');
  });
  it('a where value no row has, with did-you-mean, instead of a silently missing series', () => {
    const message = error(
      { type: 'line', series: 'destination', where: { destination: ['Germany', 'United Sates'] } },
      destinations,
    );
    expect(message).toContain(
      "where.destination 'United Sates' matches no row of data/destinations.csv; did you mean 'United States'?",
    );
    expect(message).toContain('hint: destination values are United States, Germany');
  });
  it('highlights and colours must name plotted categories and series in the data', () => {
    expect(error({ x: 'destination', highlight: 'Germny', where: { month: '2025-07' } }, destinations)).toContain(
      "highlight 'Germny' is not one of the plotted destination values; did you mean 'Germany'?",
    );
    expect(error({ type: 'line', series: 'destination', colors: { Germnay: '#009E73' } }, destinations)).toContain(
      "colors key 'Germnay' is not a destination in the data; did you mean 'Germany'?",
    );
    // A colour for a series in the data but filtered out by where is not a typo.
    expect(
      spec(
        {
          type: 'line',
          series: 'destination',
          where: { destination: 'Germany' },
          colors: { 'United States': '#009E73' },
        },
        destinations,
      ).seriesNames,
    ).toEqual(['Germany']);
  });
  it('an earlier version from history: checks added since warn, the chart is drawn as it was', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const history = { ...place, history: true };
    const s = normaliseChart(
      {
        data: 'destinations',
        type: 'line',
        series: 'destination',
        where: { destination: ['Germany', 'United Sates'] },
      },
      destinations,
      history,
    );
    expect(s.seriesNames).toEqual(['Germany']);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(() => normaliseChart({ data: 'exports', y: 'tonne' }, exports, history)).toThrow(/column 'tonne'/);
    warn.mockRestore();
  });
  it('the place includes the column when the tag has one', () => {
    expect(() => normaliseChart({ data: 'exports', y: 'tonne' }, exports, { ...place, column: 5 })).toThrow(
      /^content\/notes\/test.mdx:12:5 </,
    );
  });
  it('text from/to on a category axis', () => {
    expect(error({ x: 'destination', from: 'A' }, destinations)).toMatch(/x column 'destination' is text/);
  });
});
