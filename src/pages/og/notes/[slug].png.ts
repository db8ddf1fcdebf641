import type { APIRoute, GetStaticPaths } from 'astro';
import { type Note, publishedNotes, withdrawnNotes } from '../../../notes/collection.ts';
import { reuseKeys } from '../../../notes/reuse.ts';
import { noteCard } from '../../../og/cards.ts';
import { pngResponse } from '../../../og/response.ts';
import { withdrawnNoteCard } from '../../../og/site-cards.ts';

export const getStaticPaths = (async () => {
  // Reused while its note's key is unchanged (src/notes/reuse.ts).
  const keys = await reuseKeys();
  const notes = (await publishedNotes()).map((note) => ({
    params: { slug: note.id },
    props: { note },
    cacheKey: keys.get(note.id),
  }));
  // A withdrawn note keeps its URL and its /vN/ pages, which point at this card: it says "Withdrawn".
  const withdrawn = (await withdrawnNotes()).map((note) => ({ params: { slug: note.id }, props: { note } }));
  return [...notes, ...withdrawn];
}) satisfies GetStaticPaths;

interface Props {
  note: Note;
}

/** The note's 1200x630 link-preview image, with its lead chart; a withdrawn note's says when and why. */
export const GET: APIRoute<Props> = async ({ props }) => {
  const { note } = props;
  const { withdrawn } = note.data;
  return pngResponse(withdrawn ? withdrawnNoteCard({ data: { ...note.data, withdrawn } }) : await noteCard(note));
};
