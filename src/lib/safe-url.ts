import { z } from 'astro/zod';
import { AssayError } from './errors.ts';

/**
 * Links an author or a dataset supplies (note sources, a dataset's source, event pages, site
 * settings) reach pages, feeds, emails and CSV downloads as `href`s. Only schemes that open a
 * page or a mail client are allowed: `javascript:`, `data:`, `vbscript:` and friends would run
 * or embed code when a reader clicks, and a scheme-less "www.example.com/x" would resolve
 * against the page and 404.
 */

/** What may be written, for messages. */
export const ALLOWED_URLS = 'https:, http:, mailto: or a site path starting with /';

/** Which forms a field accepts; every field accepts https: and http:. */
export interface UrlRules {
  /** `mailto:` addresses (default true). */
  mailto?: boolean;
  /** Paths on this site, "/notes/x/" (default true). */
  sitePath?: boolean;
}

/** Any host works: only whether a path stays on the site it is resolved against matters. */
const SITE = 'https://site.invalid/';
/** Characters browsers silently drop or strip from URLs ("java\tscript:"), and other controls. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

/** Why `value` is not an allowed link (a sentence naming what is allowed), or undefined when it is. */
export function urlProblem(value: string, rules: UrlRules = {}): string | undefined {
  const { mailto = true, sitePath = true } = rules;
  const allowed = describeAllowed(mailto, sitePath);
  const shown = `'${printable(value)}'`;
  if (value.trim() === '') return `the link is empty (links must be ${allowed})`;
  if (CONTROL.test(value) || value !== value.trim())
    return `${shown} has surrounding spaces or control characters, which browsers strip or misread (links must be ${allowed})`;
  if (value.startsWith('/')) {
    // "//host/x" and "/\host/x" leave the site: browsers read both as a link to another host.
    if (!sitePath || !isSitePath(value))
      return `${shown} is not an allowed link: ${sitePath ? 'a site path starts with one /' : 'write a full URL'} (links must be ${allowed})`;
    return undefined;
  }
  const scheme = SCHEME.exec(value)?.[1]?.toLowerCase();
  if (scheme === undefined) {
    const guess = /^[\w-]+(\.[\w-]+)+([/?#:]|$)/.test(value) ? `; did you mean 'https://${printable(value)}'?` : '';
    return `${shown} is not an allowed link: it has no scheme (links must be ${allowed})${guess}`;
  }
  if ((scheme === 'https' || scheme === 'http') && /^https?:\/\/[^/?#\\]/i.test(value) && parses(value))
    return undefined;
  if (scheme === 'mailto' && mailto && value.length > 'mailto:'.length && parses(value)) return undefined;
  if (scheme === 'https' || scheme === 'http' || (scheme === 'mailto' && mailto))
    return `${shown} is not a complete ${scheme}: URL (links must be ${allowed})`;
  return `${shown} is not an allowed link: the ${scheme}: scheme is not allowed (links must be ${allowed})`;
}

/** The fix for a link that is not allowed, in one line. */
export function urlHint(value: string): string {
  if (!SCHEME.test(value) && /^[\w-]+(\.[\w-]+)+([/?#:]|$)/.test(value.trim()))
    return `write the full address: https://${value.trim()}`;
  return "link to the page's https:// address, or leave the link out";
}

/** Whether `value` is a link that only opens a page or a mail client. */
export function isSafeUrl(value: string, rules: UrlRules = {}): boolean {
  return urlProblem(value, rules) === undefined;
}

/** A URL field that fails validation, with the reason, for anything but an allowed link. */
export function safeUrl(rules: UrlRules = {}) {
  return z.string().superRefine((value, ctx) => {
    const problem = urlProblem(value, rules);
    // The hint travels with the issue, for the messages that print one (src/lib/zod-messages.ts).
    if (problem) ctx.addIssue({ code: 'custom', message: problem, params: { hint: urlHint(value) } });
  });
}

/**
 * `value` when it is an allowed link, else an author error naming where it was set (a field of
 * src/site.config.ts, or the environment variable that overrides it).
 */
export function checkedUrl(value: string, where: { file?: string; field: string }, rules: UrlRules = {}): string {
  const problem = urlProblem(value, rules);
  if (problem === undefined) return value;
  throw new AssayError(`${where.field}: ${problem}`, {
    file: where.file,
    hint: `set ${where.field} to a full address such as https://example.com/`,
  });
}

const warned = new Set<string>();

/**
 * The same field for earlier versions rebuilt from git history: history that built once keeps
 * building, so a link that is not allowed any more is dropped (the page shows the text without
 * it) with one warning, instead of failing the build or reaching readers as a live link.
 */
export function historicUrl(rules: UrlRules = {}) {
  return z.string().transform((value): string | undefined => {
    const problem = urlProblem(value, rules);
    if (!problem) return value;
    if (!warned.has(value)) {
      warned.add(value);
      console.warn(`warning: an earlier version has a link that is not allowed now; shown as plain text: ${problem}`);
    }
    return undefined;
  });
}

function isSitePath(value: string): boolean {
  if (value.startsWith('//') || value.startsWith('/\\')) return false;
  try {
    return new URL(value, SITE).origin === new URL(SITE).origin;
  } catch {
    return false;
  }
}

function parses(value: string): boolean {
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

function describeAllowed(mailto: boolean, sitePath: boolean): string {
  if (mailto && sitePath) return ALLOWED_URLS;
  const forms = [
    'https:',
    'http:',
    ...(mailto ? ['mailto:'] : []),
    ...(sitePath ? ['a site path starting with /'] : []),
  ];
  return `${forms.slice(0, -1).join(', ')} or ${forms.at(-1)}`;
}

/** The value as messages show it: controls visible, long values cut. */
function printable(value: string): string {
  const visible = value.replace(
    new RegExp(CONTROL.source, 'g'),
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return visible.length > 80 ? `${visible.slice(0, 77)}…` : visible;
}
