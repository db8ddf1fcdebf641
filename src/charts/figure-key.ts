import { createHash } from 'node:crypto';
import type { Dataset } from '../data/schema.ts';
import { codeFingerprint } from '../lib/code-fingerprint.ts';
import { stableJson } from './identity.ts';
import { datasetEntity } from './normalise.ts';

/** Stable JSON of author props, without injected keys such as `__line` (see `stableJson`). */
export function stableProps(props: Record<string, unknown>): string {
  return stableJson(props, (key) => key.startsWith('__'));
}

/**
 * Key of a whole rendered figure, computed before any normalising: the author's props
 * (without `__line`, which only places errors), the dataset's content hash (computed once
 * per load), its vintage, the entity whose colour it takes (read from the newest metadata for
 * an earlier vintage without one, so not in the hash), and the code that draws it
 * (`codeFingerprint`). Everything a figure is drawn from.
 */
export function figureKey(props: Record<string, unknown>, dataset: Dataset): string {
  const vintage = dataset.vintage
    ? `${dataset.vintage.commit}\0${dataset.vintage.date.toISOString()}\0${dataset.vintage.latest ? 1 : 0}`
    : '';
  return createHash('sha256')
    .update(`${codeFingerprint()}\0${dataset.name}\0${dataset.hash}\0${vintage}\0${datasetEntity(dataset) ?? ''}\0`)
    .update(stableProps(props))
    .digest('hex')
    .slice(0, 24);
}
