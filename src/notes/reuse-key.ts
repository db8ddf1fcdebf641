/**
 * The key of a reused note page (src/notes/reuse.ts says what goes in and why): pure
 * functions of the inputs, so a test can show each input changes it.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { filesUnder } from '../lib/files.ts';

/**
 * JSON of `value` with Maps, Sets and Dates written out, for hashing: plain `JSON.stringify`
 * writes a Map as `{}`, and a key blind to a Map's contents would never change. A value JSON
 * cannot carry (a function, a symbol, a bigint) is an error, not a silent gap in a key.
 */
export function keyJson(value: unknown): string {
  return JSON.stringify(value, function replace(this: Record<string, unknown>, name: string, converted: unknown) {
    const raw = this[name];
    if (raw instanceof Date) return { date: Number.isNaN(raw.getTime()) ? 'invalid' : raw.toISOString() };
    if (raw instanceof Map) return { map: [...raw] };
    if (raw instanceof Set) return { set: [...raw] };
    if (typeof raw === 'function' || typeof raw === 'symbol' || typeof raw === 'bigint')
      throw new Error(`a page key cannot hold ${String(name)}: ${typeof raw}`);
    return converted;
  });
}

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** Every file under `dir` (sorted, relative) with its bytes' hash; [] without the folder. */
export function filesDigest(dir: string): [string, string][] {
  if (!existsSync(dir)) return [];
  return filesUnder(dir).map((file) => [
    file,
    createHash('sha256')
      .update(readFileSync(path.join(dir, file)))
      .digest('hex'),
  ]);
}

/** What every note's key shares: the site besides the note (see the module comment). */
export interface SiteInputs {
  code: string;
  history: unknown;
}

/** A note's own inputs. */
export interface NoteInputs {
  id: string;
  file: string;
  digest: string;
  versions: unknown;
  /** The other notes its page shows (previous, next, related), as the page lists them. */
  neighbours: unknown;
  /** The files of `data/` it reads, with their bytes' hashes (see `filesDigest`). */
  data: [string, string][];
  /** The change log's entries its revision notices may link, and where. */
  changes: unknown;
}

/** The key of a note's reused files: a hash of the site's inputs and the note's own. */
export function reuseKey(site: string, note: NoteInputs): string {
  return sha256(keyJson({ site, note })).slice(0, 32);
}

/** The hash of the site's inputs, once per build. */
export function siteInputsHash(inputs: SiteInputs): string {
  return sha256(keyJson(inputs));
}
