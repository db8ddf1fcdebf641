/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  // Most text (numbers, dates, names) has nothing to escape: skip five passes over it.
  if (!/[&<>"']/.test(text)) return text;
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

const BEYOND_LATIN1 = /[^\0-\xff]/;
// With the u flag a character outside the BMP (an emoji) is one match and one reference.
const BEYOND_LATIN1_ALL = /[^\0-\xff]/gu;

/**
 * `escapeHtml`, with every character beyond Latin-1 written as a numeric reference ("−" as
 * `&#8722;`). V8 keeps a string of Latin-1 characters in one byte per character and any other
 * string in two; one minus sign in a chart's description would otherwise double the memory of
 * the whole page string it is concatenated into, and slow its encoding to UTF-8. Browsers,
 * feed readers and resvg read the references as the same characters.
 */
export function escapeHtmlLatin1(text: string): string {
  return latin1References(escapeHtml(text));
}

/** Markup (already escaped) with every character beyond Latin-1 as a numeric reference. */
export function latin1References(markup: string): string {
  return BEYOND_LATIN1.test(markup) ? markup.replace(BEYOND_LATIN1_ALL, (c) => `&#${c.codePointAt(0)};`) : markup;
}
