/**
 * Preview cards for events and for the site: plain functions of their content and the build
 * date (no content collections), so their text is data-driven and tested directly.
 */
import { type ResolvedEvent, venueShort } from '../events/event.ts';
import { eventPhase, statusBanner } from '../events/status.ts';
import { formatDate, formatMonth } from '../lib/dates.ts';
import { site } from '../site.config.ts';
import type { OgCard } from './card.ts';

/** What an event card needs: the resolved event (its frontmatter and instants) and its dates as the page states them. */
export interface EventCardInput extends Pick<ResolvedEvent, 'startInstant' | 'endInstant'> {
  data: Pick<ResolvedEvent['data'], 'name' | 'summary' | 'venue' | 'organiser' | 'status' | 'registration'>;
  /** Local dates as the event page states them, e.g. "22–24 September 2025". */
  dates: string;
}

/**
 * Where an event stands, as a tag and a sentence: its status when not as announced
 * (cancelled, postponed), else upcoming, under way or past by the build date, with
 * registration while it is open, as the event page says.
 */
function eventState(event: EventCardInput, buildDate: Date): { tag: string; text: string } {
  const banner = event.data.status ? statusBanner(event.data.status) : undefined;
  if (banner) return { tag: banner.label, text: banner.message.split('. ')[0]?.replace(/\.?$/, '.') ?? banner.label };
  const phase = eventPhase(event, buildDate);
  if (phase === 'past') return { tag: 'Past', text: 'This event has ended.' };
  if (phase === 'ongoing') return { tag: 'Under way', text: 'Under way now.' };
  const registration = event.data.registration?.status;
  const text =
    registration === 'open'
      ? 'Registration open.'
      : registration === 'sold-out'
        ? 'Sold out.'
        : registration === 'closed'
          ? 'Registration closed.'
          : 'Coming up.';
  return { tag: 'Upcoming', text };
}

/**
 * An event's card: name and summary, and a panel with its dates, place, organiser and state.
 * Past, upcoming or under way by the build date (never the machine's clock).
 */
export function eventCard(event: EventCardInput, buildDate: Date): OgCard {
  const { venue, organiser, summary } = event.data;
  const state = eventState(event, buildDate);
  return {
    kicker: 'Event',
    status: state.tag,
    title: event.data.name,
    ...(summary ? { text: summary } : {}),
    meta: [],
    publisher: site.publisher,
    panel: {
      heading: event.dates,
      items: [
        {
          label: 'Where',
          // The venue and city once ("The Ritz-Carlton, Toronto" names its city already), then the country.
          text: venue ? [venueShort(venue), venue.country].filter(Boolean).join(', ') : 'Online',
        },
        ...(organiser ? [{ label: 'Organiser', text: organiser.name }] : []),
        { label: 'Status', text: state.text },
      ],
    },
  };
}

/** What a withdrawn note's card needs: its frontmatter, withdrawal included. */
export interface WithdrawnCardInput {
  data: { title: string; edition: string; published: Date; withdrawn: { date: Date; reason: string } };
}

/**
 * A withdrawn note's card (docs/versions.md): the note's headline under a "Withdrawn" tag, and a
 * panel saying when and why, as its URL's withdrawal notice does. No lead chart: a card shared
 * after the withdrawal must not show the withdrawn figures as if they stood.
 */
export function withdrawnNoteCard(note: WithdrawnCardInput): OgCard {
  const { title, edition, published, withdrawn } = note.data;
  return {
    kicker: `Market note · ${formatMonth(edition)}`,
    status: 'Withdrawn',
    title,
    meta: [`Published ${formatDate(published)}`],
    publisher: site.publisher,
    panel: {
      heading: 'Withdrawn',
      items: [
        { label: 'On', text: formatDate(withdrawn.date) },
        { label: 'Why', text: withdrawn.reason, lines: 4 },
        { label: 'Earlier versions', text: 'Still readable as published, each at its own address.' },
      ],
    },
  };
}

/** What the site card lists: the newest notes, newest first. */
export interface SiteCardNote {
  title: string;
  edition: string;
}

/** The site's default card, for pages without their own: the publisher, what it publishes and its latest notes. */
export function siteCard(latest: readonly SiteCardNote[] = []): OgCard {
  return {
    kicker: site.shortName,
    title: site.publisher,
    text: site.tagline,
    meta: [],
    publisher: site.url.replace(/^https?:\/\//, ''),
    ...(latest.length > 0
      ? {
          panel: {
            heading: 'Latest notes',
            items: latest.slice(0, 3).map((note) => ({ label: formatMonth(note.edition), text: note.title })),
          },
        }
      : {}),
  };
}
