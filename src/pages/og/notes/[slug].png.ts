import type { APIRoute, GetStaticPaths } from 'astro';
import { publishedNotes } from '../../../notes/collection.ts';
import { noteCard } from '../../../og/cards.ts';
import { pngResponse } from '../../../og/response.ts';

export const getStaticPaths = (async () =>
  (await publishedNotes()).map((note) => ({ params: { slug: note.id }, props: { note } }))) satisfies GetStaticPaths;

/** The note's 1200x630 link-preview image, with its lead chart. */
export const GET: APIRoute = async ({ props }) => pngResponse(await noteCard(props.note));
