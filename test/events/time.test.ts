import { describe, expect, it } from 'vitest';
import {
  formatEventWhen,
  isoWithOffset,
  localToInstant,
  offsetMinutes,
  parseLocalDateTime,
  zoneAbbreviation,
} from '../../src/events/time.ts';
import { makeEvent } from './fixtures.ts';

const local = (text: string) => {
  const parsed = parseLocalDateTime(text);
  if (!parsed) throw new Error(`bad fixture ${text}`);
  return parsed;
};

describe('local time to instant', () => {
  it('uses summer and winter offsets on either side of a DST change (Toronto, 2 Nov 2025)', () => {
    expect(localToInstant(local('2025-11-01T09:00'), 'America/Toronto').toISOString()).toBe('2025-11-01T13:00:00.000Z');
    expect(localToInstant(local('2025-11-03T09:00'), 'America/Toronto').toISOString()).toBe('2025-11-03T14:00:00.000Z');
    expect(offsetMinutes(new Date('2025-11-01T13:00Z'), 'America/Toronto')).toBe(-240);
    expect(offsetMinutes(new Date('2025-11-03T14:00Z'), 'America/Toronto')).toBe(-300);
  });

  it('moves a wall time that does not exist (spring forward) on by the gap', () => {
    // 9 March 2025: clocks in Toronto jump from 02:00 to 03:00; 02:30 is read as 03:30 EDT.
    expect(localToInstant(local('2025-03-09T02:30'), 'America/Toronto').toISOString()).toBe('2025-03-09T07:30:00.000Z');
  });

  it('takes the first of a wall time that happens twice (fall back)', () => {
    // 2 November 2025: 01:30 happens at EDT, then again at EST; the earlier is 05:30Z.
    expect(localToInstant(local('2025-11-02T01:30'), 'America/Toronto').toISOString()).toBe('2025-11-02T05:30:00.000Z');
  });

  it('handles zones east of Greenwich, half-hour offsets and the southern hemisphere', () => {
    expect(localToInstant(local('2025-07-01T12:00'), 'Europe/London').toISOString()).toBe('2025-07-01T11:00:00.000Z');
    expect(localToInstant(local('2025-07-01T12:00'), 'Asia/Kolkata').toISOString()).toBe('2025-07-01T06:30:00.000Z');
    expect(localToInstant(local('2025-01-15T12:00'), 'Australia/Sydney').toISOString()).toBe(
      '2025-01-15T01:00:00.000Z',
    );
  });

  it('does not depend on the machine time zone (the result is the same in any TZ)', () => {
    // TZ=UTC in tests; the conversion uses only Intl with an explicit zone, so this is the real check.
    expect(isoWithOffset(new Date('2025-09-22T22:00:00Z'), 'America/Toronto')).toBe('2025-09-22T18:00:00-04:00');
    expect(isoWithOffset(new Date('2025-12-01T14:00:00Z'), 'America/Toronto')).toBe('2025-12-01T09:00:00-05:00');
  });
});

describe('zone names', () => {
  it('names the abbreviation in force at that instant', () => {
    expect(zoneAbbreviation(new Date('2025-09-22T16:00Z'), 'America/Toronto')).toBe('EDT');
    expect(zoneAbbreviation(new Date('2025-12-01T16:00Z'), 'America/Toronto')).toBe('EST');
    expect(zoneAbbreviation(new Date('2025-07-01T12:00Z'), 'Europe/London')).toBe('BST');
    expect(zoneAbbreviation(new Date('2025-07-01T12:00Z'), 'Europe/Paris')).toBe('CEST');
    expect(zoneAbbreviation(new Date('2025-07-01T12:00Z'), 'Asia/Tokyo')).toBe('GMT+9');
  });
});

describe('formatEventWhen', () => {
  it('all-day over several days: dates once, place and zone named', () => {
    const event = makeEvent({
      start: '2025-09-22',
      end: '2025-09-24',
      venue: { name: 'Hall', city: 'Toronto', country: 'Canada' },
    });
    expect(event.when).toBe('22–24 September 2025, Toronto time (EDT)');
  });

  it('timed on one day: times with the zone', () => {
    expect(makeEvent({ start: '2025-09-23T09:00', end: '2025-09-23T17:30' }).when).toBe(
      '23 September 2025, 09:00–17:30 Toronto time (EDT)',
    );
  });

  it('timed across a DST change: each end with its own abbreviation', () => {
    expect(makeEvent({ start: '2025-11-01T09:00', end: '2025-11-03T17:00' }).when).toBe(
      '1 November 2025, 09:00 EDT – 3 November 2025, 17:00 EST, Toronto time',
    );
  });

  it('across months and years', () => {
    expect(makeEvent({ start: '2025-09-30', end: '2025-10-02' }).when).toBe(
      '30 September – 2 October 2025, Toronto time (EDT)',
    );
    expect(makeEvent({ start: '2025-12-30', end: '2026-01-02' }).when).toBe(
      '30 December 2025 – 2 January 2026, Toronto time (EST)',
    );
  });

  it('names the zone city when there is no venue, and a changed zone for all-day spans', () => {
    const span = formatEventWhen({
      start: local('2025-10-31'),
      end: local('2025-11-03'),
      startInstant: localToInstant(local('2025-10-31'), 'America/Toronto'),
      endInstant: localToInstant(local('2025-11-04'), 'America/Toronto'),
      timezone: 'America/Toronto',
      allDay: true,
    });
    expect(span).toBe('31 October – 3 November 2025, Toronto time (EDT/EST)');
  });
});

describe('all-day vs timed events', () => {
  it('an all-day event runs from local midnight of the first day to midnight after the last', () => {
    const event = makeEvent({ start: '2025-09-22', end: '2025-09-24' });
    expect(event.allDay).toBe(true);
    expect(event.startInstant.toISOString()).toBe('2025-09-22T04:00:00.000Z');
    expect(event.endInstant.toISOString()).toBe('2025-09-25T04:00:00.000Z');
  });

  it('a timed event runs from its start time to its end time', () => {
    const event = makeEvent({ start: '2025-09-22T18:00', end: '2025-09-22T21:00' });
    expect(event.allDay).toBe(false);
    expect(event.startInstant.toISOString()).toBe('2025-09-22T22:00:00.000Z');
    expect(event.endInstant.toISOString()).toBe('2025-09-23T01:00:00.000Z');
  });
});
