import {
  closeSync,
  copyFileSync,
  existsSync,
  fstatSync,
  linkSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { crc32 } from 'node:zlib';

/**
 * Root of Assay's caches: `node_modules/.astro/assay`, inside Astro's own cache folder (its
 * default `cacheDir`), which hosts that know Astro keep between builds (Cloudflare Pages does);
 * the README's Deploy section shows how to keep it elsewhere. ASSAY_CACHE_DIR moves it.
 */
export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  return env.ASSAY_CACHE_DIR ?? path.join(process.cwd(), 'node_modules', '.astro', 'assay');
}

/** Whether caching is on; `ASSAY_NO_CACHE=1` turns it off (reads and writes). */
export function cacheEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return !env.ASSAY_NO_CACHE || env.ASSAY_NO_CACHE === '0';
}

/**
 * Directories this process has made. Process-wide, not per build, because it is only a hint:
 * a directory in it is still checked before each write (a later build may have removed it).
 */
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

/**
 * CRC-32 of the body: it only has to catch damage (the key in the header catches
 * collisions), and a warm build checks tens of megabytes of entries, where SHA-256 showed.
 */
function checksum(body: string | Uint8Array): string {
  return `crc32:${crc32(body).toString(16).padStart(8, '0')}`;
}

/**
 * Reads a JSON cache entry: the header line "<key> <checksum>", then the JSON body. The
 * checksum is taken over the body's bytes as read, so nothing is parsed before it passes; a
 * truncated, corrupt or colliding entry, or one `isValid` refuses, is a miss and is removed.
 */
export function readJsonCache<T>(kind: string, key: string, isValid: (value: unknown) => value is T): T | undefined {
  if (!cacheEnabled()) return undefined;
  const file = path.join(cacheRoot(), kind, `${key}.json`);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  const newline = bytes.indexOf(0x0a);
  if (newline > 0 && bytes.toString('latin1', 0, newline) === `${key} ${checksum(bytes.subarray(newline + 1))}`) {
    try {
      const value: unknown = JSON.parse(bytes.toString('utf8', newline + 1));
      if (isValid(value)) {
        markUsed(file);
        return value;
      }
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
  if (isValid(bytes)) {
    markUsed(file);
    return bytes;
  }
  rmSync(file, { force: true });
  return undefined;
}

/** How to check a binary entry from its first and last bytes, without reading the rest. */
export interface EndsCheck {
  head: number;
  tail: number;
  isValid: (head: Buffer, tail: Buffer) => boolean;
}

/**
 * Puts a binary cache entry at `dest` if its ends pass `check`; false on a miss. The bytes
 * never enter JavaScript: `dest` becomes a hard link to the entry (one system call; a warm
 * build places every PNG twin, thousands of files), or a kernel-side copy where links are
 * not possible (another file system). Sharing the inode is safe because entries are never
 * written in place, only replaced by rename (and pruning unlinks them), so a build cannot
 * change a file already in dist/. A file whose ends check out is whole, for the same reason.
 */
export function placeBinaryCache(kind: string, key: string, ext: string, dest: string, check: EndsCheck): boolean {
  if (!cacheEnabled()) return false;
  const file = path.join(cacheRoot(), kind, `${key}.${ext}`);
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return false;
  }
  try {
    const { size } = fstatSync(fd);
    if (size < check.head + check.tail) return false;
    const head = Buffer.alloc(check.head);
    const tail = Buffer.alloc(check.tail);
    readSync(fd, head, 0, check.head, 0);
    readSync(fd, tail, 0, check.tail, size - check.tail);
    if (!check.isValid(head, tail)) return false; // the build's own read replaces it
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(file, dest);
  } catch {
    // Never write into an existing `dest`: with `vite.build.emptyOutDir: false` it may be a
    // link to a cache entry from the last build, which a copy over it would rewrite.
    rmSync(dest, { force: true });
    try {
      linkSync(file, dest);
    } catch {
      copyFileSync(file, dest);
    }
  }
  markUsed(file);
  return true;
}

/** Stores a binary cache entry atomically (no-op when caching is off). */
export function writeBinaryCache(kind: string, key: string, ext: string, bytes: Uint8Array): void {
  if (!cacheEnabled()) return;
  writeAtomic(path.join(cacheRoot(), kind, `${key}.${ext}`), bytes);
}

/**
 * A cache hit refreshes its entry's modification time, so `pruneCache` can tell entries a
 * build still uses from ones nothing has asked for in weeks. One syscall per hit.
 */
function markUsed(file: string): void {
  const now = new Date();
  try {
    utimesSync(file, now, now);
  } catch {
    // Read-only cache directories still work; they are just never pruned by use.
  }
}

/** What a prune removed. */
export interface PruneResult {
  /** False when a prune ran recently and this one was skipped. */
  ran: boolean;
  files: number;
  bytes: number;
}

/** Days an unused entry is kept: `ASSAY_CACHE_MAX_AGE_DAYS`, 30 by default. */
export function cacheMaxAgeDays(env: NodeJS.ProcessEnv = process.env): number {
  const days = Number(env.ASSAY_CACHE_MAX_AGE_DAYS);
  return Number.isFinite(days) && days > 0 ? days : 30;
}

const DAY = 24 * 60 * 60 * 1000;
/** Leftover temporary files of interrupted writes are removed after an hour. */
const STALE_TEMP = 60 * 60 * 1000;

/**
 * Removes cache entries (every kind: figures, drawings, PNGs, cards, emails, search indexes) that no build
 * has used for `maxAgeDays`, at most once a day (a marker file records the last run), so
 * the cache stops growing with every edit. Entries in use are refreshed on each hit, so a
 * pruned entry is one nothing asked for; if something does again, it is simply redrawn.
 */
export function pruneCache({
  maxAgeDays = cacheMaxAgeDays(),
  now = Date.now(),
}: {
  maxAgeDays?: number;
  now?: number;
} = {}): PruneResult {
  const root = cacheRoot();
  const result: PruneResult = { ran: false, files: 0, bytes: 0 };
  if (!cacheEnabled() || !existsSync(root)) return result;
  const marker = path.join(root, '.last-prune');
  try {
    if (now - statSync(marker).mtimeMs < DAY) return result;
  } catch {
    // Never pruned: go ahead.
  }
  result.ran = true;
  for (const kind of readdirSync(root, { withFileTypes: true })) {
    if (!kind.isDirectory()) continue;
    const dir = path.join(root, kind.name);
    for (const name of readdirSync(dir)) {
      const file = path.join(dir, name);
      let stats: ReturnType<typeof statSync>;
      try {
        stats = statSync(file);
      } catch {
        continue;
      }
      if (!stats.isFile()) continue;
      const age = now - stats.mtimeMs;
      if (age > maxAgeDays * DAY || (name.endsWith('.tmp') && age > STALE_TEMP)) {
        rmSync(file, { force: true });
        result.files += 1;
        result.bytes += stats.size;
      }
    }
  }
  writeFileSync(marker, '');
  const stamp = new Date(now);
  utimesSync(marker, stamp, stamp);
  return result;
}
