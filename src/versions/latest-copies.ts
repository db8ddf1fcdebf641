import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AssayError } from '../lib/errors.ts';
import { runtime } from '../runtime/index.ts';

/**
 * A latest version's permanent page (`/notes/<slug>/v<N>/`) is the latest page (`/notes/<slug>/`)
 * without its search attributes: same props, same HTML. Rendering it again cost a build as much
 * as the page itself (every chart's figure written out again), so a build copies the page's HTML
 * instead; `astro dev` still renders it. Paths are relative to the site's base, with a trailing slash.
 */
export interface LatestCopy {
  /** The latest page: "notes/<slug>/". */
  page: string;
  /** Its version's permanent page: "notes/<slug>/v<N>/". */
  permanent: string;
}

/** The copies a build plans, by permanent path. */
export type LatestCopyPlan = Map<string, LatestCopy>;

/**
 * This build's plan, held by its runtime (src/runtime/): routes run in Astro's bundled page
 * chunks, the integration that writes the copies is loaded unbundled, and both reach the
 * same runtime; a new build starts with an empty plan.
 */
export function latestCopyPlan(): LatestCopyPlan {
  return runtime().latestCopies;
}

/** Setting that makes a build render latest versions' permanent pages too (tests compare both ways). */
export const RENDER_LATEST_VERSIONS_ENV = 'ASSAY_RENDER_LATEST_VERSIONS';

/** Whether version routes leave the latest version to a copy: in builds, unless the setting says otherwise. */
export function copiesLatestPages({ dev }: { dev: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  return !dev && env[RENDER_LATEST_VERSIONS_ENV] !== '1';
}

/** Called by a version route instead of returning the latest version as a path to render. */
export function planLatestCopy(copy: LatestCopy): void {
  latestCopyPlan().set(copy.permanent, copy);
}

/** Every copy planned, by permanent path. */
export function plannedLatestCopies(plan: LatestCopyPlan = latestCopyPlan()): LatestCopy[] {
  return [...plan.values()].sort((a, b) => a.permanent.localeCompare(b.permanent));
}

/** The search attributes the latest page's `<main>` carries (Base.astro); permanent pages have none. */
const INDEXED_MAIN = /<main id="main" data-pagefind-body data-pagefind-filter="type:[A-Za-z]+">/g;

/**
 * The permanent page's HTML from the latest page's: the one `<main>` tag loses its search
 * attributes, so Pagefind indexes a text once, under its latest URL. Anything else would mean
 * the two pages are not the same page: that throws rather than writing a wrong copy.
 */
export function permanentPageHtml(latestHtml: string, page = 'the latest page'): string {
  const found = latestHtml.match(INDEXED_MAIN) ?? [];
  if (found.length !== 1)
    throw new AssayError(`versions: ${page} has ${found.length} searchable <main> tags, expected 1`, {
      hint: 'this is a bug in Assay: the latest page and its permanent page must come from the same layout',
    });
  return latestHtml.replace(INDEXED_MAIN, '<main id="main">');
}

/** Writes every planned copy into `outDir` (dist/); returns the permanent paths written. */
export function writeLatestCopies(outDir: string, plan: LatestCopyPlan = latestCopyPlan()): string[] {
  const written: string[] = [];
  for (const { page, permanent } of plannedLatestCopies(plan)) {
    const html = readFileSync(path.join(outDir, page, 'index.html'), 'utf8');
    const file = path.join(outDir, permanent, 'index.html');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, permanentPageHtml(html, `/${page}`));
    written.push(permanent);
  }
  return written;
}
