/**
 * "Add to calendar" links for web calendars that take an event in the URL.
 * Plain links, built at compile time: no script, no third-party widget.
 */
import { eventIcsUrl, eventUrl, type ResolvedEvent } from './event.ts';
import { locationText } from './ics.ts';
import { addDays, basicDate, basicUtc, isoLocalDate } from './time.ts';

/** The link set an event page offers. */
export interface CalendarLinks {
  /** Site path of the event's .ics file (works with Apple Calendar, Outlook desktop, anything). */
  ics: string;
  /** Google Calendar's "create event" page, pre-filled. */
  google: string;
  /** Outlook.com's compose page, pre-filled. */
  outlook: string;
}

/** Each value percent-encoded with encodeURIComponent (spaces as %20, never "+"). */
function query(params: [string, string | undefined][]): string {
  return params
    .filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '')
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
    .join('&');
}

function details(event: ResolvedEvent, siteUrl: string): string {
  return `${event.data.summary}\n\n${new URL(eventUrl(event), siteUrl).href}`;
}

function title(event: ResolvedEvent): string {
  return event.data.status === 'cancelled' ? `Cancelled: ${event.data.name}` : event.data.name;
}

/**
 * Google Calendar: timed events as UTC instants ("…Z", unambiguous) with `ctz` naming the
 * event's zone for display; all-day events as dates with an exclusive end.
 */
export function googleCalendarUrl(event: ResolvedEvent, siteUrl: string): string {
  const dates = event.allDay
    ? `${basicDate(event.start)}/${basicDate(addDays(event.end, 1))}`
    : `${basicUtc(event.startInstant)}/${basicUtc(event.endInstant)}`;
  return `https://calendar.google.com/calendar/render?${query([
    ['action', 'TEMPLATE'],
    ['text', title(event)],
    ['dates', dates],
    ['ctz', event.allDay ? undefined : event.data.timezone],
    ['details', details(event, siteUrl)],
    ['location', locationText(event)],
  ])}`;
}

/** Outlook.com: ISO instants in UTC for timed events, dates plus `allday=true` for all-day ones. */
export function outlookCalendarUrl(event: ResolvedEvent, siteUrl: string): string {
  const iso = (instant: Date) => instant.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const [start, end] = event.allDay
    ? [isoLocalDate(event.start), isoLocalDate(addDays(event.end, 1))]
    : [iso(event.startInstant), iso(event.endInstant)];
  return `https://outlook.live.com/calendar/0/deeplink/compose?${query([
    ['path', '/calendar/action/compose'],
    ['rru', 'addevent'],
    ['subject', title(event)],
    ['startdt', start],
    ['enddt', end],
    ['allday', event.allDay ? 'true' : 'false'],
    ['body', details(event, siteUrl)],
    ['location', locationText(event)],
  ])}`;
}

/** The .ics download, Google Calendar and Outlook.com links for one event. */
export function calendarLinks(event: ResolvedEvent, siteUrl: string): CalendarLinks {
  return {
    ics: eventIcsUrl(event),
    google: googleCalendarUrl(event, siteUrl),
    outlook: outlookCalendarUrl(event, siteUrl),
  };
}
