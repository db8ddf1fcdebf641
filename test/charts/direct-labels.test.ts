import { describe, expect, it } from 'vitest';
import { monthlyDataset, renderProps } from './helpers.ts';

function dataset(rows: string) {
  return monthlyDataset('labels', rows, { destination: true });
}

function lines(rows: string) {
  return renderProps({ type: 'line', series: 'destination' }, dataset(rows)).svg;
}

/** The legend group, or '' when the chart has none. */
const legend = (svg: string) => {
  const start = svg.indexOf('<g class="chart__legend"');
  return start < 0 ? '' : svg.slice(start, svg.indexOf('</g><', start) + 4);
};
/** Whether a series name is written as a label in the plot (outside the legend). */
const labelled = (svg: string, name: string) =>
  new RegExp(`<text[^>]*>${name}</text>`).test(svg.replace(legend(svg), ''));

describe('direct labels on lines (house style: where they fit, a legend otherwise)', () => {
  it('names each line at its last point and draws no series legend', () => {
    const svg = lines('2025-05,Germany,100\n2025-06,Germany,900\n2025-05,Japan,500\n2025-06,Japan,200');
    for (const drawing of [svg.wide, svg.narrow]) {
      expect(labelled(drawing, 'Germany')).toBe(true);
      expect(labelled(drawing, 'Japan')).toBe(true);
      expect(legend(drawing)).toBe('');
    }
  });

  it('falls back to the legend when two lines end too close for two labels', () => {
    const svg = lines('2025-05,Germany,100\n2025-06,Germany,900\n2025-05,Japan,500\n2025-06,Japan,890');
    expect(labelled(svg.wide, 'Germany')).toBe(false);
    expect(legend(svg.wide)).toContain('Germany');
  });

  it('falls back to the legend when the names would take too much of the width', () => {
    const long = 'A destination with a very long name indeed';
    const svg = lines(`2025-05,${long},100\n2025-06,${long},900\n2025-05,Japan,500\n2025-06,Japan,200`);
    expect(labelled(svg.narrow, long)).toBe(false);
    expect(legend(svg.narrow)).toContain(long);
  });
});
