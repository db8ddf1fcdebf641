import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ASTRO_BIN = path.join(PROJECT_ROOT, 'node_modules/astro/bin/astro.mjs');
const LOCK = path.join(PROJECT_ROOT, 'node_modules/.cache/assay-build-test.lock');

export interface BuiltSite {
  /** Whether `astro build` exited 0. */
  ok: boolean;
  /** stdout and stderr together, for asserting on error messages. */
  output: string;
  /** Absolute path of the built site. */
  outDir: string;
}

/**
 * Runs `astro build` for a site root (the sample site, or a fixture under test/fixtures/ whose
 * astro.config.mjs points srcDir at our src/) into a fresh temp dir, with a fixed build date.
 * Builds of the same root share `.astro/`, so builds are serialised with a lock directory.
 */
export function buildSite(root: string, env: Record<string, string> = {}): BuiltSite {
  const outDir = mkdtempSync(path.join(tmpdir(), 'assay-dist-'));
  const release = acquireLock();
  try {
    const result = spawnSync(process.execPath, [ASTRO_BIN, 'build', '--root', root, '--outDir', outDir], {
      cwd: root,
      encoding: 'utf8',
      env: {
        ...buildEnv(),
        ASTRO_TELEMETRY_DISABLED: '1',
        ASSAY_BUILD_DATE: '2026-01-15',
        TZ: 'UTC',
        NO_COLOR: '1',
        FORCE_COLOR: '0',
        ...env,
      },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { ok: result.status === 0, output: `${result.stdout}\n${result.stderr}`, outDir };
  } finally {
    release();
  }
}

/**
 * This process's environment without what Vitest adds for its own modules: NODE_ENV=test,
 * MODE, DEV, PROD, SSR, BASE_URL. Astro reads process.env behind `import.meta.env` in server
 * code, so a build that inherited them would see `import.meta.env.DEV` set and build like
 * `astro dev`; the sites under test must be built the way `npm run build` builds them.
 */
function buildEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const { NODE_ENV: _n, MODE: _m, DEV: _d, PROD: _p, SSR: _s, BASE_URL: _b, ...rest } = env;
  return rest;
}

/** Removes a built site's temp directory. */
export function removeSite(site: BuiltSite): void {
  rmSync(site.outDir, { recursive: true, force: true });
}

function acquireLock(): () => void {
  mkdirSync(path.dirname(LOCK), { recursive: true });
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      return () => rmSync(LOCK, { recursive: true, force: true });
    } catch {
      if (Date.now() > deadline) throw new Error(`build lock ${LOCK} held for over 10 minutes; remove it if stale`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
}
