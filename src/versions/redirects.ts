import { AssayError } from '../lib/errors.ts';
import { escapeHtml } from '../lib/escape.ts';
import type { Redirect } from './permalinks.ts';

/**
 * Writes a `_redirects` file (Netlify and Cloudflare Pages share the format): one
 * `from to 301` a line, sorted so the same redirects always give the same bytes.
 */
export function renderRedirectsFile(redirects: readonly Redirect[]): string {
  const lines = redirects.map((redirect) => {
    for (const url of [redirect.from, redirect.to]) {
      // A space would split the line into different fields; hosts read it as a status code.
      if (/\s/.test(url)) {
        throw new AssayError(`redirect URL '${url}' contains white space, which _redirects cannot express`, {
          hint: 'use URL paths without spaces (slugs with hyphens), or percent-encode the space as %20',
        });
      }
    }
    return `${redirect.from} ${redirect.to} 301`;
  });
  return lines.length === 0 ? '' : `${[...new Set(lines)].sort().join('\n')}\n`;
}

/** Options for `renderRedirectPage`. */
export interface RedirectPageOptions {
  /** Where the page moved: a site path ("/notes/new/") or an absolute URL. */
  to: string;
  /** Site origin for the canonical link, e.g. "https://assay.example.com"; relative when omitted. */
  siteUrl?: string;
  /** Title of the page it points to, shown in the link text. */
  title?: string;
  /** Document language. */
  lang?: string;
}

/**
 * A static redirect page for hosts without `_redirects`: meta refresh, canonical link to the
 * target, noindex, and a plain link for readers whose browser does not follow the refresh.
 * No script, so it passes a strict Content-Security-Policy.
 */
export function renderRedirectPage(options: RedirectPageOptions): string {
  const target = absolute(options.to, options.siteUrl);
  if (/^\s*(javascript|data|vbscript):/i.test(target)) {
    throw new AssayError(`redirect target '${options.to}' is not a web address`, {
      hint: 'redirect to a site path such as /notes/new-slug/',
    });
  }
  const href = escapeHtml(target);
  const label = escapeHtml(options.title ?? target);
  return `<!DOCTYPE html>
<html lang="${escapeHtml(options.lang ?? 'en')}">
<head>
<meta charset="utf-8">
<title>Moved: ${label}</title>
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url=${href}">
<link rel="canonical" href="${href}">
</head>
<body>
<p>This page has moved to <a href="${href}">${label}</a>.</p>
</body>
</html>
`;
}

function absolute(to: string, siteUrl: string | undefined): string {
  if (!siteUrl || /^[a-z][a-z0-9+.-]*:/i.test(to)) return to;
  return new URL(to, siteUrl.endsWith('/') ? siteUrl : `${siteUrl}/`).toString();
}
