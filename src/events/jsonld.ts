/**
 * schema.org Event as JSON-LD, for search engines. Built from the resolved event so the
 * dates are the page's dates, with the zone's offset at each instant (summer or winter).
 */
import type { JsonLd } from '../lib/escape.ts';
import { eventDatetime, eventUrl, type ResolvedEvent } from './event.ts';
import type { EventStatus } from './schema.ts';
import { isoLocalDate, isoWithOffset, localToInstant, parseLocalDateTime } from './time.ts';

/** What the JSON-LD needs besides the event. */
export interface JsonLdOptions {
  /** Absolute site URL, for the event's `url` and relative images. */
  siteUrl: string;
  /** Image for the event: a site path or absolute URL; the event's own `image` wins. */
  image?: string;
}

const eventStatus: Record<EventStatus, string> = {
  scheduled: 'https://schema.org/EventScheduled',
  postponed: 'https://schema.org/EventPostponed',
  rescheduled: 'https://schema.org/EventRescheduled',
  cancelled: 'https://schema.org/EventCancelled',
  'moved-online': 'https://schema.org/EventMovedOnline',
};

const availability = {
  open: 'https://schema.org/InStock',
  'sold-out': 'https://schema.org/SoldOut',
  // schema.org has no "closed"; an offer no longer on sale is Discontinued.
  closed: 'https://schema.org/Discontinued',
} as const;

/** The schema.org Event for `event`. Empty fields are left out rather than sent empty. */
export function eventJsonLd(event: ResolvedEvent, options: JsonLdOptions): JsonLd {
  const { data } = event;
  const url = new URL(eventUrl(event), options.siteUrl).href;
  const online = data.status === 'moved-online' || !data.venue;
  const image = data.image ?? options.image;
  const ld: JsonLd = {
    '@context': 'https://schema.org',
    '@type': 'Event',
    name: data.name,
    description: data.summary,
    url,
    // All-day events are dates (schema.org Date); timed ones carry the zone's offset.
    startDate: eventDatetime(event, 'start'),
    endDate: eventDatetime(event, 'end'),
    eventStatus: eventStatus[data.status],
    eventAttendanceMode: online
      ? 'https://schema.org/OnlineEventAttendanceMode'
      : 'https://schema.org/OfflineEventAttendanceMode',
    location: online ? { '@type': 'VirtualLocation', url: data.registration?.url ?? url } : place(event),
    organizer: compact({ '@type': 'Organization', name: data.organiser.name, url: data.organiser.url }),
  };
  const previous = data.previousStart ? parseLocalDateTime(data.previousStart) : undefined;
  if (previous) {
    ld.previousStartDate = previous.hasTime
      ? isoWithOffset(localToInstant(previous, data.timezone), data.timezone)
      : isoLocalDate(previous);
  }
  if (image) ld.image = [new URL(image, options.siteUrl).href];
  if (data.registration) {
    const registration = data.registration;
    ld.offers = compact({
      '@type': 'Offer',
      url: registration.url,
      availability: availability[registration.status],
      price: registration.amount,
      priceCurrency: registration.currency,
      description: registration.price,
    });
  }
  if (data.speakers.length > 0) {
    ld.performer = data.speakers.map((speaker) =>
      compact({
        '@type': 'Person',
        name: speaker.name,
        jobTitle: speaker.role,
        affiliation: speaker.organisation ? { '@type': 'Organization', name: speaker.organisation } : undefined,
      }),
    );
  }
  if (data.themes.length > 0) ld.keywords = data.themes.join(', ');
  return ld;
}

function place(event: ResolvedEvent): JsonLd | undefined {
  const venue = event.data.venue;
  if (!venue) return undefined;
  return compact({
    '@type': 'Place',
    name: venue.name,
    address: compact({
      '@type': 'PostalAddress',
      streetAddress: venue.streetAddress,
      addressLocality: venue.city,
      addressRegion: venue.region,
      postalCode: venue.postalCode,
      addressCountry: venue.country,
    }),
    hasMap: venue.mapUrl,
  });
}

function compact(object: JsonLd): JsonLd {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
}
