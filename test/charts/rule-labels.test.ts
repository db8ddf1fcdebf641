import { describe, expect, it } from 'vitest';
import { normaliseChart } from '../../src/charts/normalise.ts';
import { ruleLabelPlace } from '../../src/charts/rule-labels.ts';
import { monthlyDataset, place } from './helpers.ts';

/** A line chart of five months with these values. */
function line(values: number[]) {
  const data = monthlyDataset('rules', values.map((v, i) => `2025-0${i + 3},${v}`).join('\n'));
  return normaliseChart({ data: 'rules', type: 'line' }, data, place);
}

const box = { width: 0.12, height: 0.06 };

describe('reference line labels', () => {
  it('sit above the right end when the line is nowhere near', () => {
    expect(ruleLabelPlace(line([1000, 1200, 1100, 1300, 1250]), 5000, box)).toEqual({ end: 'right', above: true });
  });

  it('move below when the line runs just above the rule at the right', () => {
    expect(ruleLabelPlace(line([1000, 1200, 1100, 5150, 5150]), 5000, box)).toEqual({ end: 'right', above: false });
  });

  it('move to the left end when the line crosses the rule at the right', () => {
    expect(ruleLabelPlace(line([1000, 1200, 1100, 3000, 5000]), 5000, box)).toEqual({ end: 'left', above: true });
  });

  it('go to the middle when the line meets the rule at both ends (July 2024 on the sample chart)', () => {
    expect(ruleLabelPlace(line([5383, 2634, 1238, 3188, 5577]), 5278, box)).toEqual({ end: 'middle', above: true });
  });

  it('stay above the right end when no place is clear (the halo keeps them readable)', () => {
    expect(ruleLabelPlace(line([5000, 5000, 5000, 5000, 5000]), 5000, box)).toEqual({ end: 'right', above: true });
  });
});
