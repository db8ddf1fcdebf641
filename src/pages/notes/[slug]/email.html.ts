import type { APIRoute, GetStaticPaths } from 'astro';
import { emailEdition } from '../../../email/edition.ts';
import { publishedNotes } from '../../../notes/collection.ts';

export const getStaticPaths = (async () =>
  (await publishedNotes()).map((note) => ({ params: { slug: note.id }, props: { note } }))) satisfies GetStaticPaths;

/** The note's email edition: paste-ready HTML for a newsletter tool (see docs/newsletters.md). */
export const GET: APIRoute = async ({ props }) =>
  new Response(await emailEdition(props.note), { headers: { 'Content-Type': 'text/html; charset=utf-8' } });
