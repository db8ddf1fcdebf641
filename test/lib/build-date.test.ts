import { describe, expect, it } from 'vitest';
import { resolveBuildDate } from '../../src/lib/build-date.ts';

describe('resolveBuildDate', () => {
  const noGit = () => undefined;

  it('prefers ASSAY_BUILD_DATE, as a date or a date-time', () => {
    expect(resolveBuildDate({ ASSAY_BUILD_DATE: '2025-09-30' }, noGit).toISOString()).toBe('2025-09-30T00:00:00.000Z');
    expect(
      resolveBuildDate({ ASSAY_BUILD_DATE: '2025-09-30T12:00:00Z', SOURCE_DATE_EPOCH: '0' }, noGit).getTime(),
    ).toBe(Date.UTC(2025, 8, 30, 12));
  });

  it('falls back to SOURCE_DATE_EPOCH, then the HEAD commit date', () => {
    expect(resolveBuildDate({ SOURCE_DATE_EPOCH: '1758499200' }, noGit).toISOString()).toBe('2025-09-22T00:00:00.000Z');
    const head = new Date(Date.UTC(2026, 0, 1));
    expect(resolveBuildDate({}, () => head)).toBe(head);
  });

  it('fails clearly when nothing gives a date, or a setting is malformed', () => {
    expect(() => resolveBuildDate({}, noGit)).toThrow(/no build date/);
    expect(() => resolveBuildDate({ ASSAY_BUILD_DATE: 'soon' }, noGit)).toThrow(
      /ASSAY_BUILD_DATE='soon' is not a date/,
    );
    expect(() => resolveBuildDate({ SOURCE_DATE_EPOCH: '1.5' }, noGit)).toThrow(/not a whole number/);
    // A day that does not exist, or a time without its offset (read in the machine's zone), is refused.
    for (const value of ['2025-09-31', '2025-13-01', '2025-09-31T12:00:00Z', '2025-09-30T12:00']) {
      expect(() => resolveBuildDate({ ASSAY_BUILD_DATE: value }, noGit), value).toThrow(/is not a date/);
    }
    expect(resolveBuildDate({ ASSAY_BUILD_DATE: '2025-09-30T12:00:00-04:00' }, noGit).toISOString()).toBe(
      '2025-09-30T16:00:00.000Z',
    );
  });
});
