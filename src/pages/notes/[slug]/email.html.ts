import type { APIRoute, GetStaticPaths } from 'astro';
import { emailEdition } from '../../../email/edition.ts';
import { publishedNotes } from '../../../notes/collection.ts';
import { reuseKeys } from '../../../notes/reuse.ts';
import { prefetchNoteCard } from '../../../og/cards.ts';

export const getStaticPaths = (async () => {
  // Reused while its note's key is unchanged (src/notes/reuse.ts).
  const keys = await reuseKeys();
  return (await publishedNotes()).map((note) => ({
    params: { slug: note.id },
    props: { note },
    cacheKey: keys.get(note.id),
  }));
}) satisfies GetStaticPaths;

/** The note's email edition: paste-ready HTML for a newsletter tool (see docs/newsletters.md). */
export const GET: APIRoute = async ({ props }) => {
  // For newsletter editors, not readers: search engines leave it out (so does the sitemap).
  const html = (await emailEdition(props.note)).replace('<head>', '<head>\n<meta name="robots" content="noindex">');
  // The note's preview card is drawn on a spare worker now, while pages render, instead of when
  // the card endpoints run after them. Any route rendered once per note would do; here the
  // edition has just drawn the card's lead chart, so the chart engine has it in memory.
  if (import.meta.env.PROD) prefetchNoteCard(props.note);
  return new Response(html, { headers: { 'Content-Type': 'text/html; charset=utf-8' } });
};
