/**
 * Where a reader goes from a note: the notes either side of it by edition month, notes that
 * share its topics and datasets, and (for the home page) its lead chart's props. Read from the
 * MDX with the content check's reader (src/check/scan.ts), so a chart counts exactly as the
 * check and the build see it.
 */
import { evaluateProps } from '../../check/components.ts';
import { type ComponentUse, scanMdx } from '../../check/scan.ts';
import { topicSlug } from '../../lib/topics.ts';

/** What these functions need of a note: its slug, topics and MDX body. */
export interface LinkedNote {
  id: string;
  body?: string;
  data: { topics: readonly string[] };
}

/** A note's components, by slug, kept while its body is unchanged (the dev server edits it). */
const scanned = new Map<string, { body: string; components: ComponentUse[] }>();

function componentsOf(note: LinkedNote): ComponentUse[] {
  const body = note.body ?? '';
  const known = scanned.get(note.id);
  if (known?.body === body) return known.components;
  let components: ComponentUse[] = [];
  try {
    components = scanMdx(body, note.id).components;
  } catch {
    // A note that does not parse fails the content check and the build, with its place.
  }
  scanned.set(note.id, { body, components });
  return components;
}

/** The datasets a note's charts and figures read (`data="…"`), each once. */
export function noteDatasets(note: LinkedNote): Set<string> {
  const names = new Set<string>();
  for (const use of componentsOf(note)) {
    const data = use.attributes.get('data');
    if (data?.kind === 'string') names.add(data.value);
  }
  return names;
}

/**
 * The notes before and after `note` in edition order. `notes` is sorted newest edition first
 * (`publishedNotes`), so the previous (older) note follows it and the next (newer) precedes it.
 */
export function adjacentNotes<T extends LinkedNote>(
  note: LinkedNote,
  notes: readonly T[],
): { previous: T | undefined; next: T | undefined } {
  const at = notes.findIndex((candidate) => candidate.id === note.id);
  if (at < 0) return { previous: undefined, next: undefined };
  return { previous: notes[at + 1], next: at > 0 ? notes[at - 1] : undefined };
}

/**
 * Up to `limit` notes that share the most with `note`: a shared dataset counts twice a shared
 * topic (the same data is the closer tie). Ties keep the order of `notes` (newest first); a
 * note that shares nothing is not related.
 */
export function relatedNotes<T extends LinkedNote>(note: LinkedNote, notes: readonly T[], limit = 3): T[] {
  const topics = new Set(note.data.topics.map(topicSlug));
  const datasets = noteDatasets(note);
  const scored = notes.flatMap((candidate, order) => {
    if (candidate.id === note.id) return [];
    const sharedTopics = new Set(candidate.data.topics.map(topicSlug).filter((slug) => topics.has(slug))).size;
    const sharedData = [...noteDatasets(candidate)].filter((name) => datasets.has(name)).length;
    const score = 2 * sharedData + sharedTopics;
    return score > 0 ? [{ candidate, score, order }] : [];
  });
  scored.sort((a, b) => b.score - a.score || a.order - b.order);
  return scored.slice(0, limit).map(({ candidate }) => candidate);
}

/**
 * The props of a note's lead chart (its first `<Chart>`), as the note's page passes them, or
 * undefined when it has none or they can only be known by rendering the note (`{...spread}`,
 * a name the file defines).
 */
export function leadChartProps(note: LinkedNote): Record<string, unknown> | undefined {
  const chart = componentsOf(note).find((use) => use.name === 'Chart');
  if (!chart || chart.spread) return undefined;
  try {
    return evaluateProps(chart.attributes);
  } catch {
    return undefined;
  }
}
