import { describe, expect, it } from 'vitest';
import { nextUpcomingEvent, splitEvents } from '../../src/events/list.ts';
import { eventPhase, registrationCta, statusBanner } from '../../src/events/status.ts';
import { makeEvent, sampleSummit } from './fixtures.ts';

const at = (iso: string) => new Date(iso);

describe('phase by build date', () => {
  const summit = sampleSummit();

  it('is upcoming before the first day starts in Toronto, and past after the last day ends there', () => {
    // Midnight in Toronto on 22 Sep is 04:00Z: the switch follows the event's zone, not UTC.
    expect(eventPhase(summit, at('2025-09-22T03:59Z'))).toBe('upcoming');
    expect(eventPhase(summit, at('2025-09-22T04:00Z'))).toBe('ongoing');
    expect(eventPhase(summit, at('2025-09-25T03:59Z'))).toBe('ongoing');
    expect(eventPhase(summit, at('2025-09-25T04:00Z'))).toBe('past');
    expect(eventPhase(summit, at('2026-01-15T00:00Z'))).toBe('past');
  });

  it('a timed event is past from its end time', () => {
    const talk = makeEvent({ start: '2025-09-23T09:00', end: '2025-09-23T17:00' });
    expect(eventPhase(talk, at('2025-09-23T20:59Z'))).toBe('ongoing');
    expect(eventPhase(talk, at('2025-09-23T21:00Z'))).toBe('past');
  });
});

describe('registration call to action', () => {
  const summit = sampleSummit();

  it('offers registration before the event and says it has ended after', () => {
    expect(registrationCta(summit, at('2025-09-01T00:00Z'))).toEqual({
      state: 'open',
      label: 'Register',
      url: 'https://adamasevent.com/',
      price: undefined,
    });
    expect(registrationCta(summit, at('2026-01-15T00:00Z'))).toEqual({ state: 'ended', label: 'This event has ended' });
  });

  it('says registration is closed or sold out when the author says so', () => {
    const closed = makeEvent({ registration: { url: 'https://x.example/', status: 'closed' } });
    const soldOut = makeEvent({ registration: { url: 'https://x.example/', status: 'sold-out' } });
    expect(registrationCta(closed, at('2025-09-01T00:00Z'))).toMatchObject({
      state: 'closed',
      label: 'Registration closed',
    });
    expect(registrationCta(soldOut, at('2025-09-01T00:00Z'))).toMatchObject({ state: 'sold-out' });
  });

  it('never offers registration for a cancelled event', () => {
    const cancelled = makeEvent({ status: 'cancelled', registration: { url: 'https://x.example/', status: 'open' } });
    expect(registrationCta(cancelled, at('2025-09-01T00:00Z'))).toMatchObject({ state: 'cancelled' });
  });

  it('has nothing to show without registration details', () => {
    expect(registrationCta(makeEvent(), at('2025-09-01T00:00Z'))).toEqual({ state: 'none' });
  });
});

describe('status banners', () => {
  it('has none for a scheduled event and one for each other status', () => {
    expect(statusBanner('scheduled')).toBeUndefined();
    expect(statusBanner('cancelled')).toMatchObject({ label: 'Cancelled', tone: 'warning' });
    expect(statusBanner('postponed')?.message).toMatch(/postponed/);
    expect(statusBanner('rescheduled')?.message).toMatch(/rescheduled/);
    expect(statusBanner('moved-online')?.message).toMatch(/online/);
  });
});

describe('events index and the home page helper', () => {
  const a = makeEvent({ start: '2025-03-10', end: '2025-03-10' }, 'march');
  const b = makeEvent({ start: '2025-09-22', end: '2025-09-24' }, 'september');
  const c = makeEvent(
    { start: '2025-11-05T09:00', end: '2025-11-05T17:00', status: 'cancelled' },
    'november-cancelled',
  );
  const d = makeEvent({ start: '2026-02-01', end: '2026-02-02' }, 'february');
  const events = [d, a, c, b];

  it('lists upcoming soonest first and past newest first, switching by build date', () => {
    const before = splitEvents(events, at('2025-09-01T00:00Z'));
    expect(before.upcoming.map((e) => e.slug)).toEqual(['september', 'november-cancelled', 'february']);
    expect(before.past.map((e) => e.slug)).toEqual(['march']);

    const after = splitEvents(events, at('2025-12-01T00:00Z'));
    expect(after.upcoming.map((e) => e.slug)).toEqual(['february']);
    expect(after.past.map((e) => e.slug)).toEqual(['november-cancelled', 'september', 'march']);
  });

  it('keeps an event that is running in the upcoming list', () => {
    expect(splitEvents(events, at('2025-09-23T12:00Z')).upcoming[0]?.slug).toBe('september');
  });

  it('features the next event that is not cancelled, or none', () => {
    expect(nextUpcomingEvent(events, at('2025-09-01T00:00Z'))?.slug).toBe('september');
    expect(nextUpcomingEvent(events, at('2025-10-01T00:00Z'))?.slug).toBe('february');
    expect(nextUpcomingEvent(events, at('2026-03-01T00:00Z'))).toBeUndefined();
  });
});
