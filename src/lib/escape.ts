/**
 * Every escape Assay applies to text it did not write itself (titles, deks, labels, source
 * names, CSV cells, URLs) before putting it into markup, a script or a calendar file. One
 * function per output context; each says where it is safe and where it is not. Nothing else
 * in `src/` escapes by hand (feeds' XML is written by fast-xml-builder, which escapes itself).
 *
 * Contexts Assay does not write untrusted text into, and so has no function for: unquoted
 * attribute values, `<script>` bodies other than JSON-LD, `<style>` and `style=""`, and URLs
 * built from parts (URLs are whole values from `new URL`, escaped as attribute values).
 */

const MARKUP_SPECIAL = /[&<>"']/;

/**
 * HTML, XML and SVG: element text, and attribute values in double or single quotes. Writes
 * `&` `<` `>` `"` `'` as `&amp;` `&lt;` `&gt;` `&quot;` `&#39;` (the XML predefined entities
 * and a numeric reference for `'`, which HTML 4 and XML both read) and leaves everything else
 * as it is. Not for unquoted attributes, `<script>` or `<style>` bodies, or CDATA sections.
 */
export function escapeHtml(text: string): string {
  // Most text (numbers, dates, names) has nothing to escape: skip five passes over it.
  if (!MARKUP_SPECIAL.test(text)) return text;
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
 * `&#8722;`); safe where `escapeHtml` is. V8 keeps a string of Latin-1 characters in one byte
 * per character and any other string in two; one minus sign in a chart's description would
 * otherwise double the memory of the whole page string it is concatenated into, and slow its
 * encoding to UTF-8. Browsers, feed readers and resvg read the references as the same characters.
 */
export function escapeHtmlLatin1(text: string): string {
  return latin1References(escapeHtml(text));
}

/**
 * Markup that is already escaped (or trusted), with every character beyond Latin-1 as a
 * numeric reference. Escapes nothing else: only for text and attribute values of HTML, XML
 * and SVG, where a reference means its character.
 */
export function latin1References(markup: string): string {
  return BEYOND_LATIN1.test(markup) ? markup.replace(BEYOND_LATIN1_ALL, (c) => `&#${c.codePointAt(0)};`) : markup;
}

/** A JSON-LD object; values are plain JSON. */
export type JsonLd = Record<string, unknown>;

/**
 * JSON for the body of a `<script type="application/ld+json">` element (notes, events, the
 * site). `<` is written as `\u003c` so no value (a headline with "</script>", an author's
 * "<!--") can close the element or open a comment; `>`, `&` and the two JavaScript line
 * separators U+2028 and U+2029 are escaped for the same reason older parsers give. Still
 * valid JSON: JSON.parse reads it back unchanged. Not for any other script or an attribute.
 */
export function serializeJsonLd(value: JsonLd | JsonLd[]): string {
  return JSON.stringify(value)
    .replaceAll('<', '\\u003c')
    .replaceAll('>', '\\u003e')
    .replaceAll('&', '\\u0026')
    .replaceAll('\u2028', '\\u2028')
    .replaceAll('\u2029', '\\u2029');
}

/**
 * An iCalendar TEXT value (a SUMMARY, DESCRIPTION, LOCATION or one CATEGORIES item, RFC 5545
 * §3.3.11): backslash, semicolon, comma and line breaks as `\\`, `\;`, `\,` and `\n`. Only
 * for .ics content lines, which are then folded; not for markup.
 */
export function escapeIcsText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}
