/**
 * Everything an event page shows, computed without Astro so it can be tested:
 * the page components only lay this out.
 */

import { serializeJsonLd } from '../lib/escape.ts';
import { type CalendarLinks, calendarLinks } from './calendar-links.ts';
import { type ResolvedEvent, sessionInstant } from './event.ts';
import { eventJsonLd } from './jsonld.ts';
import type { EventSession, EventSpeaker } from './schema.ts';
import {
  type EventPhase,
  eventPhase,
  type RegistrationCta,
  registrationCta,
  type StatusBanner,
  statusBanner,
} from './status.ts';
import {
  formatLocalDateWithWeekday,
  isoWithOffset,
  localToInstant,
  parseLocalDateTime,
  zoneAbbreviation,
  zoneCity,
} from './time.ts';

/** Reader-facing names of session kinds; "other" gets no label. */
export const sessionKindLabels: Record<EventSession['kind'], string | undefined> = {
  reception: 'Reception',
  keynote: 'Keynote',
  panel: 'Panel',
  talk: 'Talk',
  demo: 'Demonstration',
  fireside: 'Fireside chat',
  break: 'Break',
  workshop: 'Workshop',
  other: undefined,
};

/** A session as the agenda shows it. */
export interface AgendaSession {
  /** "18:00–21:00", "18:00", or undefined when no time is announced. */
  time?: string;
  /** ISO start with offset, for `<time datetime>`. */
  datetime?: string;
  title: string;
  /** "Fireside chat"; undefined for kind "other". */
  kindLabel?: string;
  /** Speakers with their role and organisation, in the order given. */
  speakers: EventSpeaker[];
  room?: string;
  location?: string;
  description?: string;
}

/** A day of the agenda. */
export interface AgendaDay {
  /** "2025-09-22". */
  date: string;
  /** "Monday 22 September 2025". */
  heading: string;
  /** The author's title for the day, "Welcome reception". */
  title?: string;
  /** Zone abbreviation in force that day, "EDT". */
  zone: string;
  sessions: AgendaSession[];
}

/** All the data the event page renders. */
export interface EventPageData {
  event: ResolvedEvent;
  /** upcoming, ongoing or past, by build date. */
  phase: EventPhase;
  /** "22–24 September 2025, Toronto time (EDT)". */
  when: string;
  /** Registration call to action by build date and status. */
  cta: RegistrationCta;
  /** Banner for postponed, rescheduled, cancelled or moved-online; undefined when scheduled. */
  banner?: StatusBanner;
  /** Agenda by day, in date order. */
  agenda: AgendaDay[];
  /** "All times are Toronto time (EDT)."; undefined when no session has a time. */
  agendaZoneNote?: string;
  /** Add-to-calendar links. */
  calendar: CalendarLinks;
  /** JSON-LD, already escaped for a script element. */
  jsonLd: string;
}

/** What the page needs from outside the event: the clock and the site. */
export interface PageDataOptions {
  buildDate: Date;
  siteUrl: string;
  /** Preview image for JSON-LD when the event names none. */
  image?: string;
}

/** Builds the event page's data for the build date. */
export function eventPageData(event: ResolvedEvent, options: PageDataOptions): EventPageData {
  const agenda = agendaDays(event);
  return {
    event,
    phase: eventPhase(event, options.buildDate),
    when: event.when,
    cta: registrationCta(event, options.buildDate),
    banner: statusBanner(event.data.status),
    agenda,
    agendaZoneNote: zoneNote(event, agenda),
    calendar: calendarLinks(event, options.siteUrl),
    jsonLd: serializeJsonLd(eventJsonLd(event, { siteUrl: options.siteUrl, image: options.image })),
  };
}

function agendaDays(event: ResolvedEvent): AgendaDay[] {
  const zone = event.data.timezone;
  const speakers = new Map(event.data.speakers.map((speaker) => [speaker.name, speaker]));
  return event.days.map((day) => {
    const local = parseLocalDateTime(day.date);
    if (!local) throw new Error(`event '${event.slug}': day '${day.date}' is not a date`);
    // Midday is clear of any DST change, which happens at night.
    const noon = localToInstant({ ...local, hour: 12, minute: 0, hasTime: true }, zone);
    return {
      date: day.date,
      heading: formatLocalDateWithWeekday(local),
      title: day.title,
      zone: zoneAbbreviation(noon, zone),
      sessions: day.sessions.map((session) => {
        const instant = sessionInstant(event, day.date, session.start);
        const time = session.start && session.end ? `${session.start}–${session.end}` : session.start;
        return {
          time,
          datetime: instant ? isoWithOffset(instant, zone) : undefined,
          title: session.title,
          kindLabel: sessionKindLabels[session.kind],
          speakers: session.speakers.map((name) => speakers.get(name) ?? { name }),
          room: session.room,
          location: session.location,
          description: session.description,
        };
      }),
    };
  });
}

function zoneNote(event: ResolvedEvent, agenda: AgendaDay[]): string | undefined {
  if (!agenda.some((day) => day.sessions.some((session) => session.time))) return undefined;
  const place = `${event.data.venue?.city ?? zoneCity(event.data.timezone)} time`;
  const zones = [...new Set(agenda.map((day) => day.zone))];
  if (zones.length > 1)
    return `All times are ${place}: ${zones.join(' then ')}, as the clocks change during the event.`;
  return `All times are ${place} (${zones[0] ?? zoneAbbreviation(event.startInstant, event.data.timezone)}).`;
}
