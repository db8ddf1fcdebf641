import type { EventDay, EventFrontmatter, EventVenue } from './schema.ts';
import {
  addDays,
  formatEventWhen,
  isoLocalDate,
  isoWithOffset,
  type LocalDateTime,
  localToInstant,
  parseLocalDateTime,
  parseTimeOfDay,
} from './time.ts';

/**
 * An event with its times resolved: the one shape pages, feeds and calendar files read.
 * Built once from validated frontmatter by `resolveEvent`, so no renderer parses dates.
 */
export interface ResolvedEvent {
  /** URL slug (the content entry id), e.g. "rare-earth-summit-toronto-2025". */
  slug: string;
  /** Validated frontmatter. */
  data: EventFrontmatter;
  /** True when start and end are dates without times. */
  allDay: boolean;
  /** Local start as written. */
  start: LocalDateTime;
  /** Local end as written (all-day: the last day, inclusive). */
  end: LocalDateTime;
  /** The instant the event starts (all-day: local midnight of the first day). */
  startInstant: Date;
  /** The instant it ends (all-day: local midnight after the last day). */
  endInstant: Date;
  /** "22–24 September 2025, Toronto time (EDT)". */
  when: string;
  /** Days in date order. */
  days: EventDay[];
}

/** Something with a slug and event frontmatter: a content entry or a test fixture. */
export interface EventEntryLike {
  id: string;
  data: EventFrontmatter;
}

/** Resolves validated frontmatter into instants and display strings. */
export function resolveEvent(entry: EventEntryLike): ResolvedEvent {
  const { data } = entry;
  const start = parseLocalDateTime(data.start);
  const end = parseLocalDateTime(data.end);
  // The schema has already rejected these; this guards callers that skip it.
  if (!start || !end) throw new Error(`event '${entry.id}': start or end is not a local date-time`);
  const allDay = !start.hasTime;
  const startInstant = localToInstant(start, data.timezone);
  const endInstant = localToInstant(allDay ? addDays(end, 1) : end, data.timezone);
  const when = formatEventWhen({
    start,
    end,
    startInstant,
    endInstant,
    timezone: data.timezone,
    allDay,
    place: data.venue?.city,
  });
  const days = [...data.days].sort((a, b) => a.date.localeCompare(b.date));
  return { slug: entry.id, data, allDay, start, end, startInstant, endInstant, when, days };
}

/** The instant a session starts, if it has a time; for ordering and machine-readable output. */
export function sessionInstant(event: ResolvedEvent, date: string, time: string | undefined): Date | undefined {
  const day = parseLocalDateTime(date);
  const minutes = time === undefined ? undefined : parseTimeOfDay(time);
  if (!day || minutes === undefined) return undefined;
  const local = addDays({ ...day, hour: 0, minute: 0, hasTime: true }, Math.floor(minutes / 1440));
  return localToInstant(
    { ...local, hour: Math.floor((minutes % 1440) / 60), minute: minutes % 60 },
    event.data.timezone,
  );
}

/** The event page's path: "/events/<slug>/". */
export function eventUrl(event: { slug: string } | { id: string }): string {
  return `/events/${'slug' in event ? event.slug : event.id}/`;
}

/** The event's own calendar file: "/events/<slug>.ics". */
export function eventIcsUrl(event: { slug: string } | { id: string }): string {
  return `/events/${'slug' in event ? event.slug : event.id}.ics`;
}

/**
 * The venue on one line: "The Ritz-Carlton, Toronto, Ontario, Canada". A part the venue's
 * name already ends with (the city in "The Ritz-Carlton, Toronto") is not repeated.
 */
export function venueLine(venue: EventVenue): string {
  const parts = [venue.streetAddress, venue.city, venue.region, venue.postalCode, venue.country];
  const rest = parts.filter((part): part is string => part !== undefined);
  const first = rest[0];
  if (first !== undefined && venue.streetAddress === undefined && venue.name.endsWith(first)) rest.shift();
  return [venue.name, ...rest].join(', ');
}

/**
 * Machine-readable start or end for `<time datetime>` and JSON-LD: a date for all-day events
 * ("2025-09-24", the last day), else the local time with its offset ("2025-11-03T17:00:00-05:00").
 */
export function eventDatetime(event: ResolvedEvent, which: 'start' | 'end'): string {
  if (event.allDay) return isoLocalDate(which === 'start' ? event.start : event.end);
  return isoWithOffset(which === 'start' ? event.startInstant : event.endInstant, event.data.timezone);
}

/** "The Ritz-Carlton, Toronto" or "Hall A, Toronto": the venue and city once, for headers and lists. */
export function venueShort(venue: EventVenue): string {
  return venue.name.endsWith(venue.city) ? venue.name : `${venue.name}, ${venue.city}`;
}
