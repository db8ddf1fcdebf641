/**
 * iCalendar (RFC 5545) files: one per event and a feed of all events.
 *
 * Rules the RFC sets and parsers often forgive, so we enforce them here and test them:
 * CRLF line ends, lines folded at 75 octets of UTF-8 (never inside a character),
 * TEXT escaping of backslash, semicolon, comma and newline, a DTSTAMP (ours: the build
 * date, so the same commit gives the same bytes) and a UID that never changes.
 */

import { escapeIcsText } from '../lib/escape.ts';
import { eventUrl, type ResolvedEvent, venueLine } from './event.ts';
import type { EventStatus } from './schema.ts';
import { addDays, basicDate, basicDateTime, basicUtc } from './time.ts';
import { vtimezoneLines } from './vtimezone.ts';

/** What every calendar file needs besides the events. */
export interface IcsOptions {
  /** The build date: DTSTAMP of every event. */
  buildDate: Date;
  /** Absolute site URL; its host makes UIDs globally unique, and event URLs hang off it. */
  siteUrl: string;
  /** Publisher name, for PRODID and the feed's calendar name. */
  publisher: string;
  /** Calendar name shown by clients that subscribe to a feed. */
  calendarName?: string;
}

const encoder = new TextEncoder();

/**
 * Folds one content line so no physical line exceeds 75 octets (RFC 5545 §3.1):
 * continuation lines start with a space, and a multi-byte character is never split.
 */
export function foldLine(line: string): string {
  if (encoder.encode(line).length <= 75) return line;
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  // The first line holds 75 octets; each continuation holds 74 after its leading space.
  let limit = 75;
  for (const char of line) {
    const size = encoder.encode(char).length;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
      limit = 74;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/** Joins content lines into a file: each folded, each ended by CRLF (including the last). */
export function serialiseLines(lines: readonly string[]): string {
  return lines.map((line) => `${foldLine(line)}\r\n`).join('');
}

/** A UID that stays the same for the life of the event: "<slug>@<site host>". */
export function eventUid(slug: string, siteUrl: string): string {
  return `${slug}@${new URL(siteUrl).host}`;
}

// RFC 5545 VEVENT STATUS is TENTATIVE, CONFIRMED or CANCELLED; postponed dates are not firm.
const icsStatus: Record<EventStatus, string> = {
  scheduled: 'CONFIRMED',
  rescheduled: 'CONFIRMED',
  'moved-online': 'CONFIRMED',
  postponed: 'TENTATIVE',
  cancelled: 'CANCELLED',
};

/** One event's VEVENT lines (unfolded). */
export function veventLines(event: ResolvedEvent, options: IcsOptions): string[] {
  const { data } = event;
  const url = new URL(eventUrl(event), options.siteUrl).href;
  const lines = [
    'BEGIN:VEVENT',
    `UID:${eventUid(event.slug, options.siteUrl)}`,
    `DTSTAMP:${basicUtc(options.buildDate)}`,
  ];
  if (event.allDay) {
    // DTEND of an all-day event is exclusive: the day after the last day.
    lines.push(`DTSTART;VALUE=DATE:${basicDate(event.start)}`, `DTEND;VALUE=DATE:${basicDate(addDays(event.end, 1))}`);
  } else {
    lines.push(
      `DTSTART;TZID=${data.timezone}:${basicDateTime(event.start)}`,
      `DTEND;TZID=${data.timezone}:${basicDateTime(event.end)}`,
    );
  }
  lines.push(
    // Versions are the updates list: each update is a new revision clients must pick up.
    `SEQUENCE:${data.updates.length}`,
    `SUMMARY:${escapeIcsText(statusPrefix(data.status) + data.name)}`,
    `DESCRIPTION:${escapeIcsText(description(event, url))}`,
  );
  const location = locationText(event);
  if (location) lines.push(`LOCATION:${escapeIcsText(location)}`);
  lines.push(`URL:${url}`, `STATUS:${icsStatus[data.status]}`);
  if (data.themes.length > 0) lines.push(`CATEGORIES:${data.themes.map(escapeIcsText).join(',')}`);
  lines.push('END:VEVENT');
  return lines;
}

function statusPrefix(status: EventStatus): string {
  // Clients show SUMMARY everywhere, STATUS rarely: say it where it is seen.
  if (status === 'cancelled') return 'Cancelled: ';
  if (status === 'postponed') return 'Postponed: ';
  return '';
}

function description(event: ResolvedEvent, url: string): string {
  const parts = [event.data.summary, `When: ${event.when}`, `Organiser: ${event.data.organiser.name}`];
  if (event.data.registration && event.data.status !== 'cancelled')
    parts.push(`Registration: ${event.data.registration.url}`);
  parts.push(`Details: ${url}`);
  return parts.join('\n\n');
}

/** "The Ritz-Carlton, Toronto, Ontario, Canada", or "Online" for an event without a venue. */
export function locationText(event: ResolvedEvent): string | undefined {
  if (event.data.status === 'moved-online' || !event.data.venue) return 'Online';
  return venueLine(event.data.venue);
}

/** A complete calendar file for any number of events, each zone with its VTIMEZONE. */
export function icsCalendar(events: readonly ResolvedEvent[], options: IcsOptions): string {
  const ordered = [...events].sort(
    (a, b) => a.startInstant.getTime() - b.startInstant.getTime() || a.slug.localeCompare(b.slug),
  );
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:-//${escapeIcsText(options.publisher)}//Assay events//EN`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
  ];
  if (options.calendarName)
    lines.push(`NAME:${escapeIcsText(options.calendarName)}`, `X-WR-CALNAME:${escapeIcsText(options.calendarName)}`);
  lines.push(...timezones(ordered));
  for (const event of ordered) lines.push(...veventLines(event, options));
  lines.push('END:VCALENDAR');
  return serialiseLines(lines);
}

/** One VTIMEZONE per zone used by timed events, covering all of that zone's events. */
function timezones(events: readonly ResolvedEvent[]): string[] {
  const spans = new Map<string, { from: Date; to: Date }>();
  for (const event of events) {
    if (event.allDay) continue; // VALUE=DATE needs no zone
    const zone = event.data.timezone;
    const span = spans.get(zone);
    spans.set(zone, {
      from: span && span.from < event.startInstant ? span.from : event.startInstant,
      to: span && span.to > event.endInstant ? span.to : event.endInstant,
    });
  }
  return [...spans.keys()].sort().flatMap((zone) => {
    const span = spans.get(zone) as { from: Date; to: Date };
    return vtimezoneLines(zone, span.from, span.to);
  });
}

/** The calendar file for one event. */
export function eventIcs(event: ResolvedEvent, options: IcsOptions): string {
  return icsCalendar([event], options);
}
