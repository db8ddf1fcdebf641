/**
 * A fingerprint of the code and assets that produce cached output (charts, PNG twins, preview
 * cards, email editions, font subsets). Every cache key includes it, so editing any source file
 * (a formatter, the palette, a description) or upgrading a package (Plot, resvg, satori,
 * linkedom, the fonts) makes new keys: a cache can be cold, never stale. It replaces version
 * constants bumped by hand, which a forgotten bump turned into stale figures.
 *
 * What goes in: every file under Assay's `src/`, the lockfile (exact versions of every installed
 * package, transitively), the installed versions of the packages that draw (for installs without
 * a lockfile), and zlib's version (another zlib may compress the same pixels differently).
 * Hashing all of `src/` (about 1 MB) takes a few milliseconds once per process; a change to a
 * page layout also starts the caches afresh, which costs one cold build and never a wrong figure.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { filesUnder } from './files.ts';

/** Packages whose code or files shape cached output. */
export const DRAWING_PACKAGES = [
  '@observablehq/plot',
  '@resvg/resvg-js',
  'satori',
  'linkedom',
  'd3-format',
  'd3-time-format',
  'd3-dsv',
  'juice',
  'harfbuzzjs',
  '@expo-google-fonts/inter',
  '@expo-google-fonts/source-serif-4',
] as const;

/** The installed version of a package, or "missing"; read from its package.json next to its entry. */
function installedVersion(name: string, from: string): string {
  const require = createRequire(path.join(from, 'package.json'));
  let dir: string;
  try {
    dir = path.dirname(require.resolve(name));
  } catch {
    return 'missing';
  }
  // Walk up from the entry point to the package's own package.json (some export no ./package.json).
  for (let at = dir; at !== path.dirname(at); at = path.dirname(at)) {
    const file = path.join(at, 'package.json');
    if (!existsSync(file)) continue;
    const json = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
    if (json.name === name) return json.version ?? 'unknown';
  }
  return 'unknown';
}

/**
 * The fingerprint of an Assay checkout: `root` holds `src/` and, usually, `package-lock.json`
 * and `node_modules/`. Pure over the files it reads; exported for tests, which edit a copy.
 */
export function fingerprintOf(root: string): string {
  const hash = createHash('sha256');
  const src = path.join(root, 'src');
  for (const file of filesUnder(src)) {
    hash.update(`src/${file}\0`);
    hash.update(readFileSync(path.join(src, file)));
    hash.update('\0');
  }
  const lockfile = path.join(root, 'package-lock.json');
  if (existsSync(lockfile)) hash.update(readFileSync(lockfile)).update('\0');
  for (const name of DRAWING_PACKAGES) hash.update(`${name}@${installedVersion(name, root)}\0`);
  hash.update(`zlib@${process.versions.zlib}`);
  return hash.digest('hex').slice(0, 16);
}

/**
 * Set by the build (astro.config's Vite `define`, from `codeFingerprintDefine`): bundled page
 * code cannot find the source files it was built from, so the integration that starts the
 * build computes the fingerprint and the bundle carries it as a constant.
 */
declare const __ASSAY_CODE_FINGERPRINT__: string | undefined;

let computed: string | undefined;

/**
 * This process's code fingerprint. Unbundled (tests, worker threads, scripts) it is computed
 * from the checkout this module sits in; in bundled pages it is the constant the build set.
 */
export function codeFingerprint(): string {
  if (typeof __ASSAY_CODE_FINGERPRINT__ === 'string') return __ASSAY_CODE_FINGERPRINT__;
  computed ??= fingerprintOf(fileURLToPath(new URL('../../', import.meta.url)));
  return computed;
}

/** The Vite `define` that gives bundled code the fingerprint computed here, at build start. */
export function codeFingerprintDefine(): Record<string, string> {
  return { __ASSAY_CODE_FINGERPRINT__: JSON.stringify(codeFingerprint()) };
}
