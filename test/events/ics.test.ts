import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { eventIcs, eventUid, foldLine, type IcsOptions, icsCalendar } from '../../src/events/ics.ts';
import { escapeIcsText } from '../../src/lib/escape.ts';
import { makeEvent, PUBLISHER, SITE_URL, sampleSummit } from './fixtures.ts';

const options: IcsOptions = { buildDate: new Date('2026-01-15T00:00:00Z'), siteUrl: SITE_URL, publisher: PUBLISHER };
const octets = (text: string) => new TextEncoder().encode(text).length;

/** Parses with ical.js, registering the file's own VTIMEZONEs so times resolve through them. */
function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  const events = calendar.getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent));
  return { calendar, events };
}

/** The RFC rules a parser forgives: every line ends in CRLF and no line is over 75 octets. */
function expectRfcLines(text: string) {
  expect(text.endsWith('\r\n')).toBe(true);
  expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  for (const line of text.split('\r\n').slice(0, -1)) expect(octets(line)).toBeLessThanOrEqual(75);
}

describe('event .ics', () => {
  it('the summit parses, with all-day dates and an exclusive end', () => {
    const text = eventIcs(sampleSummit(), options);
    expectRfcLines(text);
    const [event] = parse(text).events;
    expect(event?.summary).toBe('Rare Earth Mines, Magnets & Motors 2025');
    expect(event?.startDate.isDate).toBe(true);
    expect(event?.startDate.toString()).toBe('2025-09-22');
    expect(event?.endDate.toString()).toBe('2025-09-25');
    expect(text).toContain('DTSTART;VALUE=DATE:20250922\r\n');
    expect(text).not.toContain('VTIMEZONE'); // all-day dates need no zone
    expect(event?.location).toBe('The Ritz-Carlton, Toronto, Ontario, Canada');
  });

  it('a timed event resolves to the right instants through its VTIMEZONE, across a DST change', () => {
    const event = makeEvent({ start: '2025-11-01T09:00', end: '2025-11-03T17:00' });
    const text = eventIcs(event, options);
    expectRfcLines(text);
    expect(text).toContain('DTSTART;TZID=America/Toronto:20251101T090000\r\n');
    expect(text).toContain('BEGIN:VTIMEZONE\r\nTZID:America/Toronto\r\n');
    const [parsed] = parse(text).events;
    expect(parsed?.startDate.zone?.tzid).toBe('America/Toronto');
    // 09:00 EDT (UTC-4) and 17:00 EST (UTC-5).
    expect(parsed?.startDate.toJSDate().toISOString()).toBe('2025-11-01T13:00:00.000Z');
    expect(parsed?.endDate.toJSDate().toISOString()).toBe('2025-11-03T22:00:00.000Z');
  });

  it('resolves correctly in a zone without DST and in the southern hemisphere', () => {
    for (const [timezone, start, utc] of [
      ['Asia/Tokyo', '2025-07-01T10:00', '2025-07-01T01:00:00.000Z'],
      ['Australia/Sydney', '2025-01-15T10:00', '2024-12-31T23:00:00.000Z'],
    ] as const) {
      const fixed = start.startsWith('2025-01')
        ? { start: '2025-01-01T10:00', end: '2025-01-01T12:00' }
        : { start, end: '2025-07-01T12:00' };
      const [parsed] = parse(eventIcs(makeEvent({ timezone, ...fixed }), options)).events;
      expect(parsed?.startDate.toJSDate().toISOString()).toBe(utc);
    }
  });

  it('has a DTSTAMP from the build date and a SEQUENCE from the number of updates', () => {
    const event = makeEvent({
      updates: [
        { date: '2025-08-01', summary: 'Venue confirmed' },
        { date: '2025-09-01', summary: 'Reception time' },
      ] as never,
    });
    const text = eventIcs(event, options);
    expect(text).toContain('DTSTAMP:20260115T000000Z\r\n');
    expect(parse(text).events[0]?.sequence).toBe(2);
  });

  it('keeps the UID stable across builds and distinct between events', () => {
    const first = eventIcs(makeEvent(), options);
    const later = eventIcs(
      makeEvent({ name: 'Renamed briefing', start: '2025-10-01T09:00', end: '2025-10-01T12:00' }),
      {
        ...options,
        buildDate: new Date('2027-06-01T00:00:00Z'),
      },
    );
    const uid = (text: string) => parse(text).events[0]?.uid;
    expect(uid(first)).toBe('magnet-supply-briefing@research.example.com');
    expect(uid(later)).toBe(uid(first));
    expect(uid(eventIcs(makeEvent({}, 'another-event'), options))).not.toBe(uid(first));
    expect(eventUid('x', 'https://research.example.com/sub/')).toBe('x@research.example.com');
  });

  it('marks a cancelled event CANCELLED, and says so in the title', () => {
    const text = eventIcs(makeEvent({ status: 'cancelled' }), options);
    const [event] = parse(text).events;
    expect(event?.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(event?.summary).toBe('Cancelled: Magnet supply briefing');
  });

  it('is byte-identical for the same input and build date', () => {
    expect(eventIcs(sampleSummit(), options)).toBe(eventIcs(sampleSummit(), options));
  });
});

describe('text escaping and folding', () => {
  it('escapes backslash, semicolon, comma and newlines, and ical.js reads them back', () => {
    expect(escapeIcsText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
    const name = 'Magnets; motors, and more \\ a line\nbreak';
    const [event] = parse(eventIcs(makeEvent({ name }), options)).events;
    expect(event?.summary).toBe(name);
  });

  it('folds at 75 octets without splitting a multi-byte character', () => {
    const line = `SUMMARY:${'é'.repeat(60)}€😀${'x'.repeat(100)}`;
    const folded = foldLine(line);
    const physical = folded.split('\r\n');
    expect(physical.length).toBeGreaterThan(2);
    for (const [i, part] of physical.entries()) {
      expect(octets(part)).toBeLessThanOrEqual(75);
      if (i > 0) expect(part.startsWith(' ')).toBe(true);
      expect(part).not.toContain('\uFFFD');
    }
    expect(physical.map((part, i) => (i === 0 ? part : part.slice(1))).join('')).toBe(line);
  });

  it('round-trips long non-ASCII text through ical.js', () => {
    const summary = `Réunion annuelle — ${'aimants permanents à terres rares, '.repeat(8)}Montréal`;
    const text = eventIcs(makeEvent({ summary }), options);
    expectRfcLines(text);
    expect(parse(text).events[0]?.description).toContain(summary);
  });
});

describe('events feed', () => {
  it('holds every event, ordered by start, with one VTIMEZONE per zone', () => {
    const events = [
      makeEvent({ start: '2026-03-10T09:00', end: '2026-03-10T17:00', timezone: 'Europe/London' }, 'london'),
      sampleSummit(),
      makeEvent({ start: '2025-11-01T09:00', end: '2025-11-03T17:00' }, 'toronto-autumn'),
      makeEvent({ start: '2025-05-01T09:00', end: '2025-05-01T17:00' }, 'toronto-spring'),
    ];
    const text = icsCalendar(events, { ...options, calendarName: `${PUBLISHER} events` });
    expectRfcLines(text);
    const { calendar, events: parsed } = parse(text);
    expect(parsed.map((e) => e.uid)).toEqual([
      'toronto-spring@research.example.com',
      'rare-earth-summit-toronto-2025@research.example.com',
      'toronto-autumn@research.example.com',
      'london@research.example.com',
    ]);
    expect(calendar.getAllSubcomponents('vtimezone').map((z) => z.getFirstPropertyValue('tzid'))).toEqual([
      'America/Toronto',
      'Europe/London',
    ]);
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe(`${PUBLISHER} events`);
    expect(parsed[0]?.startDate.toJSDate().toISOString()).toBe('2025-05-01T13:00:00.000Z');
    expect(parsed[2]?.endDate.toJSDate().toISOString()).toBe('2025-11-03T22:00:00.000Z');
    expect(parsed[3]?.startDate.toJSDate().toISOString()).toBe('2026-03-10T09:00:00.000Z');
  });
});
