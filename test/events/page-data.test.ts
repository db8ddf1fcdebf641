import { describe, expect, it } from 'vitest';
import { eventPageData } from '../../src/events/page-data.ts';
import { makeEvent, SITE_URL, sampleSummit } from './fixtures.ts';

const before = { buildDate: new Date('2025-09-01T00:00:00Z'), siteUrl: SITE_URL };
const after = { buildDate: new Date('2026-01-15T00:00:00Z'), siteUrl: SITE_URL };

describe('event page data', () => {
  it('the summit before 22 Sep 2025: upcoming, registration open, dates in Toronto time', () => {
    const page = eventPageData(sampleSummit(), before);
    expect(page.phase).toBe('upcoming');
    expect(page.when).toBe('22–24 September 2025, Toronto time (EDT)');
    expect(page.cta).toMatchObject({ state: 'open', url: 'https://adamasevent.com/' });
    expect(page.banner).toBeUndefined();
  });

  it('the summit in 2026: past, "This event has ended", page and agenda kept', () => {
    const page = eventPageData(sampleSummit(), after);
    expect(page.phase).toBe('past');
    expect(page.cta).toEqual({ state: 'ended', label: 'This event has ended' });
    expect(page.agenda.map((day) => [day.heading, day.title])).toEqual([
      ['Monday 22 September 2025', 'Welcome reception'],
      ['Tuesday 23 September 2025', 'Conference day 1'],
      ['Wednesday 24 September 2025', 'Conference day 2'],
    ]);
    expect(page.agenda[0]?.sessions[0]).toMatchObject({ kindLabel: 'Reception', location: 'Hockey Hall of Fame' });
    expect(page.agenda[0]?.sessions[0]?.time).toBeUndefined(); // no time is known, none is invented
    expect(page.agendaZoneNote).toBeUndefined();
  });

  it('a cancelled event shows the banner, no registration, and is cancelled in JSON-LD', () => {
    const page = eventPageData(makeEvent({ status: 'cancelled', registration: { url: 'https://x.example/' } }), before);
    expect(page.banner).toMatchObject({ label: 'Cancelled', message: 'This event has been cancelled.' });
    expect(page.cta.state).toBe('cancelled');
    expect(JSON.parse(page.jsonLd).eventStatus).toBe('https://schema.org/EventCancelled');
    expect(new URL(page.calendar.google).searchParams.get('text')).toMatch(/^Cancelled: /);
  });

  it('agenda times carry the offset of their own day, and the note names both zones across a DST change', () => {
    const page = eventPageData(
      makeEvent({
        start: '2025-11-01T09:00',
        end: '2025-11-03T17:00',
        speakers: [{ name: 'Ada Okafor', role: 'Analyst' }],
        days: [
          {
            date: '2025-11-01',
            sessions: [{ title: 'Keynote', kind: 'keynote', start: '09:00', end: '10:00', speakers: ['Ada Okafor'] }],
          },
          { date: '2025-11-03', sessions: [{ title: 'Close', start: '16:00' }] },
        ],
      }),
      before,
    );
    expect(page.agenda[0]?.sessions[0]).toMatchObject({
      time: '09:00–10:00',
      datetime: '2025-11-01T09:00:00-04:00',
      speakers: [{ name: 'Ada Okafor', role: 'Analyst' }],
    });
    expect(page.agenda[1]?.sessions[0]).toMatchObject({ time: '16:00', datetime: '2025-11-03T16:00:00-05:00' });
    expect(page.agendaZoneNote).toBe(
      'All times are Toronto time: EDT then EST, as the clocks change during the event.',
    );
  });
});
