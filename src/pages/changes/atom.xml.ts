import type { APIRoute } from 'astro';
import { changesFeed } from '../../feeds/changes.ts';
import { feedResponse } from '../../feeds/responses.ts';
import { changeLog } from '../../provenance/collection.ts';

/** The change log as a feed (atom). */
export const GET: APIRoute = async () =>
  feedResponse(changesFeed(await changeLog({ dev: import.meta.env.DEV })), 'atom');
