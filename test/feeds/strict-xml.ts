/**
 * A conforming, non-validating XML parser (saxes) for tests: any well-formedness or namespace
 * error throws, where lenient parsers (and feed readers) would repair the document silently.
 */
import { SaxesParser } from 'saxes';

/** An element as parsed: its expanded attributes and children, text decoded. */
export interface XmlNode {
  name: string;
  attributes: Record<string, string>;
  children: (XmlNode | string)[];
}

/** Parses `xml` strictly (XML 1.0 with namespaces); throws with the position of the first error. */
export function parseStrictXml(xml: string): XmlNode {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const root: XmlNode = { name: '#document', attributes: {}, children: [] };
  const stack: XmlNode[] = [root];
  let failure: Error | undefined;
  parser.on('error', (error) => {
    failure ??= error;
  });
  parser.on('opentag', (tag) => {
    const attributes: Record<string, string> = {};
    for (const [name, attribute] of Object.entries(tag.attributes)) attributes[name] = attribute.value;
    const node: XmlNode = { name: tag.name, attributes, children: [] };
    stack.at(-1)?.children.push(node);
    stack.push(node);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  const text = (value: string) => stack.at(-1)?.children.push(value);
  parser.on('text', text);
  parser.on('cdata', text);
  parser.write(xml).close();
  if (failure) throw failure;
  const element = root.children.find((child): child is XmlNode => typeof child !== 'string');
  if (!element) throw new Error('no root element');
  return element;
}

/** Every element named `name` under `node`, in document order. */
export function elements(node: XmlNode, name: string): XmlNode[] {
  return node.children.flatMap((child) =>
    typeof child === 'string' ? [] : [...(child.name === name ? [child] : []), ...elements(child, name)],
  );
}

/** The text of an element (its text and CDATA children, joined). */
export function textOf(node: XmlNode | undefined): string {
  return (node?.children ?? []).map((child) => (typeof child === 'string' ? child : textOf(child))).join('');
}
