import { createHash } from 'node:crypto';
import { readBinaryCache } from '../charts/cache.ts';
import { isCompletePng } from '../charts/png.ts';
import { codeFingerprint } from '../lib/code-fingerprint.ts';
import { promoteBackgroundTasks, runTask } from '../workers/pool.ts';
import type { OgCard } from './card.ts';

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

/** Cards being drawn or drawn ahead of need, by key; shared by every bundled copy of this module. */
const PENDING = Symbol.for('assay.og-cards');
type CardResult = { png: Uint8Array; cached: boolean };

function pendingCards(): Map<string, Promise<CardResult>> {
  const global = globalThis as { [PENDING]?: Map<string, Promise<CardResult>> };
  global[PENDING] ??= new Map();
  return global[PENDING];
}

async function readOrDraw(key: string, card: OgCard, background: boolean): Promise<CardResult> {
  const hit = readBinaryCache('og', key, 'png', isCompletePng);
  if (hit) return { png: hit, cached: true };
  // Drawn and stored on a worker thread: pages keep rendering on the main thread meanwhile.
  const png = await runTask('ogCard', { input: card, cacheKey: key }, { background });
  return { png, cached: false };
}

/**
 * Starts drawing a card on a spare worker thread while pages still render, so its
 * endpoint, which Astro renders after every page, finds it done instead of waiting.
 * A failure is not lost: the endpoint awaits the same promise and throws.
 */
export function prefetchOgCard(card: OgCard): void {
  const key = ogCardKey(card);
  const pending = pendingCards();
  if (pending.has(key)) return;
  const result = readOrDraw(key, card, true);
  result.catch(() => {});
  pending.set(key, result);
}

/**
 * A card's PNG, from node_modules/.astro/assay/og/<key>.png when an identical card was drawn
 * before (same text, chart, fonts and layout), else drawn and stored. Deterministic: the
 * same card gives the same bytes, so the cache only saves time.
 */
export async function renderOgCard(card: OgCard): Promise<CardResult> {
  const key = ogCardKey(card);
  const pending = pendingCards();
  const early = pending.get(key);
  if (!early) return readOrDraw(key, card, false);
  // Something waits now: cards still queued behind page work get every worker.
  promoteBackgroundTasks();
  try {
    return await early;
  } finally {
    pending.delete(key);
  }
}
