/** The preview cards' worker task (src/workers/pool.ts): drawing a card and storing it in the cache. */
import { writeBinaryCache } from '../charts/cache.ts';
import { defineTask } from '../workers/pool.ts';
import type { OgCard } from './card.ts';
import { drawOgCard } from './draw.ts';

export interface OgCardTask {
  card: OgCard;
  /** The cache key to store the PNG under, here rather than on the busy main thread. */
  cacheKey?: string;
}

/** satori and resvg: a 1200x630 preview card (a fresh copy, so the worker can transfer its buffer). */
export const ogCardTask = defineTask('ogCard', async ({ card, cacheKey }: OgCardTask): Promise<Uint8Array> => {
  const png = new Uint8Array(await drawOgCard(card));
  if (cacheKey) writeBinaryCache('og', cacheKey, 'png', png);
  return png;
});
