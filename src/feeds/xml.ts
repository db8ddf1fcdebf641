import XmlBuilder from 'fast-xml-builder';

/**
 * Characters XML 1.0 forbids anywhere, even as character references: C0 controls other than
 * tab, LF and CR, U+FFFE, U+FFFF and unpaired surrogates. One in a dek or a CSV cell would
 * make the whole feed unreadable to a conforming parser, so they are dropped.
 */
const NOT_XML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding the characters XML forbids is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** `text` without the characters XML 1.0 cannot carry. */
export function xmlChars(text: string): string {
  return text.replace(NOT_XML, '');
}

/**
 * An XML element as plain data: `@name` keys are attributes, `#text` is the element's text,
 * arrays repeat an element, undefined leaves it out.
 */
export type XmlNode = string | number | XmlElement | XmlNode[] | undefined;
export interface XmlElement {
  [key: string]: XmlNode;
}

// fast-xml-builder (fast-xml-parser's writer, split out; @astrojs/rss used it) escapes &, <, >, " and '
// in text and in attribute values alike, so no author text can close an element or an attribute.
const builder = new XmlBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  suppressEmptyNode: true,
  // Its default writes an attribute "true" as a bare name (isPermaLink), which is not XML.
  suppressBooleanAttributes: false,
  format: true,
  indentBy: '  ',
});

/** Serialises a document (one root element) with an XML declaration; every string is escaped. */
export function xmlDocument(root: XmlElement): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${builder.build(clean(root))}`;
}

function clean(node: XmlNode): XmlNode {
  if (typeof node === 'string') return xmlChars(node);
  if (Array.isArray(node)) return node.map(clean);
  if (node === undefined || typeof node === 'number') return node;
  const out: XmlElement = {};
  for (const [key, value] of Object.entries(node)) if (value !== undefined) out[key] = clean(value);
  return out;
}
