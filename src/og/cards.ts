/**
 * Preview cards for notes and events, from content. A note's card shows its lead chart (its
 * first `<Chart>`, src/notes/lead-chart.ts) as the PNG twin draws it: read from the MDX and
 * taken from the chart engine (its memory or disk cache, else drawn), never by rendering the
 * note, so a card does not depend on which pages rendered before it.
 */

import { buildChart } from '../charts/engine.ts';
import { pngTwin } from '../charts/twin.ts';
import { loadDataset } from '../data/load.ts';
import { noteUpdated } from '../feeds/note-meta.ts';
import { formatDate, formatMonth } from '../lib/dates.ts';
import type { Note } from '../notes/collection.ts';
import { leadChartSource, noteLeadChart } from '../notes/lead-chart.ts';
import { site } from '../site.config.ts';
import type { OgCard } from './card.ts';
import { prefetchOgCard } from './render.ts';

/** The chart a note's card shows: its lead chart's twin, whose SVG is made only if the card is drawn. */
async function leadChart(note: Note): Promise<OgCard['chart']> {
  const lead = noteLeadChart(note, { dev: import.meta.env.DEV });
  if (!lead) return undefined;
  const dataset = loadDataset(String(lead.props.data), leadChartSource(lead));
  // Not staged: the note's page stages its charts for dist/charts/.
  const figure = await buildChart(lead.props, dataset, { file: lead.file }, { stage: false });
  const twin = pngTwin(figure);
  return {
    drawing: twin.key,
    get svg() {
      return twin.svg;
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
 * main thread idle. Errors are not lost: the note's card endpoint rebuilds the card and throws.
 */
export function prefetchNoteCard(note: Note): void {
  noteCard(note)
    .then(prefetchOgCard)
    .catch(() => {});
}
