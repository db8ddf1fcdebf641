import { type CollectionEntry, getCollection } from 'astro:content';
import { editionDate } from '../lib/dates.ts';
import { perBuild } from '../lib/per-build.ts';

export type Note = CollectionEntry<'notes'>;

/**
 * Notes readers can see: drafts only in `astro dev`; withdrawn notes are left out (their URLs
 * show a withdrawal notice, see `withdrawnNotes`). Newest edition first, then newest published.
 * One list per build: every note page asks for it.
 */
export function publishedNotes(): Promise<readonly Note[]> {
  return perBuild('published notes', async () =>
    sortNotes(
      await getCollection('notes', (note) => (import.meta.env.DEV || !note.data.draft) && !note.data.withdrawn),
    ),
  );
}

/** Withdrawn notes: no list, feed, sitemap or search shows them; their URLs show a withdrawal notice. */
export function withdrawnNotes(): Promise<readonly Note[]> {
  return perBuild('withdrawn notes', async () =>
    sortNotes(await getCollection('notes', (note) => !note.data.draft && note.data.withdrawn !== undefined)),
  );
}

/** Newest edition month first; within a month, newest published first; then by slug for stability. */
export function sortNotes<T extends { id: string; data: { edition: string; published: Date } }>(
  notes: readonly T[],
): T[] {
  return [...notes].sort(
    (a, b) =>
      b.data.edition.localeCompare(a.data.edition) ||
      b.data.published.getTime() - a.data.published.getTime() ||
      a.id.localeCompare(b.id),
  );
}

/** The note's permanent URL path. */
export function noteUrl(note: { id: string }): string {
  return `/notes/${note.id}/`;
}

/** Project-relative path of the note's MDX file, for error messages and git. */
export function noteFile(note: Note): string {
  return note.filePath ?? `content/notes/${note.id}.mdx`;
}

export interface EditionGroup<T> {
  /** YYYY-MM */
  edition: string;
  notes: T[];
}

/** Groups already-sorted notes by edition month, keeping order. */
export function groupByEdition<T extends { data: { edition: string } }>(notes: readonly T[]): EditionGroup<T>[] {
  const groups: EditionGroup<T>[] = [];
  for (const note of notes) {
    const last = groups.at(-1);
    if (last && last.edition === note.data.edition) last.notes.push(note);
    else groups.push({ edition: note.data.edition, notes: [note] });
  }
  return groups;
}

/** Month-page URL for an edition: "/notes/2025/06/". */
export function editionUrl(edition: string): string {
  const date = editionDate(edition);
  return `/notes/${date.getUTCFullYear()}/${String(date.getUTCMonth() + 1).padStart(2, '0')}/`;
}
