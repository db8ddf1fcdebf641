import { describe, expect, it } from 'vitest';
import { calendarLinks } from '../../src/events/calendar-links.ts';
import { makeEvent, SITE_URL, sampleSummit } from './fixtures.ts';

describe('add-to-calendar links', () => {
  it('Google: UTC instants for timed events, with the event zone, every value encoded', () => {
    const event = makeEvent({ name: 'Magnets & motors: 50% off?', start: '2025-11-01T09:00', end: '2025-11-03T17:00' });
    const url = new URL(calendarLinks(event, SITE_URL).google);
    expect(url.origin + url.pathname).toBe('https://calendar.google.com/calendar/render');
    expect(url.searchParams.get('action')).toBe('TEMPLATE');
    expect(url.searchParams.get('text')).toBe('Magnets & motors: 50% off?');
    expect(url.searchParams.get('dates')).toBe('20251101T130000Z/20251103T220000Z');
    expect(url.searchParams.get('ctz')).toBe('America/Toronto');
    expect(url.search).not.toContain('+'); // spaces are %20, so no client reads "+" literally
    expect(url.search).toContain('Magnets%20%26%20motors%3A%2050%25%20off%3F');
  });

  it('Google and Outlook: all-day events as dates with the day after as the end', () => {
    const links = calendarLinks(sampleSummit(), SITE_URL);
    expect(new URL(links.google).searchParams.get('dates')).toBe('20250922/20250925');
    expect(new URL(links.google).searchParams.get('ctz')).toBeNull();
    const outlook = new URL(links.outlook);
    expect(outlook.origin + outlook.pathname).toBe('https://outlook.live.com/calendar/0/deeplink/compose');
    expect(Object.fromEntries(outlook.searchParams)).toMatchObject({
      path: '/calendar/action/compose',
      rru: 'addevent',
      subject: 'Rare Earth Mines, Magnets & Motors 2025',
      startdt: '2025-09-22',
      enddt: '2025-09-25',
      allday: 'true',
      location: 'The Ritz-Carlton, Toronto, Ontario, Canada',
    });
    expect(outlook.searchParams.get('body')).toContain(`${SITE_URL}/events/rare-earth-summit-toronto-2025/`);
    expect(links.ics).toBe('/events/rare-earth-summit-toronto-2025.ics');
  });

  it('Outlook: UTC instants for timed events', () => {
    const outlook = new URL(calendarLinks(makeEvent(), SITE_URL).outlook);
    expect(outlook.searchParams.get('startdt')).toBe('2025-09-23T13:00:00Z');
    expect(outlook.searchParams.get('enddt')).toBe('2025-09-23T21:00:00Z');
    expect(outlook.searchParams.get('allday')).toBe('false');
  });
});
