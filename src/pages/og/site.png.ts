import type { APIRoute } from 'astro';
import { publishedNotes, sortNotes } from '../../notes/collection.ts';
import { pngResponse } from '../../og/response.ts';
import { siteCard } from '../../og/site-cards.ts';

/** The default link-preview image for pages without their own (home, lists, about): the publisher and its latest notes. */
export const GET: APIRoute = async () => {
  const latest = sortNotes(await publishedNotes())
    .slice(0, 3)
    .map((note) => ({ title: note.data.title, edition: note.data.edition }));
  return pngResponse(siteCard(latest));
};
