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
