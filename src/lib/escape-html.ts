/**
 * Kept only for src/versions/redirects.ts, whose owner moves its import to `./escape.ts`:
 * every escape lives there, one function per output context.
 */
export { escapeHtml, escapeHtmlLatin1, latin1References } from './escape.ts';
