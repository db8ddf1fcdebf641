import { z } from 'astro/zod';
import { calendarDate, DATE_HINT, isUtcMidnight, parseCalendarDate } from '../lib/calendar-date.ts';
import { isoDate } from '../lib/dates.ts';
import { AssayError } from '../lib/errors.ts';
import { safeUrl } from '../lib/safe-url.ts';
import { didYouMean } from '../lib/suggest.ts';
import { updatesSchema } from '../lib/updates-schema.ts';
import { formatZodIssues } from '../lib/zod-messages.ts';
import {
  canonicalTimeZone,
  isKnownTimeZone,
  isoLocalDate,
  LOCAL_DATE_TIME_HINT,
  type LocalDateTime,
  localDateTimeProblem,
  localToInstant,
  parseLocalDateTime,
  parseTimeOfDay,
} from './time.ts';

/**
 * js-yaml (Astro's frontmatter parser) turns an unquoted `2025-09-22` into a Date at UTC
 * midnight; read it back as the day written. Its text is gone there, so a rolled-over day
 * (2025-09-31 → 1 October) is caught by the content check, which reads the YAML as text, and
 * checkEvent refuses it by the calendar rule every date uses (src/lib/calendar-date.ts).
 */
const asWritten = (value: unknown) => (value instanceof Date && isUtcMidnight(value) ? isoDate(value) : value);

/** A wall-clock time at the event's location, without offset: "2025-09-22T18:00", or a date alone for all-day. */
const localDateTime = z.preprocess(
  asWritten,
  z
    .string()
    .regex(
      /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$/,
      'expected a local date-time such as 2025-09-22T18:00 (no offset) or a date such as 2025-09-22',
    ),
);

/** A calendar date, "2025-09-22". */
const localDate = z.preprocess(
  asWritten,
  z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date such as 2025-09-22'),
);

/** A wall-clock time of day, "18:00" (24-hour; "24:00" ends a session at midnight). */
const timeOfDay = z.string().regex(/^\d{2}:\d{2}$/, 'expected a 24-hour time such as 18:00');

/** Only http(s): a map, organiser or registration link must be a page readers can open, never a script or an embed. */
const webUrl = safeUrl({ mailto: false, sitePath: false });

/** What kind of session it is; drives the label in the agenda. */
export const sessionKinds = [
  'reception',
  'keynote',
  'panel',
  'talk',
  'demo',
  'fireside',
  'break',
  'workshop',
  'other',
] as const;

/** Whether the event goes ahead as announced. */
export const eventStatuses = ['scheduled', 'postponed', 'rescheduled', 'cancelled', 'moved-online'] as const;

/** Whether readers can still sign up. */
export const registrationStatuses = ['open', 'closed', 'sold-out'] as const;

/** One item on a day's agenda. */
export const sessionSchema = z
  .object({
    /** Local start time on that day, "09:30"; leave out when not announced. */
    start: timeOfDay.optional(),
    /** Local end time on that day, "10:15"; needs `start`. */
    end: timeOfDay.optional(),
    /** What it is called on the programme. */
    title: z.string().min(1),
    /** reception, keynote, panel, talk, demo, fireside, break, workshop or other. */
    kind: z.enum(sessionKinds).default('other'),
    /** Names of speakers, each as listed in the event's `speakers`. */
    speakers: z.array(z.string().min(1)).default([]),
    /** Room at the venue, e.g. "Ballroom". */
    room: z.string().min(1).optional(),
    /** Where it happens when not at the main venue, e.g. "Hockey Hall of Fame". */
    location: z.string().min(1).optional(),
    /** A sentence on what the session covers. */
    description: z.string().min(1).optional(),
  })
  .strict();

/** One day of the event and its agenda. */
export const daySchema = z
  .object({
    /** The local date, within the event's start and end dates. */
    date: localDate,
    /** Heading for the day, e.g. "Welcome reception" or "Conference day 1". */
    title: z.string().min(1).optional(),
    /** Sessions in programme order; may be empty when the agenda is not announced. */
    sessions: z.array(sessionSchema).default([]),
  })
  .strict();

/** Where the event takes place. Address parts map one-to-one onto schema.org PostalAddress. */
export const venueSchema = z
  .object({
    /** Venue name, e.g. "The Ritz-Carlton, Toronto". */
    name: z.string().min(1),
    /** Street and number; leave out rather than guess. */
    streetAddress: z.string().min(1).optional(),
    /** City, e.g. "Toronto"; also names the time ("Toronto time"). */
    city: z.string().min(1),
    /** State, province or region, e.g. "Ontario". */
    region: z.string().min(1).optional(),
    /** Postal code, e.g. "M5V 3G3". */
    postalCode: z.string().min(1).optional(),
    /** Country name or ISO 3166 code, e.g. "Canada" or "CA". */
    country: z.string().min(1),
    /** A plain link to a map (OpenStreetMap, a map site): shown as a link, never embedded. */
    mapUrl: webUrl.optional(),
  })
  .strict();

/** Who runs the event. */
export const organiserSchema = z
  .object({
    /** Organisation name, e.g. "Adamas Intelligence". */
    name: z.string().min(1),
    /** Its website. */
    url: webUrl.optional(),
  })
  .strict();

/** How readers register. */
export const registrationSchema = z
  .object({
    /** Registration page. */
    url: webUrl,
    /** open, closed or sold-out; the build date also closes it once the event has ended. */
    status: z.enum(registrationStatuses).default('open'),
    /** Price as readers should read it, e.g. "From CAD 1,495". */
    price: z.string().min(1).optional(),
    /** Lowest price as a number, for structured data (with `currency`). */
    amount: z.number().nonnegative().optional(),
    /** ISO 4217 currency of `amount`, e.g. "CAD". */
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'expected a three-letter ISO 4217 code such as CAD')
      .optional(),
  })
  .strict();

/** A person on the programme. */
export const speakerSchema = z
  .object({
    /** Full name, as sessions refer to it. */
    name: z.string().min(1),
    /** Job title, e.g. "Managing Director". */
    role: z.string().min(1).optional(),
    /** Organisation, e.g. "Adamas Intelligence". */
    organisation: z.string().min(1).optional(),
  })
  .strict();

const PUBLISHED_NEEDED = 'needs the date the event page was first published, as YYYY-MM-DD, e.g. published: 2025-08-21';

// The plain object schema; `eventSchema` adds the cross-field checks.
const eventObject = z
  .object({
    /** Event name as on its own materials. */
    name: z.string().min(1),
    /** One or two sentences on what it is and who it is for. */
    summary: z.string().min(1),
    /**
     * Date the event page was first published (YYYY-MM-DD): version 1's date in its version
     * history and /versions.json, as `published` is for notes. Never a commit date. Required in
     * the working tree (`eventSchema`); optional here so history written before it keeps building.
     */
    published: calendarDate(PUBLISHED_NEEDED).optional(),
    /** Local start in `timezone`: "2025-09-22T18:00", or "2025-09-22" for an all-day event. */
    start: localDateTime,
    /** Local end in `timezone`, same form as `start`; for all-day events the last day (inclusive). */
    end: localDateTime,
    /** IANA time zone of the venue, e.g. America/Toronto. */
    timezone: z.string().min(1),
    /** Days and their agenda, in date order. */
    days: z.array(daySchema).default([]),
    /** Where it takes place; leave out for an online-only event. */
    venue: venueSchema.optional(),
    /** Who runs it. */
    organiser: organiserSchema,
    /** Where readers register, and whether they still can. */
    registration: registrationSchema.optional(),
    /** scheduled, postponed, rescheduled, cancelled or moved-online. */
    status: z.enum(eventStatuses).default('scheduled'),
    /** For a rescheduled or postponed event: the local start it was first announced for. */
    previousStart: localDateTime.optional(),
    /** Themes of the programme, e.g. "Robotics". */
    themes: z.array(z.string().min(1)).default([]),
    /** People on the programme. */
    speakers: z.array(speakerSchema).default([]),
    /** Slugs of related notes, e.g. "china-magnet-exports-may-2025". */
    relatedNotes: z.array(z.string().min(1)).default([]),
    /** Topic slugs or names it is filed under, as on notes. */
    topics: z.array(z.string().min(1)).default([]),
    /** Image for previews and structured data: a site path ("/images/x.png") or an absolute URL. */
    image: safeUrl({ mailto: false }).optional(),
    /** Changes to the event, oldest first; each starts a new version (and bumps the .ics SEQUENCE). */
    updates: updatesSchema,
    /** Drafts build in dev only. */
    draft: z.boolean().default(false),
  })
  .strict();

/** Frontmatter of an event page (`content/events/**\/*.mdx`), with cross-field checks. */
export const eventSchema = eventObject.superRefine((event, ctx) => {
  if (event.published === undefined) {
    // Reported as a missing field, as the content check and the build word one.
    ctx.addIssue({ code: 'invalid_type', expected: 'date', path: ['published'], message: PUBLISHED_NEEDED });
  }
  checkEvent(event, ctx);
});

/**
 * Earlier versions rebuilt from git history (the eventVersions collection): event pages written
 * before `published` existed keep building (their version 1 is dated by today's `published`).
 */
export const eventVersionSchema = eventObject.superRefine(checkEvent);

/** Event frontmatter after validation and defaults. */
export type EventFrontmatter = z.output<typeof eventObject>;
/** Frontmatter as authors write it (defaults not yet applied). */
export type EventInput = z.input<typeof eventObject>;
/** One day of an event's agenda. */
export type EventDay = EventFrontmatter['days'][number];
/** One session on a day. */
export type EventSession = EventDay['sessions'][number];
/** A speaker. */
export type EventSpeaker = EventFrontmatter['speakers'][number];
/** The venue. */
export type EventVenue = NonNullable<EventFrontmatter['venue']>;
/** Event status: scheduled, postponed, rescheduled, cancelled, moved-online. */
export type EventStatus = EventFrontmatter['status'];

type Ctx = z.RefinementCtx<EventFrontmatter>;

/** Cross-field rules zod cannot express per field; each issue carries the field's path. */
function checkEvent(event: EventFrontmatter, ctx: Ctx): void {
  // A hint rides in `params.hint`, which the content check prints under the problem.
  const issue: Report = (path, message, hint) =>
    ctx.addIssue({ code: 'custom', path, message, ...(hint ? { params: { hint } } : {}) });

  const zoneOk = checkTimeZone(event.timezone, (message) => issue(['timezone'], message));
  const start = parseLocalDateTime(event.start);
  const end = parseLocalDateTime(event.end);
  for (const field of ['start', 'end', 'previousStart'] as const) {
    const text = event[field];
    const problem = text === undefined ? undefined : localDateTimeProblem(text);
    if (problem) issue([field], problem, LOCAL_DATE_TIME_HINT);
  }
  if (event.previousStart && event.status !== 'rescheduled' && event.status !== 'postponed') {
    issue(
      ['previousStart'],
      `previousStart only applies when status is 'rescheduled' or 'postponed' (status is '${event.status}')`,
    );
  }
  if (!start || !end) return;

  if (start.hasTime !== end.hasTime) {
    issue(['end'], `start '${event.start}' and end '${event.end}' must both be dates (all-day) or both be date-times`);
    return;
  }
  if (endsBeforeStart(start, end, zoneOk ? event.timezone : undefined)) {
    issue(['end'], `end '${event.end}' is before start '${event.start}'`);
    return;
  }
  checkDays(event, start, end, issue);
  checkRegistration(event, issue);
}

function checkTimeZone(zone: string, report: (message: string) => void): boolean {
  if (!isKnownTimeZone(zone)) {
    const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
    report(`unknown time zone '${zone}'${didYouMean(zone, known)} (use an IANA name such as America/Toronto)`);
    return false;
  }
  const canonical = canonicalTimeZone(zone);
  // Intl forgives case, calendar clients reading TZID may not.
  if (canonical.toLowerCase() === zone.toLowerCase() && canonical !== zone) {
    report(`time zone '${zone}' is spelled '${canonical}'`);
    return false;
  }
  return true;
}

function endsBeforeStart(start: LocalDateTime, end: LocalDateTime, zone: string | undefined): boolean {
  if (!start.hasTime) return isoLocalDate(end) < isoLocalDate(start);
  // Compare instants when the zone is known: wall clocks can repeat across a DST change.
  if (zone) return localToInstant(end, zone).getTime() <= localToInstant(start, zone).getTime();
  return basic(end) <= basic(start);
}

function basic(local: LocalDateTime): string {
  return `${isoLocalDate(local)}T${String(local.hour).padStart(2, '0')}:${String(local.minute).padStart(2, '0')}`;
}

type Report = (path: (string | number)[], message: string, hint?: string) => void;

function checkDays(event: EventFrontmatter, start: LocalDateTime, end: LocalDateTime, issue: Report): void {
  const first = isoLocalDate(start);
  const last = isoLocalDate(end);
  const speakerNames = event.speakers.map((speaker) => speaker.name);
  const seen = new Set<string>();
  event.days.forEach((day, d) => {
    const problem = parseCalendarDate(day.date).problem;
    if (problem) {
      issue(['days', d, 'date'], problem, DATE_HINT);
      return;
    }
    if (day.date < first || day.date > last) {
      const range = first === last ? `the event is on ${first}` : `the event runs ${first} to ${last}`;
      issue(['days', d, 'date'], `${day.date} is outside the event's dates (${range})`);
    }
    if (seen.has(day.date))
      issue(['days', d, 'date'], `${day.date} is listed twice; put all of a day's sessions under one entry`);
    seen.add(day.date);

    day.sessions.forEach((session, s) => {
      const at = (field: string | number, ...rest: (string | number)[]) => ['days', d, 'sessions', s, field, ...rest];
      const from = session.start === undefined ? undefined : parseTimeOfDay(session.start);
      const to = session.end === undefined ? undefined : parseTimeOfDay(session.end);
      if (session.start !== undefined && (from === undefined || from === 24 * 60)) {
        issue(at('start'), `'${session.start}' is not a time of day (00:00 to 23:59)`);
      }
      if (session.end !== undefined && to === undefined)
        issue(at('end'), `'${session.end}' is not a time of day (00:00 to 24:00)`);
      if (session.end !== undefined && session.start === undefined)
        issue(at('end'), 'a session with an end time needs a start time');
      if (from !== undefined && to !== undefined && to <= from) {
        issue(at('end'), `session ends at ${session.end}, not after it starts at ${session.start}`);
      }
      // A timed event's first and last days are bounded by its start and end times.
      if (start.hasTime && from !== undefined && day.date === first && from < start.hour * 60 + start.minute) {
        issue(at('start'), `session starts at ${session.start}, before the event starts (${event.start})`);
      }
      if (end.hasTime && to !== undefined && day.date === last && to > end.hour * 60 + end.minute) {
        issue(at('end'), `session ends at ${session.end}, after the event ends (${event.end})`);
      }
      session.speakers.forEach((name, k) => {
        if (!speakerNames.includes(name)) {
          issue(at('speakers', k), `speaker '${name}' is not in the event's speakers${didYouMean(name, speakerNames)}`);
        }
      });
    });
  });
}

function checkRegistration(event: EventFrontmatter, issue: Report): void {
  const registration = event.registration;
  if (!registration) return;
  if ((registration.amount === undefined) !== (registration.currency === undefined)) {
    const missing = registration.amount === undefined ? 'amount' : 'currency';
    issue(
      ['registration', missing],
      `registration.amount and registration.currency go together; ${missing} is missing`,
    );
  }
}

/**
 * Validates frontmatter outside Astro's content layer (scripts, tests), throwing one
 * AssayError that lists every problem with its field path and the file.
 */
export function parseEventFrontmatter(input: unknown, file?: string): EventFrontmatter {
  const result = eventSchema.safeParse(input);
  if (result.success) return result.data;
  throw new AssayError(`invalid event frontmatter:\n${formatZodIssues(result.error.issues)}`, {
    hint: 'fix the fields listed; docs/events.md describes each one',
    file,
  });
}
