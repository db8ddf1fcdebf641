import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { STAGING_ENV } from '../charts/assets.ts';
import { cacheRoot } from '../charts/cache.ts';
import { renderPng } from '../charts/png.ts';
import { renderPngs } from '../charts/png-pool.ts';

const ASSET = /^\/(?:.*\/)?charts\/([0-9a-f]{16})\.(csv|svg|png)$/;
const TYPES: Record<string, string> = { csv: 'text/csv; charset=utf-8', svg: 'image/svg+xml', png: 'image/png' };

/**
 * Writes every chart's CSV, standalone SVG and PNG twin to `dist/charts/<id>.*`.
 * Components stage CSV and SVG while pages render; at `astro:build:done` they are
 * copied and the PNGs rasterised on worker threads (cached by content). In `astro dev`
 * the same files are served from the staging directory, PNGs drawn on request.
 */
export function chartAssets(): AstroIntegration {
  let staging = '';
  return {
    name: 'assay-chart-assets',
    hooks: {
      'astro:config:setup': ({ config }) => {
        // One staging directory per project root, so fixture builds never mix files.
        const root = fileURLToPath(config.root);
        staging = path.join(cacheRoot(), 'staging', createHash('sha256').update(root).digest('hex').slice(0, 12));
        process.env[STAGING_ENV] = staging;
        mkdirSync(staging, { recursive: true });
      },
      'astro:build:start': () => {
        // Only charts rendered by this build may reach dist/.
        rmSync(staging, { recursive: true, force: true });
        mkdirSync(staging, { recursive: true });
      },
      'astro:server:setup': ({ server }) => {
        server.middlewares.use((request, response, next) => {
          const match = ASSET.exec((request.url ?? '').split('?')[0] as string);
          if (!match) return next();
          const [, id, ext] = match;
          const source = path.join(staging, `${id}.${ext === 'png' ? 'svg' : ext}`);
          if (!existsSync(source)) return next();
          const body = ext === 'png' ? renderPng(readFileSync(source, 'utf8')) : readFileSync(source);
          response.setHeader('Content-Type', TYPES[ext as string] as string);
          response.end(body);
        });
      },
      'astro:build:done': async ({ dir, logger }) => {
        const files = existsSync(staging)
          ? readdirSync(staging)
              .filter((file) => /^[0-9a-f]{16}\.(csv|svg)$/.test(file))
              .sort()
          : [];
        if (files.length === 0) return;
        const out = path.join(fileURLToPath(dir), 'charts');
        mkdirSync(out, { recursive: true });
        for (const file of files) copyFileSync(path.join(staging, file), path.join(out, file));
        const svgFiles = files.filter((file) => file.endsWith('.svg'));
        const { pngs, stats } = await renderPngs(
          svgFiles.map((file) => readFileSync(path.join(staging, file), 'utf8')),
        );
        for (const [index, file] of svgFiles.entries()) {
          writeFileSync(path.join(out, file.replace(/\.svg$/, '.png')), pngs[index] as Uint8Array);
        }
        logger.info(
          `${svgFiles.length} charts: CSV, SVG and PNG written to charts/ (${stats.rendered} PNGs rendered, ${stats.cached} from cache, ${Math.round(stats.ms)} ms)`,
        );
      },
    },
  };
}
