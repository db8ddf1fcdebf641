import path from 'node:path';
import { PROJECT_ROOT } from './site.ts';

/**
 * The environment `npm run build` gives its script: the project's node_modules/.bin first on
 * PATH (so `astro`, `pagefind` and `node` are the project's), a fixed build date, and none of
 * the settings that would move or turn off Assay's cache.
 */
export function userBuildEnv(): NodeJS.ProcessEnv {
  const { ASSAY_CACHE_DIR: _dir, ASSAY_NO_CACHE: _off, ...env } = process.env;
  return {
    ...env,
    PATH: `${path.join(PROJECT_ROOT, 'node_modules/.bin')}${path.delimiter}${env.PATH ?? ''}`,
    ASTRO_TELEMETRY_DISABLED: '1',
    ASSAY_BUILD_DATE: '2026-01-15',
    TZ: 'UTC',
    NO_COLOR: '1',
    FORCE_COLOR: '0',
  };
}
