import { fixture } from './helpers.ts';

/** One chart per kind and option family, drawn by the golden and DOM tests. */
export const exports = fixture('exports');
export const destinations = fixture('destinations');
export const CHART_CASES: [string, Record<string, unknown>, typeof exports][] = [
  ['bar', { type: 'bar', annotations: [{ x: '2025-04-04', label: '4 Apr: licences required' }] }, exports],
  [
    'bar-horizontal',
    { type: 'bar', horizontal: true, x: 'destination', where: { month: '2025-07' }, sort: '-y' },
    destinations,
  ],
  ['bar-grouped', { type: 'bar', series: 'destination' }, destinations],
  ['bar-stacked', { type: 'bar', series: 'destination', stack: true }, destinations],
  ['bar-highlight', { type: 'bar', highlight: '2025-05', rules: [{ y: 3000, label: 'Average' }] }, exports],
  [
    'line',
    {
      type: 'line',
      rules: [{ y: 2000, label: 'Level' }],
      annotations: [{ x: '2025-04-04', label: '4 Apr: licences required' }],
    },
    exports,
  ],
  ['line-multi', { type: 'line', series: 'destination' }, destinations],
  ['area', { type: 'area', highlight: { from: '2025-04', to: '2025-05', label: 'Controls bite' } }, exports],
  ['area-stacked', { type: 'area', series: 'destination' }, destinations],
  ['dot', { type: 'dot', format: 'si' }, exports],
  [
    'plot-escape-hatch',
    {
      // Ticks over months are ordinal: saying so (band) is what keeps Plot from warning about dates.
      plot: (data: unknown[], Plot: typeof import('@observablehq/plot')) => ({
        x: { type: 'band' },
        marks: [Plot.tickY(data, { x: 'month', y: 'tonnes' })],
      }),
    },
    exports,
  ],
];
