import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import { loadDataset } from '../data/load.ts';
import { workingTree } from '../data/source.ts';
import { formatProblem, throwProblems } from '../lib/errors.ts';
import {
  checkPermalinks,
  indexRedirects,
  loadVersionIndex,
  normaliseUrl,
  permalinkProblems,
  redirectsFromIndex,
  renderRedirectPage,
  renderRedirectsFile,
  type VersionIndex,
} from '../versions/index.ts';
import { type LatestCopyPlan, latestCopyPlan, writeLatestCopies } from '../versions/latest-copies.ts';
import { type DatasetUse, datasetsNamedIn, missingAsOfProblems } from '../versions/published-data.ts';
import { shareVersionIndex, VERSION_TEXTS_DIR } from '../versions/site.ts';

/**
 * Versions from git, as an Astro integration:
 * - before content sync, checks the working tree's content dates and the data published pages
 *   use, and writes each earlier version's MDX text to `.assay/versions/<collection>/<id>/v<N>.mdx`,
 *   so Astro compiles old versions like any other MDX (the `noteVersions` / `eventVersions` collections);
 * - after the build, writes each latest version's permanent page as a copy of the latest page
 *   (versions/latest-copies.ts), guards the URLs committed history has published
 *   (versions/published-urls.ts; nothing is written to the repository), and writes redirect
 *   pages plus a `_redirects` file for aliases and renamed notes.
 * A build without history fails, unless it is a preview (`npm run build:preview`,
 * ASSAY_ALLOW_NO_HISTORY=1): then every page is marked `noindex` and says it is a preview.
 */
export function versions(options: { siteUrl: string }): AstroIntegration {
  let root = process.cwd();
  let index: VersionIndex | undefined;
  let copyPlan: LatestCopyPlan | undefined;
  return {
    name: 'assay-versions',
    hooks: {
      'astro:config:setup': ({ config, command, logger }) => {
        root = fileURLToPath(config.root);
        const dev = command === 'dev';
        index = loadVersionIndex({ root, allowMissingHistory: dev || undefined });
        // `astro dev` reads history again on each request, so new commits show up.
        if (!dev) shareVersionIndex(root, index);
        if (!index.available) {
          logger.warn(
            dev
              ? `versions unavailable: ${index.unavailableReason}`
              : `PREVIEW build, not for publishing: ${index.unavailableReason}; every page is marked noindex and "preview"`,
          );
        }
        checkPublishedData(root, index, dev, logger);
        const count = writeVersionTexts(root, index);
        logger.info(`${count} earlier version${count === 1 ? '' : 's'} of notes and events from git history`);
      },
      // This build's plan, from its runtime, which the chart assets integration closes before this build:done.
      'astro:build:start': () => {
        copyPlan = latestCopyPlan();
      },
      'astro:build:done': ({ dir, pages, logger }) => {
        if (!index) return;
        const outDir = fileURLToPath(dir);
        const copies = writeLatestCopies(outDir, copyPlan);
        const current = [...pages.map((page) => page.pathname), ...copies]
          .map((pathname) => normaliseUrl(`/${pathname}`))
          .filter((url) => url.endsWith('/'));
        // Topic and month pages nothing is filed under any more go to their index.
        const redirects = [...redirectsFromIndex(index), ...indexRedirects(index.publishedUrls, current)];
        const check = checkPermalinks({
          published: index.publishedUrls,
          current: current.filter((url) => url !== '/404/'),
          redirects,
        });
        throwProblems(permalinkProblems(check, index.deleted));
        for (const redirect of redirects) {
          const file = path.join(outDir, redirect.from, 'index.html');
          mkdirSync(path.dirname(file), { recursive: true });
          writeFileSync(file, renderRedirectPage({ to: redirect.to, siteUrl: options.siteUrl, lang: 'en' }));
        }
        writeFileSync(path.join(outDir, '_redirects'), renderRedirectsFile(redirects));
        if (!index.available) markPreview(outDir);
        logger.info(
          `${index.publishedUrls.length} published URLs (from git history) kept; ${copies.length} latest versions' pages copied; ${redirects.length} redirects written`,
        );
      },
    },
  };
}

/**
 * Data that published (not draft) notes and events show, in the working tree: each dataset
 * must state its `asOf` date (a build fails; dev warns), and a dataset with uncommitted
 * changes is named, one line each, because published pages show it as committed.
 */
function checkPublishedData(root: string, index: VersionIndex, dev: boolean, logger: AstroIntegrationLogger): void {
  const uses: DatasetUse[] = [];
  for (const entry of index.files.values()) {
    if (entry.draft) continue;
    const text = index.text(entry.file, entry.latest.number);
    for (const { name } of datasetsNamedIn(text)) uses.push({ file: entry.file, dataset: name });
  }
  const source = workingTree(root);
  const problems = missingAsOfProblems(uses, (name) => {
    try {
      return loadDataset(name, source).meta;
    } catch {
      return undefined; // its own problem is reported where a page uses it
    }
  });
  if (dev) for (const problem of problems) logger.warn(formatProblem(problem));
  else throwProblems(problems);
  const changed = new Set(index.uncommittedData);
  for (const name of [...new Set(uses.map((use) => use.dataset))].sort()) {
    const files = DATA_FILE_EXTENSIONS.map((ext) => `data/${name}${ext}`).filter((file) => changed.has(file));
    if (files.length === 0) continue;
    logger.warn(
      dev
        ? `${files.join(' and ')}: uncommitted changes, shown on latest pages as "unpublished data" until committed`
        : `${files.join(' and ')}: uncommitted changes are not in this build; published pages show the committed data (commit them to publish)`,
    );
  }
}

const DATA_FILE_EXTENSIONS = ['.csv', '.tsv', '.yml'];

/** A preview made without history: every page `noindex` and saying "Preview", robots kept out. */
function markPreview(outDir: string): void {
  const notice =
    '<p class="preview-notice" role="note"><strong>Preview</strong>: built without the site\'s git history, so versions, dates and permanent links are not checked. Not for publishing.</p>';
  for (const file of readdirSync(outDir, { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.html')) continue;
    const absolute = path.join(outDir, file);
    let html = readFileSync(absolute, 'utf8');
    if (!/<meta name="robots"/.test(html))
      html = html.replace(/<head>/, '<head><meta name="robots" content="noindex">');
    html = html.replace(/<body([^>]*)>/, `<body$1>${notice}`);
    writeFileSync(absolute, html);
  }
  writeFileSync(path.join(outDir, 'robots.txt'), 'User-agent: *\nDisallow: /\n');
}

/** Writes the MDX text of every earlier (non-latest) version; returns how many. */
function writeVersionTexts(root: string, index: VersionIndex): number {
  const base = path.join(root, VERSION_TEXTS_DIR);
  rmSync(base, { recursive: true, force: true });
  let count = 0;
  for (const collection of ['notes', 'events']) mkdirSync(path.join(base, collection), { recursive: true });
  for (const entry of index.files.values()) {
    for (const version of entry.versions) {
      if (version.latest || version.draft) continue;
      const file = path.join(base, entry.collection, entry.id, `v${version.number}.mdx`);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, index.text(entry.file, version.number));
      count++;
    }
  }
  return count;
}
