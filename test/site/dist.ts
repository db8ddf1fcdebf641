import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseHTML } from 'linkedom';

/** The built site under test: `dist/`, or ASSAY_DIST to check another build. */
export const DIST = path.resolve(
  process.env.ASSAY_DIST ?? path.join(fileURLToPath(new URL('../../', import.meta.url)), 'dist'),
);

/** Fails with the fix when there is no build to check. */
export function assertBuilt(): void {
  if (!existsSync(path.join(DIST, 'index.html'))) {
    throw new Error(`no built site at ${DIST}: run \`npm run build\` first (the dist checks read the build output)`);
  }
}

/** Every file under dist/, as paths relative to it with forward slashes, sorted. */
export function distFiles(dir = DIST): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...distFiles(full));
    else out.push(path.relative(DIST, full).split(path.sep).join('/'));
  }
  return out.sort();
}

/** What a page is, by URL: budgets and browser checks differ per kind. */
export type PageKind =
  | 'email'
  | 'home'
  | 'note'
  | 'version'
  | 'notes-archive'
  | 'changes'
  | 'diff'
  | 'event'
  | 'events-archive'
  | 'search'
  | '404'
  | 'other';

export interface Page {
  /** dist-relative file, e.g. `notes/x/index.html`. */
  file: string;
  /** URL path the page is served at, e.g. `/notes/x/`. */
  url: string;
  kind: PageKind;
  /** A redirect stub (meta refresh) rather than a page a reader reads. */
  redirect: boolean;
}

/** The URL a dist HTML file is served at (directory format: `a/index.html` is `/a/`). */
export function urlOf(file: string): string {
  if (file === 'index.html') return '/';
  if (file.endsWith('/index.html')) return `/${file.slice(0, -'index.html'.length)}`;
  return `/${file}`;
}

/** Classifies a page by its URL path. */
export function kindOf(url: string): PageKind {
  if (url === '/') return 'home';
  if (url === '/404.html') return '404';
  if (url === '/search/') return 'search';
  // The email edition of a note: paste-ready HTML for newsletter tools, styled inline by design.
  if (/\/email\.html$/.test(url)) return 'email';
  if (url === '/events/' || /^\/events\/(?:past|upcoming|\d{4})\//.test(url)) return 'events-archive';
  if (/^\/events\/[^/]+\/$/.test(url)) return 'event';
  if (/^\/(?:notes|events)\/[^/]+\/v\d+\/$/.test(url)) return 'version';
  // What changed from the version before: the change log, and one note version's differences.
  if (/^\/(?:notes|events)\/[^/]+\/v\d+\/diff\/$/.test(url)) return 'diff';
  if (url === '/changes/' || /^\/changes\/page\//.test(url)) return 'changes';
  if (url === '/notes/' || /^\/notes\/(?:\d{4}|topics?|page)\//.test(url) || /^\/topics?\//.test(url)) {
    return 'notes-archive';
  }
  if (/^\/notes\/[^/]+\/$/.test(url)) return 'note';
  return 'other';
}

const REFRESH = /<meta\s[^>]*http-equiv=["']?refresh/i;

/** Every HTML page in dist/, classified. */
export function htmlPages(): Page[] {
  return distFiles()
    .filter((file) => file.endsWith('.html'))
    .map((file) => {
      const url = urlOf(file);
      return { file, url, kind: kindOf(url), redirect: REFRESH.test(readDist(file)) };
    });
}

/** Pages a reader reads (redirect stubs left out). */
export function readablePages(): Page[] {
  return htmlPages().filter((page) => !page.redirect);
}

export function readDist(file: string): string {
  return readFileSync(path.join(DIST, file), 'utf8');
}

export function parsePage(file: string): Document {
  return parseHTML(readDist(file)).document;
}

/** The dist file a same-site URL path resolves to, the way a static host serves it; undefined if none. */
export function fileForPath(urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  const candidate = decoded.endsWith('/') ? `${decoded}index.html` : decoded;
  const full = path.join(DIST, candidate);
  if (!full.startsWith(DIST)) return undefined;
  return existsSync(full) && statSync(full).isFile() ? path.relative(DIST, full).split(path.sep).join('/') : undefined;
}
