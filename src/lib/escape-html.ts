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

/**
 * `escapeHtml`, with every character beyond Latin-1 written as a numeric reference ("−" as
 * `&#8722;`). V8 keeps a string of Latin-1 characters in one byte per character and any other
 * string in two; one minus sign in a chart's description would otherwise double the memory of
 * the whole page string it is concatenated into, and slow its encoding to UTF-8. Browsers,
 * feed readers and resvg read the references as the same characters.
 */
export function escapeHtmlLatin1(text: string): string {
  const escaped = escapeHtml(text);
  return /[^\0-\xff]/.test(escaped) ? escaped.replace(/[^\0-\xff]/gu, (c) => `&#${c.codePointAt(0)};`) : escaped;
}
