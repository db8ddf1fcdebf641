/**
 * Where a reader goes from a note: the notes either side of it by edition month, notes that
 * share its topics and datasets, and (for the home page) its lead chart's props. Read from the
 * MDX with the content check's reader (src/check/scan.ts), so a chart counts exactly as the
 * check and the build see it.
 */
import { evaluateProps } from '../../check/components.ts';
import { type ComponentUse, scanMdx } from '../../check/scan.ts';
import { topicSlug } from '../../lib/topics.ts';

/** What these functions need of a note: its slug, topics and MDX body (and its content digest, if known). */
export interface LinkedNote {
  id: string;
  body?: string;
  /** The content layer's digest of the entry (frontmatter and body): a cheap identity for the memo. */
  digest?: string | number;
  data: { topics: readonly string[] };
}

/** What a note links by: its components, the datasets they read, its topics' slugs. */
interface NoteTies {
  components: ComponentUse[];
  /** Whether the MDX has code that may render components the scan cannot see (ScannedMdx.code). */
  code: boolean;
  datasets: Set<string>;
  topics: Set<string>;
}

/**
 * Each note's ties, by slug, kept while the note is unchanged (the dev server edits it). Every
 * note page scores every other note for "related notes", so this is asked n² times a build:
 * a note is recognised by its digest, not by comparing its whole body, and its datasets and
 * topic slugs are worked out once (at 2,000 notes without charts this took a warm build's
 * related notes from 10.6 s to 4.2 s of CPU; the n² scoring loop is what is left).
 */
const ties = new Map<string, { digest: string | number | undefined; body: string; topics: string; ties: NoteTies }>();

function tiesOf(note: LinkedNote): NoteTies {
  const known = ties.get(note.id);
  // The digest covers the frontmatter and the body: when both have one, comparing it is enough.
  if (known && note.digest !== undefined && known.digest === note.digest) return known.ties;
  const body = note.body ?? '';
  const topics = note.data.topics.join('\u0000');
  if (known && note.digest === undefined && known.body === body && known.topics === topics) return known.ties;
  let components: ComponentUse[] = [];
  let code = false;
  try {
    ({ components, code } = scanMdx(body, note.id));
  } catch {
    // A note that does not parse fails the content check and the build, with its place.
    code = true;
  }
  const datasets = new Set<string>();
  for (const use of components) {
    const data = use.attributes.get('data');
    if (data?.kind === 'string') datasets.add(data.value);
  }
  const made = { components, code, datasets, topics: new Set(note.data.topics.map(topicSlug)) };
  ties.set(note.id, { digest: note.digest, body, topics, ties: made });
  return made;
}

/**
 * Every dataset a note's page reads, when its MDX tells them all: each `data` a plain string,
 * no `{...spread}` and no code that may render components. Undefined when it cannot be told
 * without rendering the page (a `<Value data={name}>`, say).
 */
export function datasetsReadBy(note: LinkedNote): ReadonlySet<string> | undefined {
  const { components, code, datasets } = tiesOf(note);
  if (code) return undefined;
  for (const use of components) {
    const data = use.attributes.get('data');
    if (use.spread || (data && data.kind !== 'string')) return undefined;
  }
  return datasets;
}

/** The datasets a note's charts and figures read (`data="…"`), each once. */
export function noteDatasets(note: LinkedNote): Set<string> {
  return new Set(tiesOf(note).datasets);
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
 * A list's notes' datasets and topics as small numbers, made once per list: every note page
 * scores every other note, so the scoring loop runs n² times a build and must not look
 * anything up by name. A build passes the same (frozen) list to every page; the dev server a
 * new one per request, made again.
 */
interface ScoringIndex {
  datasetIds: Map<string, number>;
  topicIds: Map<string, number>;
  datasets: number[][];
  topics: number[][];
}

const indexes = new WeakMap<readonly LinkedNote[], ScoringIndex>();

function scoringIndex(notes: readonly LinkedNote[]): ScoringIndex {
  let index = indexes.get(notes);
  if (index) return index;
  const datasetIds = new Map<string, number>();
  const topicIds = new Map<string, number>();
  const id = (ids: Map<string, number>, name: string) => {
    const known = ids.get(name);
    if (known !== undefined) return known;
    ids.set(name, ids.size);
    return ids.size - 1;
  };
  const datasets: number[][] = [];
  const topics: number[][] = [];
  for (const note of notes) {
    const ties = tiesOf(note);
    datasets.push([...ties.datasets].map((name) => id(datasetIds, name)));
    topics.push([...ties.topics].map((slug) => id(topicIds, slug)));
  }
  index = { datasetIds, topicIds, datasets, topics };
  indexes.set(notes, index);
  return index;
}

/** Marks of the names `note` has among a list's, by number. */
function marks(names: Set<string>, ids: Map<string, number>): Uint8Array {
  const marked = new Uint8Array(ids.size);
  for (const name of names) {
    const n = ids.get(name);
    if (n !== undefined) marked[n] = 1;
  }
  return marked;
}

/**
 * Up to `limit` notes that share the most with `note`: a shared dataset counts twice a shared
 * topic (the same data is the closer tie). Among notes that share as much, the nearest in the
 * list come first (in a list by edition, the notes of the same period: the same episode of the
 * market), the newer of two as near. A note that shares nothing, or is in `leaveOut`, is not
 * related.
 *
 * Why nearest rather than newest: ranked newest first, every new note joined the related
 * notes of most of the archive, so each month's note changed hundreds of old pages (and a
 * build had to render them all again). Ranked by nearness, a new note joins the lists of the
 * few notes just before it; an old page changes only when its neighbourhood does.
 */
export function relatedNotes<T extends LinkedNote>(
  note: LinkedNote,
  notes: readonly T[],
  limit = 3,
  leaveOut: ReadonlySet<string> = new Set(),
): T[] {
  const index = scoringIndex(notes);
  const ties = tiesOf(note);
  const sharedDataset = marks(ties.datasets, index.datasetIds);
  const sharedTopic = marks(ties.topics, index.topicIds);
  // A note outside the list stands just before its first entry: its ties then go newest first.
  const at = notes.findIndex((candidate) => candidate.id === note.id);
  const scored: { candidate: T; score: number; distance: number; order: number }[] = [];
  notes.forEach((candidate, order) => {
    if (candidate.id === note.id || leaveOut.has(candidate.id)) return;
    let score = 0;
    for (const n of index.datasets[order] as number[]) score += 2 * (sharedDataset[n] as number);
    for (const n of index.topics[order] as number[]) score += sharedTopic[n] as number;
    if (score > 0) scored.push({ candidate, score, distance: Math.abs(order - at), order });
  });
  scored.sort((a, b) => b.score - a.score || a.distance - b.distance || a.order - b.order);
  return scored.slice(0, limit).map(({ candidate }) => candidate);
}

/**
 * Every other note a note's page shows (MoreNotes.astro): the previous and next notes, and up
 * to three related notes besides those two. The reuse key of a note page (src/notes/reuse.ts)
 * is made from the same answer, so the page and its key cannot disagree on what it shows.
 */
export function noteNeighbours<T extends LinkedNote>(
  note: LinkedNote,
  notes: readonly T[],
): { previous: T | undefined; next: T | undefined; related: T[] } {
  const { previous, next } = adjacentNotes(note, notes);
  const shown = new Set([previous?.id, next?.id].filter((id): id is string => id !== undefined));
  return { previous, next, related: relatedNotes(note, notes, 3, shown) };
}

/**
 * The props of a note's lead chart (its first `<Chart>`), as the note's page passes them, or
 * undefined when it has none or they can only be known by rendering the note (`{...spread}`,
 * a name the file defines).
 */
export function leadChartProps(note: LinkedNote): Record<string, unknown> | undefined {
  const chart = tiesOf(note).components.find((use) => use.name === 'Chart');
  if (!chart || chart.spread) return undefined;
  try {
    return evaluateProps(chart.attributes);
  } catch {
    return undefined;
  }
}

/**
 * The props of every `<Chart>` in a note, in order, as its page passes them, or undefined when
 * the MDX alone cannot tell them all: a `{...spread}`, a prop only running the page can know,
 * or code that may render charts the scan does not see (an `import`, a tag in an expression).
 */
export function chartPropsOf(note: LinkedNote): Record<string, unknown>[] | undefined {
  const { components, code } = tiesOf(note);
  if (code) return undefined;
  const charts: Record<string, unknown>[] = [];
  for (const use of components) {
    if (use.name !== 'Chart') continue;
    if (use.spread) return undefined;
    let props: Record<string, unknown> | undefined;
    try {
      props = evaluateProps(use.attributes);
    } catch {
      return undefined;
    }
    if (!props) return undefined;
    charts.push(props);
  }
  return charts;
}
