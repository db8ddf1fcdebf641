import { existsSync } from 'node:fs';
import path from 'node:path';
import { cacheRoot, writeAtomic } from './cache.ts';

/** Environment variable through which the integration tells components where to stage files. */
export const STAGING_ENV = 'ASSAY_CHART_STAGING';

/**
 * Where components put each chart's CSV and SVG while pages render. It is a directory,
 * not a module-level Map, because Astro's bundled page code and the integration are
 * separate module instances; the file system is shared by both (and by any worker).
 */
export function stagingDir(env: NodeJS.ProcessEnv = process.env): string {
  return env[STAGING_ENV] ?? path.join(cacheRoot(env), 'staging', 'default');
}

/** The files of one chart that go to `dist/charts/`. */
export interface ChartAssetFiles {
  csv: string;
  svg: string;
}

/** Stages a chart's files for the build to copy; identical charts share files by id. */
export function stageChartAssets(id: string, files: ChartAssetFiles, dir: string = stagingDir()): void {
  for (const [ext, content] of Object.entries(files)) {
    const file = path.join(dir, `${id}.${ext}`);
    if (!existsSync(file)) writeAtomic(file, content);
  }
}

/** Public URLs of a chart's files, under the site's base path. */
export function chartAssetUrls(id: string, base = '/'): { csv: string; svg: string; png: string } {
  const root = `${base.replace(/\/?$/, '/')}charts/${id}`;
  return { csv: `${root}.csv`, svg: `${root}.svg`, png: `${root}.png` };
}
