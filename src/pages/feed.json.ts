import type { APIRoute } from 'astro';
import { feedResponse, siteFeed } from '../feeds/responses.ts';

/** JSON Feed 1.1 of every note. */
export const GET: APIRoute = async () => feedResponse(await siteFeed(), 'json');
