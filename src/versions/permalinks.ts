import { AssayError } from '../lib/errors.ts';
import { defaultUrlOf, type UrlOf, versionUrl } from './manifest.ts';
import type { VersionIndex } from './types.ts';

/**
 * The permanent-links guard. Committed history lists every URL the site has ever published
 * (src/versions/published-urls.ts); a build that would drop one without a redirect fails.
 */

/** A redirect from a URL that no longer has a page to the page that replaced it. */
export interface Redirect {
  from: string;
  to: string;
  /** Why it exists, for messages: "alias in content/notes/x.mdx" or "renamed from content/notes/y.mdx". */
  reason?: string;
}

/** What the guard found. */
export interface PermalinkCheck {
  /** Previously published URLs this build would drop without a redirect. */
  missing: string[];
  /** Redirects whose target this build does not produce (they would lead to a 404). */
  brokenRedirects: Redirect[];
  /** Redirects from a URL this build also serves as a page (the redirect would hide or fight it). */
  shadowedRedirects: Redirect[];
}

/** Normalises a site path so `/notes/x` and `/notes/x/` match: leading slash, trailing slash unless it names a file. */
export function normaliseUrl(url: string): string {
  let clean = url.trim().replace(/[?#].*$/, '');
  try {
    // Aliases may be written as absolute URLs; only the path matters here.
    if (/^https?:\/\//.test(clean)) clean = new URL(clean).pathname;
  } catch {
    // Not a URL after all: treat it as a path.
  }
  if (!clean.startsWith('/')) clean = `/${clean}`;
  const last = clean.slice(clean.lastIndexOf('/') + 1);
  if (!last.includes('.') && !clean.endsWith('/')) clean = `${clean}/`;
  return clean.replace(/\/{2,}/g, '/');
}

/** Compares the published URLs with this build's pages and redirects. */
export function checkPermalinks(input: {
  published: readonly string[];
  current: readonly string[];
  redirects: readonly Redirect[];
}): PermalinkCheck {
  const current = new Set(input.current.map(normaliseUrl));
  const redirected = new Set(input.redirects.map((redirect) => normaliseUrl(redirect.from)));
  const published = new Set(input.published.map(normaliseUrl));
  const missing = [...published].filter((url) => !current.has(url) && !redirected.has(url)).sort();
  const brokenRedirects = input.redirects.filter((redirect) => !current.has(normaliseUrl(redirect.to)));
  const shadowedRedirects = input.redirects.filter((redirect) => current.has(normaliseUrl(redirect.from)));
  return { missing, brokenRedirects, shadowedRedirects };
}

/** The build error for a failed check, naming every URL and the fix; undefined when all is well. */
export function permalinkError(check: PermalinkCheck): AssayError | undefined {
  const lines: string[] = [];
  if (check.missing.length > 0) {
    lines.push(
      `${check.missing.length} URL${check.missing.length === 1 ? '' : 's'} published in git history would disappear without a redirect:`,
      ...check.missing.map((url) => `  ${url}`),
    );
  }
  if (check.brokenRedirects.length > 0) {
    lines.push('redirects point to pages this build does not produce:');
    lines.push(...check.brokenRedirects.map((r) => `  ${r.from} -> ${r.to}${r.reason ? ` (${r.reason})` : ''}`));
  }
  if (check.shadowedRedirects.length > 0) {
    lines.push('redirects start from URLs that are also pages in this build:');
    lines.push(...check.shadowedRedirects.map((r) => `  ${r.from} -> ${r.to}${r.reason ? ` (${r.reason})` : ''}`));
  }
  if (lines.length === 0) return undefined;
  return new AssayError(lines.join('\n'), {
    hint:
      'published links must keep working: add each missing URL to the `aliases` list in the frontmatter of the note or event ' +
      'that replaced it (e.g. aliases: ["/notes/old-slug/"]), or restore the page; fix or remove redirects to missing pages. ' +
      'Renames committed with git mv are redirected automatically.',
  });
}

/**
 * Redirects from `aliases` and detected git renames: the old latest URL and every version URL
 * under it go to the same version under the new URL.
 */
export function redirectsFromIndex(index: VersionIndex, urlOf: UrlOf = defaultUrlOf): Redirect[] {
  const redirects = new Map<string, Redirect>();
  for (const entry of index.files.values()) {
    if (entry.unpublished) continue;
    const target = urlOf(entry.collection, entry.id);
    const add = (oldBase: string, reason: string): void => {
      const base = normaliseUrl(oldBase);
      if (base === normaliseUrl(target)) return;
      const pairs: [string, string][] = [[base, target]];
      for (const version of entry.versions)
        pairs.push([versionUrl(base, version.number), versionUrl(target, version.number)]);
      for (const [from, to] of pairs)
        if (!redirects.has(from)) redirects.set(from, { from, to: normaliseUrl(to), reason });
    };
    for (const alias of entry.aliases) add(alias, `alias in ${entry.file}`);
    for (const old of entry.oldIds) add(urlOf(old.collection, old.id), `${entry.file} was renamed from ${old.file}`);
  }
  return [...redirects.values()].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
}
