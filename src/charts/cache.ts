import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Root of Assay's caches: `node_modules/.cache/assay` (ASSAY_CACHE_DIR overrides, for tests). */
export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  return env.ASSAY_CACHE_DIR ?? path.join(process.cwd(), 'node_modules', '.cache', 'assay');
}

/** Whether caching is on; `ASSAY_NO_CACHE=1` turns it off (reads and writes). */
export function cacheEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return !env.ASSAY_NO_CACHE || env.ASSAY_NO_CACHE === '0';
}

const madeDirs = new Set<string>();

/**
 * Writes a file atomically: to a unique temporary name, then rename. A crash or a
 * concurrent build leaves either the old file, the new file, or a stray temp, never half a file.
 */
export function writeAtomic(file: string, content: string | Uint8Array): void {
  const dir = path.dirname(file);
  // Checked once per directory and process: thousands of cache writes go to a handful of directories.
  if (!madeDirs.has(dir) || !existsSync(dir)) {
    mkdirSync(dir, { recursive: true });
    madeDirs.add(dir);
  }
  const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  writeFileSync(temp, content);
  renameSync(temp, file);
}

function checksum(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/**
 * A JSON cache entry is a header line "<key> <checksum>" and the JSON body; reading checks
 * both (the checksum over the body text, so no re-serialising), so a truncated, corrupt or
 * colliding entry is treated as a miss (and removed).
 */
export function readJsonCache<T>(kind: string, key: string, isValid: (value: unknown) => value is T): T | undefined {
  if (!cacheEnabled()) return undefined;
  const file = path.join(cacheRoot(), kind, `${key}.json`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const newline = text.indexOf('\n');
  const body = text.slice(newline + 1);
  if (newline > 0 && text.slice(0, newline) === `${key} ${checksum(body)}`) {
    try {
      const value: unknown = JSON.parse(body);
      if (isValid(value)) return value;
    } catch {
      // Corrupt JSON despite a matching checksum: fall through and drop the entry.
    }
  }
  rmSync(file, { force: true });
  return undefined;
}

/** Stores a JSON cache entry atomically (no-op when caching is off). */
export function writeJsonCache(kind: string, key: string, value: unknown): void {
  if (!cacheEnabled()) return;
  const body = JSON.stringify(value);
  writeAtomic(path.join(cacheRoot(), kind, `${key}.json`), `${key} ${checksum(body)}\n${body}`);
}

/** Reads a binary cache entry, returning it only if `isValid` accepts the bytes. */
export function readBinaryCache(
  kind: string,
  key: string,
  ext: string,
  isValid: (bytes: Buffer) => boolean,
): Buffer | undefined {
  if (!cacheEnabled()) return undefined;
  const file = path.join(cacheRoot(), kind, `${key}.${ext}`);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  if (isValid(bytes)) return bytes;
  rmSync(file, { force: true });
  return undefined;
}

/** Stores a binary cache entry atomically (no-op when caching is off). */
export function writeBinaryCache(kind: string, key: string, ext: string, bytes: Uint8Array): void {
  if (!cacheEnabled()) return;
  writeAtomic(path.join(cacheRoot(), kind, `${key}.${ext}`), bytes);
}
