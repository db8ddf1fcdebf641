import type { APIRoute, GetStaticPaths } from 'astro';
import { emailEdition } from '../../../email/edition.ts';
import { publishedNotes } from '../../../notes/collection.ts';
import { prefetchNoteCard } from '../../../og/cards.ts';

export const getStaticPaths = (async () =>
  (await publishedNotes()).map((note) => ({ params: { slug: note.id }, props: { note } }))) satisfies GetStaticPaths;

/** The note's email edition: paste-ready HTML for a newsletter tool (see docs/newsletters.md). */
export const GET: APIRoute = async ({ props }) => {
  // Editions are the first routes Astro renders per note: a good moment to start its preview card.
  if (import.meta.env.PROD) prefetchNoteCard(props.note);
  return new Response(await emailEdition(props.note), { headers: { 'Content-Type': 'text/html; charset=utf-8' } });
};
