/**
 * Preview cards for notes and events, from content. A note's lead chart is its first
 * `<Chart>`: the runtime's manifest (src/runtime/) records the id it gets when the note's
 * latest version renders, and keeps its standalone SVG, which the card rasterises exactly as
 * the PNG twin is drawn, until the card is drawn.
 */

import { noteUpdated } from '../feeds/note-meta.ts';
import { renderNoteBody } from '../feeds/render-note.ts';
import { formatDate, formatMonth } from '../lib/dates.ts';
import { type Note, noteFile } from '../notes/collection.ts';
import { runtime } from '../runtime/index.ts';
import { site } from '../site.config.ts';
import type { OgCard } from './card.ts';
import { prefetchOgCard } from './render.ts';

/** The chart a note's card shows: its lead chart, as the runtime's manifest has it. */
async function leadChart(note: Note): Promise<OgCard['chart']> {
  const file = noteFile(note);
  // Renders the note's latest version (memoised: the feeds and the email edition render it too),
  // which records its lead chart; a page render of it already did, unless this comes first (dev).
  await renderNoteBody(note);
  const lead = runtime().leadChart(file);
  if (!lead) return undefined;
  const { id, drawing, files } = lead;
  // The SVG is made only if the card is drawn (its cache key uses the drawing key).
  return {
    drawing,
    get svg() {
      if (!files)
        throw new Error(
          `the preview card of ${file} needs its lead chart ${id}, whose SVG was let go when the card was drawn ahead (src/runtime/)`,
        );
      return files.svg;
    },
  };
}

/** A note's card: kicker with edition month, headline, dek, dates, publisher, lead chart. */
export async function noteCard(note: Note): Promise<OgCard> {
  const chart = await leadChart(note);
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
    ...(chart ? { chart } : {}),
  };
}

/**
 * Starts a note's card on a spare worker thread while pages still render. Astro renders the
 * card endpoints (/og/…) after the note pages, and would otherwise wait for them with the
 * main thread idle. Once drawn, the lead chart's SVG is let go. Errors are not lost: the
 * note's card endpoint rebuilds the card and throws.
 */
export function prefetchNoteCard(note: Note): void {
  noteCard(note)
    .then(prefetchOgCard)
    .catch(() => {})
    .finally(() => runtime().cardDrawn(noteFile(note)));
}
