import type { APIRoute } from 'astro';
import { feedResponse, siteFeed } from '../feeds/responses.ts';

/** RSS 2.0 of every note. */
export const GET: APIRoute = async () => feedResponse(await siteFeed(), 'rss');
