import { describe, expect, it } from 'vitest';
import { eventSchema, parseEventFrontmatter } from '../../src/events/schema.ts';
import { isAssayError } from '../../src/lib/errors.ts';
import { formatZodIssues } from '../../src/lib/zod-messages.ts';
import { eventInput } from './fixtures.ts';

/** The validation messages for an input, one "- field.path: message" line each. */
function problems(overrides: Parameters<typeof eventInput>[0]): string {
  const result = eventSchema.safeParse(eventInput(overrides));
  if (result.success) throw new Error('expected the event to be rejected');
  return formatZodIssues(result.error.issues);
}

describe('event schema', () => {
  it('accepts a minimal event and fills defaults', () => {
    const event = eventSchema.parse(eventInput());
    expect(event).toMatchObject({ status: 'scheduled', days: [], themes: [], speakers: [], updates: [], draft: false });
  });

  it('rejects an end before the start, naming end', () => {
    expect(problems({ start: '2025-09-24T09:00', end: '2025-09-23T17:00' })).toMatch(
      /^- end: end '2025-09-23T17:00' is before start/m,
    );
    expect(problems({ start: '2025-09-24', end: '2025-09-22' })).toMatch(/^- end: .*before start/m);
  });

  it('compares instants, not wall clocks, across a DST change', () => {
    // 9 Mar 2025: 02:30 does not exist in Toronto and is read as 03:30 EDT, after 03:15.
    expect(problems({ start: '2025-03-09T02:30', end: '2025-03-09T03:15' })).toMatch(/^- end: .*before start/m);
  });

  it('rejects mixing an all-day start with a timed end, naming end', () => {
    expect(problems({ start: '2025-09-22', end: '2025-09-24T17:00' })).toMatch(/^- end: .*both be dates/m);
  });

  it('rejects impossible dates and offsets in local times, naming the field', () => {
    expect(problems({ start: '2025-02-30T09:00' })).toMatch(/^- start: '2025-02-30T09:00' is not a real date/m);
    expect(problems({ end: '2025-09-23T17:00-04:00' })).toMatch(/^- end: expected a local date-time/m);
  });

  it('refuses days that do not exist (2025-09-31) with the reason, by the calendar rule every date uses', () => {
    expect(problems({ start: '2025-09-31', end: '2025-10-01' })).toMatch(
      /^- start: '2025-09-31' is not a real date \(September 2025 has 30 days\); expected YYYY-MM-DD or YYYY-MM-DDTHH:MM$/m,
    );
    expect(problems({ start: '2025-09-30', end: '2025-10-01', days: [{ date: '2025-09-31' }] })).toMatch(
      /^- days\.0\.date: '2025-09-31' is not a real date \(September 2025 has 30 days\); expected YYYY-MM-DD$/m,
    );
  });

  it('reads an unquoted date (a Date at UTC midnight from js-yaml) as the day written', () => {
    const day = (text: string) => new Date(`${text}T00:00:00Z`);
    const event = eventSchema.parse(
      eventInput({ start: day('2025-09-22'), end: day('2025-09-24'), days: [{ date: day('2025-09-23') }] }),
    );
    expect([event.start, event.end, event.days[0]?.date]).toEqual(['2025-09-22', '2025-09-24', '2025-09-23']);
    // A Date with a time was written as a timestamp, not a local date: still refused.
    expect(problems({ start: new Date('2025-09-22T18:00:00Z') })).toMatch(/^- start: /m);
  });

  it('rejects an unknown time zone with a suggestion, naming timezone', () => {
    const message = problems({ timezone: 'America/Toranto' });
    expect(message).toMatch(/^- timezone: unknown time zone 'America\/Toranto'; did you mean 'America\/Toronto'\?/m);
    expect(problems({ timezone: 'EDT' })).toMatch(/^- timezone: unknown time zone 'EDT'/m);
    expect(problems({ timezone: '+05:00' })).toMatch(/^- timezone: unknown time zone/m);
    expect(problems({ timezone: 'america/toronto' })).toMatch(
      /^- timezone: time zone 'america\/toronto' is spelled 'America\/Toronto'/m,
    );
  });

  it("rejects a day outside the event's dates, naming days.N.date", () => {
    const message = problems({
      start: '2025-09-22',
      end: '2025-09-24',
      days: [{ date: '2025-09-22' }, { date: '2025-09-25' }],
    });
    expect(message).toMatch(
      /^- days\.1\.date: 2025-09-25 is outside the event's dates \(the event runs 2025-09-22 to 2025-09-24\)/m,
    );
  });

  it('rejects a session outside the event, naming the session field', () => {
    const message = problems({
      start: '2025-09-23T09:00',
      end: '2025-09-23T17:00',
      days: [
        {
          date: '2025-09-23',
          sessions: [
            { title: 'Breakfast', start: '08:00', end: '09:00' },
            { title: 'Drinks', start: '16:30', end: '18:00' },
          ],
        },
      ],
    });
    expect(message).toMatch(/^- days\.0\.sessions\.0\.start: session starts at 08:00, before the event starts/m);
    expect(message).toMatch(/^- days\.0\.sessions\.1\.end: session ends at 18:00, after the event ends/m);
  });

  it('rejects a session that ends before it starts, or has an end without a start', () => {
    const message = problems({
      days: [
        {
          date: '2025-09-23',
          sessions: [
            { title: 'Panel', start: '11:00', end: '10:00' },
            { title: 'Talk', end: '12:00' },
          ],
        },
      ],
    });
    expect(message).toMatch(/^- days\.0\.sessions\.0\.end: session ends at 10:00, not after it starts at 11:00/m);
    expect(message).toMatch(/^- days\.0\.sessions\.1\.end: a session with an end time needs a start time/m);
  });

  it('rejects a session speaker missing from speakers, with a suggestion', () => {
    const message = problems({
      speakers: [{ name: 'Ada Okafor' }],
      days: [{ date: '2025-09-23', sessions: [{ title: 'Keynote', kind: 'keynote', speakers: ['Ada Okafur'] }] }],
    });
    expect(message).toMatch(
      /^- days\.0\.sessions\.0\.speakers\.0: speaker 'Ada Okafur' is not in the event's speakers; did you mean 'Ada Okafor'\?/m,
    );
  });

  it('rejects unknown session kinds, statuses and non-http map links, naming the field', () => {
    expect(problems({ days: [{ date: '2025-09-23', sessions: [{ title: 'x', kind: 'party' as never }] }] })).toMatch(
      /^- days\.0\.sessions\.0\.kind: /m,
    );
    expect(problems({ status: 'delayed' as never })).toMatch(/^- status: /m);
    expect(
      problems({ venue: { name: 'Hall', city: 'Toronto', country: 'Canada', mapUrl: 'javascript:alert(1)' } }),
    ).toMatch(
      /^- venue\.mapUrl: 'javascript:alert\(1\)' is not an allowed link: .*\(links must be https: or http:\)$/m,
    );
    expect(problems({ registration: { url: 'https://x.example/', status: 'maybe' as never } })).toMatch(
      /^- registration\.status: /m,
    );
  });

  it('rejects half a structured price and a previousStart on a scheduled event', () => {
    expect(problems({ registration: { url: 'https://x.example/', amount: 100 } })).toMatch(
      /^- registration\.currency: /m,
    );
    expect(problems({ previousStart: '2025-06-01' })).toMatch(/^- previousStart: previousStart only applies/m);
  });

  it('rejects unknown fields (typos) rather than ignoring them', () => {
    expect(
      problems({ venue: { name: 'Hall', city: 'Toronto', country: 'Canada', adress: '1 King St' } as never }),
    ).toMatch(/^- venue: /m);
  });

  it('parseEventFrontmatter throws an AssayError naming the file and each field', () => {
    try {
      parseEventFrontmatter(eventInput({ timezone: 'Mars/Olympus' }), 'content/events/x.mdx');
      expect.unreachable();
    } catch (error) {
      expect(isAssayError(error)).toBe(true);
      expect(String((error as Error).message)).toMatch(
        /^content\/events\/x\.mdx: invalid event frontmatter:\n- timezone: unknown time zone/,
      );
    }
  });
});
