import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import {
  checkPermalinks,
  loadVersionIndex,
  normaliseUrl,
  parsePermalinks,
  permalinkError,
  redirectsFromIndex,
  renderRedirectPage,
  renderRedirectsFile,
  serializePermalinks,
  type VersionIndex,
} from '../versions/index.ts';
import { clearLatestCopies, writeLatestCopies } from '../versions/latest-copies.ts';
import { VERSION_TEXTS_DIR } from '../versions/site.ts';

export const PERMALINKS_FILE = 'permalinks.json';

/**
 * Versions from git, as an Astro integration:
 * - before content sync, writes each earlier version's MDX text to `.assay/versions/<collection>/<id>/v<N>.mdx`,
 *   so Astro compiles old versions like any other MDX (the `noteVersions` / `eventVersions` collections);
 * - after the build, writes each latest version's permanent page as a copy of the latest page
 *   (versions/latest-copies.ts), guards permanent links against `permalinks.json` (and updates it), and writes
 *   redirect pages plus a `_redirects` file for aliases and renamed notes.
 */
export function versions(options: { siteUrl: string }): AstroIntegration {
  let root = process.cwd();
  let index: VersionIndex | undefined;
  return {
    name: 'assay-versions',
    hooks: {
      'astro:config:setup': ({ config, command, logger }) => {
        root = fileURLToPath(config.root);
        index = loadVersionIndex({ root, allowMissingHistory: command === 'dev' || undefined });
        if (!index.available) logger.warn(`versions unavailable: ${index.unavailableReason}`);
        const count = writeVersionTexts(root, index);
        logger.info(`${count} earlier version${count === 1 ? '' : 's'} of notes and events from git history`);
      },
      // Copies planned by an earlier build in this process (tests build several sites) are not this one's.
      'astro:build:start': () => clearLatestCopies(),
      'astro:build:done': ({ dir, pages, logger }) => {
        if (!index) return;
        const outDir = fileURLToPath(dir);
        const redirects = redirectsFromIndex(index);
        const copies = writeLatestCopies(outDir);
        const current = [...pages.map((page) => page.pathname), ...copies]
          .map((pathname) => normaliseUrl(`/${pathname}`))
          .filter((url) => url.endsWith('/'));
        const manifestPath = path.join(root, PERMALINKS_FILE);
        const publishedAll = existsSync(manifestPath) ? parsePermalinks(readFileSync(manifestPath, 'utf8')) : [];
        // Without history, version URLs are not built; they are not lost, so they are not checked.
        const published = index.available ? publishedAll : publishedAll.filter((url) => !/\/v\d+\/$/.test(url));
        const check = checkPermalinks({ published, current: current.filter((url) => url !== '/404/'), redirects });
        const error = permalinkError(check);
        if (error) throw error;
        if (index.available) writeFileSync(manifestPath, serializePermalinks(check.manifest));
        for (const redirect of redirects) {
          const file = path.join(outDir, redirect.from, 'index.html');
          mkdirSync(path.dirname(file), { recursive: true });
          writeFileSync(file, renderRedirectPage({ to: redirect.to, siteUrl: options.siteUrl, lang: 'en' }));
        }
        writeFileSync(path.join(outDir, '_redirects'), renderRedirectsFile(redirects));
        logger.info(
          `${check.manifest.length} permanent URLs checked; ${copies.length} latest versions' pages copied; ${redirects.length} redirects written`,
        );
      },
    },
  };
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
