// @ts-check

import { satteri } from '@astrojs/markdown-satteri';
import mdx from '@astrojs/mdx';
import { defineConfig } from 'astro/config';
import { sitemap } from './src/feeds/sitemap.ts';
import { buildOutput } from './src/integrations/build-output.ts';
import { chartAssets } from './src/integrations/chart-assets.ts';
import { contentCheck } from './src/integrations/content-check.ts';
import { securityHeaders } from './src/integrations/headers.ts';
import { revisions } from './src/integrations/revisions.ts';
import { safeLinks } from './src/integrations/safe-links.ts';
import { searchIndex } from './src/integrations/search-index.ts';
import { sourceLines } from './src/integrations/source-lines.ts';
import { versions } from './src/integrations/versions.ts';
import { site } from './src/site.config.ts';

export default defineConfig({
  site: site.url,
  trailingSlash: 'always',
  // Stylesheets are always files: a strict CSP allows no inline <style>.
  // Several pages in flight: while one waits for a chart or preview card drawn on a worker
  // thread (src/workers/), the main thread renders the next, so both cores work.
  build: { format: 'directory', inlineStylesheets: 'never', concurrency: 4 },
  // Scripts too (the search page's result renderer): Astro inlines a small one unless told not to.
  vite: { build: { assetsInlineLimit: (file) => (file.endsWith('.js') ? false : undefined) } },
  // A note's page, email edition and card are the last build's while nothing they show has
  // changed: each returns a key of its inputs from getStaticPaths (src/notes/reuse.ts).
  experimental: { incrementalBuild: true },
  markdown: {
    processor: satteri({ mdastPlugins: [sourceLines, safeLinks] }),
  },
  integrations: [
    buildOutput(),
    contentCheck(),
    mdx(),
    chartAssets(),
    versions({ siteUrl: site.url }),
    revisions(),
    sitemap(),
    securityHeaders(),
    searchIndex(),
  ],
});
