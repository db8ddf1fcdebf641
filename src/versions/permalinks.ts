import { AssayError } from '../lib/errors.ts';
import { diffPairs } from './diff-pairs.ts';
import { defaultUrlOf, diffUrl, type UrlOf, versionUrl } from './manifest.ts';
import type { DeletedContent, VersionIndex } from './types.ts';

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
      'published links must keep working: restore the page (withdraw a note rather than delete it: withdrawn: { date, reason }), ' +
      'or, for a note or event renamed without git seeing it, add its old address to the `aliases` list of the one that continues it ' +
      '(e.g. aliases: ["/notes/old-slug/"]); fix or remove redirects to missing pages. Renames committed with git mv are redirected automatically.',
  });
}

/**
 * Redirects for notes and events that moved: a renamed one's old URL and every version URL under
 * it (and each version's "what changed" page) go to the same version under the new URL, whether
 * git saw the rename or `aliases` declared it (src/versions/index.ts joins those histories). An
 * alias that names no earlier history (an address from before the site kept its history)
 * redirects that one URL only: version URLs it never published are not made up.
 */
export function redirectsFromIndex(index: VersionIndex, urlOf: UrlOf = defaultUrlOf): Redirect[] {
  const redirects = new Map<string, Redirect>();
  const put = (from: string, to: string, reason: string): void => {
    const clean = normaliseUrl(from);
    if (!redirects.has(clean)) redirects.set(clean, { from: clean, to: normaliseUrl(to), reason });
  };
  for (const entry of index.files.values()) {
    if (entry.unpublished) continue;
    const target = urlOf(entry.collection, entry.id);
    const moved = new Set<string>();
    for (const old of entry.oldIds) {
      const base = normaliseUrl(urlOf(old.collection, old.id));
      if (base === normaliseUrl(target)) continue;
      moved.add(base);
      const reason = `${entry.file} was renamed from ${old.file}`;
      put(base, target, reason);
      for (const version of entry.versions) {
        if (version.draft) continue;
        put(versionUrl(base, version.number), versionUrl(target, version.number), reason);
      }
      for (const pair of diffPairs(entry.versions))
        put(diffUrl(base, pair.version.number), diffUrl(target, pair.version.number), reason);
    }
    for (const alias of entry.aliases) {
      const base = normaliseUrl(alias);
      if (base !== normaliseUrl(target) && !moved.has(base)) put(base, target, `alias in ${entry.file}`);
    }
  }
  return [...redirects.values()].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
}

/**
 * Topic and month pages that no note is filed under any more go to their index (`/topics/`,
 * `/notes/`), never to a note or a made-up version URL.
 */
export function indexRedirects(published: readonly string[], current: readonly string[]): Redirect[] {
  const here = new Set(current.map(normaliseUrl));
  const redirects: Redirect[] = [];
  for (const url of published.map(normaliseUrl)) {
    if (here.has(url)) continue;
    const to = /^\/topics\/[^/]+\/$/.test(url)
      ? '/topics/'
      : /^\/notes\/\d{4}\/\d{2}\/$/.test(url)
        ? '/notes/'
        : undefined;
    if (to && here.has(to)) redirects.push({ from: url, to, reason: 'no note is filed there any more' });
  }
  return redirects.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
}

/**
 * The guard's problems, one per deleted note or event (at its file, asking to withdraw it
 * instead), then one for any other URL that would disappear and for broken redirects.
 */
export function permalinkProblems(check: PermalinkCheck, deleted: readonly DeletedContent[] = []): AssayError[] {
  const problems: AssayError[] = [];
  const explained = new Set<string>();
  for (const gone of deleted) {
    const lost = gone.urls.filter((url) => check.missing.includes(url));
    if (lost.length === 0) continue;
    for (const url of lost) explained.add(url);
    const noun = gone.collection === 'events' ? 'event page' : 'note';
    problems.push(
      new AssayError(
        `this published ${noun} was deleted: ${lost.length} URL${lost.length === 1 ? '' : 's'} published in git history would disappear without a redirect:\n${lost.map((url) => `  ${url}`).join('\n')}`,
        {
          file: gone.file,
          hint:
            gone.collection === 'notes'
              ? `restore it and withdraw it instead (git checkout HEAD -- ${gone.file}), adding withdrawn: { date: YYYY-MM-DD, reason: "…" } to its frontmatter: its URL then says why it was withdrawn and every version stays readable; if it was renamed and git did not see it, add aliases: ["${gone.urls[0]}"] to the note that continues it`
              : `restore it (git checkout HEAD -- ${gone.file}); an event that will not take place keeps its page with its status; if it was renamed and git did not see it, add aliases: ["${gone.urls[0]}"] to the event page that continues it`,
        },
      ),
    );
  }
  const rest = permalinkError({ ...check, missing: check.missing.filter((url) => !explained.has(url)) });
  if (rest) problems.push(rest);
  return problems;
}
