import { describe, expect, it, vi } from 'vitest';
import { changeText, valueText } from '../../src/charts/prose.ts';
import { fixture, place } from './helpers.ts';

const exports = fixture('exports');
const destinations = fixture('destinations');

/** The message a call throws (fails the test when it does not throw). */
function message(call: () => unknown): string {
  try {
    call();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected an error');
}

describe('<Change> refuses reversed ends', () => {
  it('from after to is an error with the swap, not "up 113%"', () => {
    const text = message(() => changeText({ data: 'exports', from: '2025-05', to: '2025-04' }, exports, place));
    expect(text).toBe(
      `content/notes/test.mdx:12:1 <Change data="exports">: from '2025-05' is after to '2025-04'; a change is measured from the earlier month to the later
  hint: swap them: from="2025-04" to="2025-05"`,
    );
  });
  it('reports a missing row before comparing ends only when the ends parse', () => {
    expect(message(() => changeText({ data: 'exports', from: 'May', to: '2025-04' }, exports, place))).toMatch(
      /from 'May' is not a valid date for column 'month'/,
    );
  });
});

describe('where values must exist in the data', () => {
  it('a typo in a where value names the value and the closest one', () => {
    const text = message(() =>
      valueText({ data: 'destinations', at: '2025-07', where: { destination: 'United Sates' } }, destinations, place),
    );
    expect(text).toContain(
      "<Value data=\"destinations\">: where.destination 'United Sates' matches no row of data/destinations.csv; did you mean 'United States'?",
    );
    expect(text).toContain('hint: destination values are United States, Germany');
  });
  it('a value that exists but not at that row still reports the missing row', () => {
    expect(
      message(() =>
        valueText({ data: 'destinations', at: '2025-05', where: { destination: 'Germany' } }, destinations, place),
      ),
    ).toMatch(/no row with month = '2025-05'/);
  });
});

describe('invalid option values read as sentences', () => {
  it.each([
    [
      { data: 'exports', from: '2025-04', to: '2025-05', as: 'percentage' },
      "as 'percentage' is not one of percent, absolute; did you mean 'percent'?",
    ],
    [{ data: 'exports', from: '2025-04', to: '2025-05', words: 'no' }, "words must be true or false, not 'no'"],
    [{ data: 'exports', from: '2025-04', to: '2025-05', vintage: 'newest' }, "vintage 'newest' must be 'latest'"],
  ])('%j', (props, expected) => {
    const text = message(() => changeText(props, exports, place));
    expect(text).toContain(`<Change>: ${expected}`);
    expect(text).not.toMatch(/Invalid (option|input)|expected/);
  });
  it('a missing required option', () => {
    expect(message(() => valueText({ data: 'exports' }, exports, place))).toContain('<Value>: at is missing');
  });
});

describe('an earlier version from history is shown as it was', () => {
  it('a check added since warns instead of failing', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const history = { ...place, history: true };
    expect(changeText({ data: 'exports', from: '2025-05', to: '2025-04' }, exports, history)).toBe('up 113%');
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toMatch(/from '2025-05' is after to '2025-04'.*\n.*earlier version/s);
    warn.mockRestore();
  });
  it('what failed before still fails', () => {
    expect(() => valueText({ data: 'exports', at: '2031-05' }, exports, { ...place, history: true })).toThrow(
      /no row with month = '2031-05'/,
    );
  });
});
