/**
 * Preview cards for notes and events, from content. The note's lead chart is the first
 * chart in its body: rendering the body (memoised, shared with the feeds) stages each
 * chart's standalone SVG in memory, which the card rasterises exactly as the PNG twin is drawn.
 */
import { stagedChartAssets } from '../charts/assets.ts';
import { noteUpdated } from '../feeds/note-meta.ts';
import { renderNoteBody } from '../feeds/render-note.ts';
import { formatDate, formatMonth } from '../lib/dates.ts';
import type { Note } from '../notes/collection.ts';
import { site } from '../site.config.ts';
import type { OgCard } from './card.ts';
import { prefetchOgCard } from './render.ts';

const CHART_PNG = /\/charts\/([0-9a-f]{16})\.png/;

/** The id of the first chart in rendered HTML, if any. */
export function leadChartId(html: string): string | undefined {
  return CHART_PNG.exec(html)?.[1];
}

/** A note's card: kicker with edition month, headline, dek, dates, publisher, lead chart. */
export async function noteCard(note: Note): Promise<OgCard> {
  const id = leadChartId(await renderNoteBody(note));
  const chart = id ? stagedChartAssets(id) : undefined;
  const updated = noteUpdated(note);
  return {
    kicker: `Market note · ${formatMonth(note.data.edition)}`,
    title: note.data.title,
    text: note.data.dek,
    meta: [
      `Published ${formatDate(note.data.published)}`,
      ...(updated > note.data.published ? [`Updated ${formatDate(updated)}`] : []),
    ],
    publisher: site.publisher,
    // The SVG is made only if the card is drawn (its cache key uses the drawing key).
    ...(chart
      ? {
          chart: {
            drawing: chart.drawing,
            get svg() {
              return chart.svg;
            },
          },
        }
      : {}),
  };
}

/**
 * Starts a note's card on a spare worker thread while pages still render. Astro renders the
 * card endpoints (/og/…) after the note pages, and would otherwise wait for them with the
 * main thread idle. Errors are not lost: the note's card endpoint rebuilds the card and throws.
 */
export function prefetchNoteCard(note: Note): void {
  noteCard(note)
    .then(prefetchOgCard)
    .catch(() => {});
}

/** What an event card needs: the resolved event's name, dates and place. */
export interface EventCardInput {
  data: { name: string; summary?: string; venue?: { city: string; country: string } | undefined };
  /** Local dates as the event page states them, e.g. "22–24 September 2025". */
  dates: string;
}

/** An event's card: name, dates and city. */
export function eventCard(event: EventCardInput): OgCard {
  const venue = event.data.venue;
  return {
    kicker: 'Event',
    title: event.data.name,
    meta: [event.dates, venue ? `${venue.city}, ${venue.country}` : 'Online'],
    publisher: site.publisher,
  };
}

/** The site's default card, for pages without their own. */
export function siteCard(): OgCard {
  return {
    kicker: site.shortName,
    title: site.publisher,
    text: site.tagline,
    meta: [],
    publisher: site.url.replace(/^https?:\/\//, ''),
  };
}
