import { site } from '../site.config.ts';

/** An absolute URL on the site for a path ("/notes/x/") or an already absolute URL (unchanged). */
export function absoluteUrl(pathOrUrl: string, base: string = site.url): string {
  return new URL(pathOrUrl, base).href;
}

/** Whether a URL (absolute) points at this site. */
export function isSiteUrl(url: string, base: string = site.url): boolean {
  try {
    return new URL(url).origin === new URL(base).origin;
  } catch {
    return false;
  }
}

/**
 * Adds UTM parameters to a link to this site, keeping any it already has (an editor's own
 * campaign wins). Links elsewhere are returned unchanged: tagging them leaks our campaign
 * names to other sites and breaks some signed URLs.
 */
export function withUtm(url: string, utm: Readonly<Record<string, string>>, base: string = site.url): string {
  if (!isSiteUrl(url, base)) return url;
  const parsed = new URL(url);
  for (const [key, value] of Object.entries(utm)) {
    if (!parsed.searchParams.has(key)) parsed.searchParams.set(key, value);
  }
  return parsed.href;
}
