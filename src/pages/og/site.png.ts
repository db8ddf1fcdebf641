import type { APIRoute } from 'astro';
import { siteCard } from '../../og/cards.ts';
import { pngResponse } from '../../og/response.ts';

/** The default link-preview image for pages without their own (home, lists, about). */
export const GET: APIRoute = async () => pngResponse(siteCard());
