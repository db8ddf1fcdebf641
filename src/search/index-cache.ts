/**
 * The search index kept between builds. Pagefind's output is a function of the pages it reads,
 * its own version and its settings, so a build whose pages are the same as an earlier build's
 * puts that build's index in place instead of running Pagefind again (2.5 s of a warm
 * 1,000-note build, a tenth of it). The key is the pages' bytes as Pagefind reads them, never
 * a version number: one changed word in one page is a new key, and a new index.
 *
 * The index is some thousand files (a fragment per page, index chunks, the UI); the cache
 * holds it as one file, a pack, so the cache stays one file per entry (pruned like the rest,
 * src/charts/cache.ts). A pack is "ASSAY-SEARCH-1\n", the byte length of a JSON list of
 * `[path, size]`, the list, the files' bytes in that order, and "\nEND": a pack cut short or
 * damaged is a miss (the build runs Pagefind and stores it again).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { filesUnder } from '../lib/files.ts';

const MAGIC = Buffer.from('ASSAY-SEARCH-1\n');
const END = Buffer.from('\nEND');

/** Every file under `dir` in one buffer (see the module comment). */
export function packDirectory(dir: string): Buffer {
  const names = filesUnder(dir);
  const bodies = names.map((name) => readFileSync(path.join(dir, name)));
  const list = Buffer.from(JSON.stringify(names.map((name, i) => [name, (bodies[i] as Buffer).length])));
  const length = Buffer.alloc(4);
  length.writeUInt32BE(list.length);
  return Buffer.concat([MAGIC, length, list, ...bodies, END]);
}

/** Whether `bytes` is a whole pack: right start and end, sizes that add up. */
export function isPack(bytes: Buffer): boolean {
  return listOf(bytes) !== undefined;
}

function listOf(bytes: Buffer): { files: [string, number][]; start: number } | undefined {
  if (bytes.length < MAGIC.length + 4 + END.length) return undefined;
  if (!bytes.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  if (!bytes.subarray(bytes.length - END.length).equals(END)) return undefined;
  const listLength = bytes.readUInt32BE(MAGIC.length);
  const start = MAGIC.length + 4 + listLength;
  if (start > bytes.length - END.length) return undefined;
  let files: unknown;
  try {
    files = JSON.parse(bytes.subarray(MAGIC.length + 4, start).toString('utf8'));
  } catch {
    return undefined;
  }
  const valid =
    Array.isArray(files) &&
    files.every(
      (file) =>
        Array.isArray(file) &&
        typeof file[0] === 'string' &&
        // Only paths inside the directory unpacked into.
        !file[0].split('/').some((part: string) => part === '' || part === '.' || part === '..') &&
        Number.isInteger(file[1]) &&
        file[1] >= 0,
    );
  if (!valid) return undefined;
  const total = (files as [string, number][]).reduce((sum, [, size]) => sum + size, 0);
  if (start + total !== bytes.length - END.length) return undefined;
  return { files: files as [string, number][], start };
}

/** Writes a pack's files under `dir`; false (and nothing written) if it is not a whole pack. */
export function unpackDirectory(bytes: Buffer, dir: string): boolean {
  const pack = listOf(bytes);
  if (!pack) return false;
  let at = pack.start;
  for (const [name, size] of pack.files) {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, bytes.subarray(at, at + size));
    at += size;
  }
  return true;
}

/**
 * Builds the key of an index from what decides it: Pagefind's version and arguments, then each
 * page read, by path and bytes, in path order (the order pages are added in does not matter).
 */
export class SearchInputs {
  private readonly pages = new Map<string, string>();
  constructor(private readonly setup: string) {}

  add(page: string, html: string): void {
    this.pages.set(page, createHash('sha256').update(html).digest('hex'));
  }

  key(): string {
    const hash = createHash('sha256').update(this.setup).update('\0');
    for (const page of [...this.pages.keys()].sort()) hash.update(`${page}\0${this.pages.get(page)}\0`);
    return hash.digest('hex').slice(0, 32);
  }
}
