/** A JSON-LD object; values are plain JSON. */
export type JsonLd = Record<string, unknown>;

/**
 * JSON for a `<script type="application/ld+json">` body. `<` is written as \u003c so no
 * value (a headline with "</script>", an author's "<!--") can close the element or open a
 * comment; `>`, `&` and the two JavaScript line separators are escaped for the same reason
 * old parsers give. Still valid JSON: JSON.parse reads it back unchanged.
 */
export function serializeJsonLd(value: JsonLd | JsonLd[]): string {
  return JSON.stringify(value)
    .replaceAll('<', '\\u003c')
    .replaceAll('>', '\\u003e')
    .replaceAll('&', '\\u0026')
    .replaceAll('\u2028', '\\u2028')
    .replaceAll('\u2029', '\\u2029');
}
