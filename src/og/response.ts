import type { OgCard } from './card.ts';
import { renderOgCard } from './render.ts';

/** A card as an image/png Response for a static endpoint. */
export async function pngResponse(card: OgCard): Promise<Response> {
  const { png } = await renderOgCard(card);
  return new Response(new Uint8Array(png), { headers: { 'Content-Type': 'image/png' } });
}
