import { describe, expect, it } from 'vitest';
import { describeChart } from '../../src/charts/describe.ts';
import { normaliseChart } from '../../src/charts/normalise.ts';
import type { Dataset } from '../../src/data/schema.ts';
import { fixture, monthlyDataset, place } from './helpers.ts';

/** March to July 2025 of the world series: derived March and April, May's trough, July's high. */
const exports = fixture('exports');
const destinations = fixture('destinations');
const describeOf = (data: Dataset, props: Record<string, unknown>) =>
  describeChart(normaliseChart({ data: data.name, ...props }, data, place));
const monthly = (name: string, values: number[]) =>
  monthlyDataset(name, values.map((value, i) => `2025-${String(i + 1).padStart(2, '0')},${value}\n`).join(''));

describe('a chart description tells the story of its data', () => {
  it('a V-shaped series: start, the low with its date, the end, the largest change, the marker, derived values', () => {
    const text = describeOf(exports, {
      type: 'line',
      annotations: [{ x: '2025-04-04', label: '4 Apr: licences required' }],
    });
    expect(text).toBe(
      'Line chart: China’s magnet exports, tonnes, March to July 2025. ' +
        'From about 5,383\u00a0tonnes in March 2025, down to a low of 1,238\u00a0tonnes in May 2025, then up to 5,577\u00a0tonnes in July 2025 (the highest); up 4% overall. ' +
        'Largest change: down about 2,749\u00a0tonnes (51%) from March to April 2025. ' +
        'Marked: 4 April 2025, licences required. ' +
        'Derived (estimated), not stated by the source: March and April 2025.',
    );
  });

  it('every chart kind names the trough: bars, areas and dots as well as lines', () => {
    for (const type of ['bar', 'area', 'dot']) {
      expect(describeOf(exports, { type, format: ',.0f' })).toContain('down to a low of 1,238\u00a0tonnes in May 2025');
    }
  });

  it('a peak in the middle and a trough after it are told in date order', () => {
    const text = describeOf(monthly('peaks', [10, 50, 5, 30, 20]), { type: 'line' });
    expect(text).toContain(
      'From 10\u00a0tonnes in January 2025, up to a high of 50\u00a0tonnes in February 2025, down to a low of 5\u00a0tonnes in March 2025, then up to 20\u00a0tonnes in May 2025; up 100% overall.',
    );
    expect(text).toContain('Largest change: down 45\u00a0tonnes (90%) from February to March 2025.');
  });

  it('a monotone series says its ends are its extremes instead of naming them twice', () => {
    const text = describeOf(exports, { type: 'bar', to: '2025-05' });
    expect(text).toBe(
      'Bar chart: China’s magnet exports, tonnes, March to May 2025. ' +
        'From about 5,383\u00a0tonnes in March 2025 (the highest) to 1,238\u00a0tonnes in May 2025 (the lowest), down 77%. ' +
        'Largest change: down about 2,749\u00a0tonnes (51%) from March to April 2025. ' +
        'Derived (estimated), not stated by the source: March and April 2025.',
    );
    expect(text).not.toContain('a low of');
  });

  it('a flat series says it is unchanged, with no largest change', () => {
    const text = describeOf(monthly('flat', [100, 100, 100]), { type: 'line' });
    expect(text).toBe(
      'Line chart: Test exports, tonnes, January to March 2025. Unchanged at 100\u00a0tonnes from January to March 2025.',
    );
  });

  it('a single point says its value and date', () => {
    expect(describeOf(exports, { type: 'bar', from: '2025-05', to: '2025-05' })).toBe(
      'Bar chart: China’s magnet exports, tonnes, May 2025. 1,238\u00a0tonnes in May 2025.',
    );
  });

  it('two points give the change once, without a separate largest change', () => {
    const text = describeOf(exports, { type: 'line', from: '2025-06', to: '2025-07' });
    expect(text).toContain(
      'From 3,188\u00a0tonnes in June 2025 (the lowest) to 5,577\u00a0tonnes in July 2025 (the highest), up 75%.',
    );
    expect(text).not.toContain('Largest change');
  });

  it('a multi-series chart tells each series under its name, and which leads at the end', () => {
    const text = describeOf(destinations, { type: 'line', series: 'destination' });
    expect(text).toBe(
      'Line chart: China’s magnet exports by destination, tonnes, May to July 2025. ' +
        'United States: from 46\u00a0tonnes in May 2025 (the lowest) to 619\u00a0tonnes in July 2025 (the highest), up 1,246%; largest change up 307\u00a0tonnes (667%) from May to June 2025. ' +
        'Germany: 1,116\u00a0tonnes in July 2025. ' +
        'In July 2025: Germany 1,116\u00a0tonnes, United States 619\u00a0tonnes.',
    );
  });

  it('categories: the highest and the lowest', () => {
    const text = describeOf(destinations, {
      type: 'bar',
      horizontal: true,
      x: 'destination',
      where: { month: '2025-07' },
    });
    expect(text).toBe(
      'Horizontal bar chart: China’s magnet exports by destination, tonnes. 2 categories. Highest: Germany, 1,116\u00a0tonnes; lowest: United States, 619\u00a0tonnes.',
    );
  });

  it('reference lines and highlights say what they mark; an annotation without a date in its label keeps it', () => {
    const text = describeOf(exports, {
      type: 'area',
      rules: [{ y: 3000, label: 'Average' }],
      highlight: { from: '2025-04', to: '2025-05', label: 'Controls bite' },
      annotations: [{ x: '2025-06-05', label: 'US–China agreement' }],
    });
    expect(text).toContain(
      'Marked: 5 June 2025, US–China agreement. Reference line: Average at 3,000\u00a0tonnes. Highlighted: April to May 2025, Controls bite.',
    );
  });

  it('a measure written as a percentage changes by percentage points', () => {
    const shares = monthlyDataset('shares', '2025-01,0.2\n2025-02,0.5\n2025-03,0.25\n');
    // The helper's column unit is t; the format makes the values percentages.
    const text = describeOf(shares, { type: 'line', format: 'percent' });
    expect(text).toContain('then down to 25%');
    expect(text).toContain('; up 5 percentage points overall.');
    expect(text).toContain('Largest change: up 30 percentage points from January to February 2025.');
  });

  it('is replaced by alt', () => {
    expect(describeOf(exports, { alt: 'Exports collapsed.' })).toBe('Exports collapsed.');
  });
});
