import { describe, expect, it, vi } from 'vitest';
import { normaliseChart } from '../../src/charts/normalise.ts';
import { AssayError } from '../../src/lib/errors.ts';
import { fixture, place, renderProps } from './helpers.ts';

const exports = fixture('exports');
const destinations = fixture('destinations');
const stacked = { type: 'area', series: 'destination' };

/** The error a chart's props fail with. */
function failure(props: Record<string, unknown>, data = destinations): AssayError {
  try {
    normaliseChart({ data: data.name, ...props }, data, { ...place, column: 3 });
  } catch (error) {
    return error as AssayError;
  }
  throw new Error('expected the chart to fail');
}

describe('labels a chart cannot draw fail instead of drawing nothing', () => {
  it('values on a stacked area: one line at the tag, naming the prop, the kind and what works', () => {
    for (const labels of ['values', true]) {
      const error = failure({ ...stacked, labels });
      expect(error).toBeInstanceOf(AssayError);
      expect(error.message.split('\n')[0]).toMatch(
        /^content\/notes\/test\.mdx:12:3 <Chart data="destinations">: labels="values" cannot be drawn on a stacked area chart/,
      );
      expect(error.hint).toContain('labels="ends"');
      expect(error.hint).toContain('type="bar"');
      expect(error.hint).toContain('stack={false}');
    }
  });

  it('ends on a scatter plot, and any labels on a custom plot', () => {
    expect(failure({ type: 'scatter', x: 'month', labels: 'ends' }, exports).problem).toContain(
      'labels="ends" cannot be drawn on a scatter chart',
    );
    expect(failure({ type: 'line', labels: 'values', plot: () => ({}) }, exports).problem).toContain(
      'labels="values" cannot be drawn with plot',
    );
  });

  it('every combination the engine draws still normalises', () => {
    const drawn: [Record<string, unknown>, typeof exports][] = [
      [{ ...stacked }, destinations],
      [{ ...stacked, labels: 'ends' }, destinations],
      [{ ...stacked, labels: 'none' }, destinations],
      [{ ...stacked, stack: false, labels: 'values' }, destinations],
      [{ type: 'area', labels: 'values' }, exports],
      [{ type: 'bar', series: 'destination', stack: true, labels: 'values' }, destinations],
      [{ type: 'dot', labels: 'values' }, exports],
      [{ type: 'line', labels: 'values' }, exports],
    ];
    for (const [props, data] of drawn)
      expect(() => normaliseChart({ data: data.name, ...props }, data, place)).not.toThrow();
  });

  it('what the hint offers is drawn: a stacked area writes each band’s last value at the right edge', () => {
    const { svg } = renderProps({ ...stacked }, destinations);
    const texts = [...svg.wide.matchAll(/<text[^>]*>([^<]+)<\/text>/g)].map((m) => m[1]);
    // The last month of each band (July 2025 in the fixture): United States 619, Germany 1,116.
    expect(texts).toEqual(expect.arrayContaining(['United States', 'Germany', '619&#160;t', '1,116&#160;t']));
  });

  it('an earlier version from history that asked for values on a stacked area is drawn as it was, with a warning', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const spec = normaliseChart({ data: 'destinations', ...stacked, labels: 'values' }, destinations, {
      ...place,
      history: true,
    });
    expect(spec.labels).toBe('values');
    expect(warn).toHaveBeenCalledTimes(1);
    warn.mockRestore();
  });
});
