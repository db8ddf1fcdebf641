import { createHash } from 'node:crypto';
import { cacheEnabled, readBinaryCache } from '../charts/cache.ts';
import { isCompletePng } from '../charts/png.ts';
import { codeFingerprint } from '../lib/code-fingerprint.ts';
import { type CardResult, runtime } from '../runtime/index.ts';
import type { OgCard } from './card.ts';
import { ogCardTask } from './tasks.ts';

/**
 * Cache key of a card: its text, its chart (the drawing's key when known, else the SVG's
 * bytes), and the code fingerprint (the card's layout and pipeline, its fonts and the chart's).
 */
export function ogCardKey(card: OgCard): string {
  const chart = card.chart?.drawing ? { drawing: card.chart.drawing } : card.chart;
  return createHash('sha256')
    .update(`og\0${codeFingerprint()}\0`)
    .update(JSON.stringify({ ...card, chart }))
    .digest('hex')
    .slice(0, 24);
}

const readCard = (key: string) => readBinaryCache('og', key, 'png', isCompletePng);

async function readOrDraw(key: string, card: OgCard, background: boolean): Promise<CardResult> {
  const hit = readCard(key);
  if (hit) return { png: hit, cached: true };
  // Drawn and stored on a worker thread: pages keep rendering on the main thread meanwhile.
  const png = await runtime().run(ogCardTask, { card, cacheKey: key }, { background });
  return { png, cached: false };
}

/**
 * Starts drawing a card on a spare worker thread while pages still render, so its
 * endpoint, which Astro renders after the pages, finds it done instead of waiting. Once the
 * card is in the cache only the fact is kept, not its bytes (some 60 KB a card, for every
 * note until the card endpoints render). A failure is not lost: the endpoint awaits the same
 * promise and throws. Resolves when the card is drawn or has failed.
 */
export function prefetchOgCard(card: OgCard): Promise<void> {
  const key = ogCardKey(card);
  const { cards } = runtime();
  let pending = cards.get(key);
  if (!pending) {
    pending = readOrDraw(key, card, true).then((result) => (cacheEnabled() ? { cached: result.cached } : result));
    cards.set(key, pending);
  }
  return pending.then(
    () => {},
    () => {},
  );
}

/**
 * A card's PNG, from node_modules/.astro/assay/og/<key>.png when an identical card was drawn
 * before (same text, chart, fonts and layout), else drawn and stored. Deterministic: the
 * same card gives the same bytes, so the cache only saves time.
 */
export async function renderOgCard(card: OgCard): Promise<CardResult> {
  const key = ogCardKey(card);
  const { cards } = runtime();
  const early = cards.get(key);
  if (!early) return readOrDraw(key, card, false);
  // Something waits now: cards still queued behind page work get every worker.
  runtime().promote();
  let done: Awaited<typeof early>;
  try {
    done = await early;
  } finally {
    cards.delete(key);
  }
  if (done.png) return { png: done.png, cached: done.cached };
  // Drawn ahead and stored: read back (drawn again, same bytes, if the cache lost it meanwhile).
  const stored = readCard(key);
  return stored ? { png: stored, cached: done.cached } : readOrDraw(key, card, false);
}
