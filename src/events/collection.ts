/**
 * Events from the content layer, resolved for pages and feeds. The only events module
 * that touches `astro:content`; everything it returns is plain data for the pure modules.
 */
import { type CollectionEntry, getCollection, getEntry } from 'astro:content';
import { AssayError } from '../lib/errors.ts';
import { perBuild } from '../lib/per-build.ts';
import { type ResolvedEvent, resolveEvent } from './event.ts';

/** An event content entry. */
export type EventEntry = CollectionEntry<'events'>;

/** A resolved event that remembers its content entry (for `render()` and file paths). */
export type SiteEvent = ResolvedEvent & { entry: EventEntry };

/** Events readers can see, resolved: drafts only in `astro dev`. Unordered; see `splitEvents`. One list per build. */
export function publishedEvents(): Promise<readonly SiteEvent[]> {
  return perBuild('published events', async () => {
    const entries = await getCollection('events', (entry) => import.meta.env.DEV || !entry.data.draft);
    return entries.map((entry) => ({ ...resolveEvent(entry), entry }));
  });
}

/** Project-relative path of the event's MDX file, for error messages. */
export function eventFile(event: SiteEvent): string {
  return event.entry.filePath ?? `content/events/${event.slug}.mdx`;
}

/** A related note as the event page links it. */
export interface RelatedNote {
  /** Note slug. */
  id: string;
  /** Headline. */
  title: string;
  /** One-line summary. */
  dek: string;
}

/**
 * The notes named in `relatedNotes`, in the author's order. A slug with no published note
 * fails the build (naming the file and field) rather than leaving a dead link.
 */
export async function relatedNotes(event: SiteEvent): Promise<RelatedNote[]> {
  const notes: RelatedNote[] = [];
  for (const [index, slug] of event.data.relatedNotes.entries()) {
    const note = await getEntry('notes', slug);
    if (!note || (note.data.draft && !import.meta.env.DEV)) {
      throw new AssayError(`relatedNotes.${index}: no published note '${slug}'`, {
        hint: "use a note's slug, its file name under content/notes/ without .mdx",
        file: eventFile(event),
      });
    }
    notes.push({ id: note.id, title: note.data.title, dek: note.data.dek });
  }
  return notes;
}
