/**
 * The small DOM that Plot draws the declarative charts into on the server: detached SVG
 * elements, their attributes, styles and text, the selectors the engine and Plot use, and
 * serialisation in the same form as linkedom's.
 *
 * Why our own: linkedom (still used for the `plot` escape hatch, where any Plot mark may
 * run) gives every node a WeakMap entry and a Map for event listeners. Plot makes hundreds
 * of nodes per chart, and collecting those entries was half of the drawing time (bench
 * charts: 8.5 ms to 4.3 ms per chart with the entries gone). Nothing here keeps a node
 * alive after its chart is serialised. No events, no layout, no parser: Plot needs none of
 * them for the marks Assay draws, and anything missing fails loudly in the golden tests.
 */

import { escapeNodeAttribute, escapeNodeText } from '../lib/escape.ts';

const SVG_NS = 'http://www.w3.org/2000/svg';
const XHTML_NS = 'http://www.w3.org/1999/xhtml';

/** Attributes linkedom leaves out when empty; kept so both DOMs serialise alike. */
const DROPPED_WHEN_EMPTY = new Set(['id', 'class', 'style']);
/** HTML elements written without a closing tag. */
const VOID_HTML = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'wbr',
]);

/** How attributes are rewritten as they are serialised: new names, and a value for each. */
export interface AttributeRewrite {
  names: ReadonlyMap<string, string>;
  value: (name: string, value: string) => string;
}

abstract class DrawingNode {
  abstract readonly nodeType: number;
  abstract readonly ownerDocument: DrawingDocument;
  parentNode: DrawingElement | null = null;

  get parentElement(): DrawingElement | null {
    return this.parentNode;
  }

  get nextSibling(): DrawingNode | null {
    const siblings = this.parentNode?.childNodes;
    return siblings ? (siblings[siblings.indexOf(this) + 1] ?? null) : null;
  }

  get previousSibling(): DrawingNode | null {
    const siblings = this.parentNode?.childNodes;
    return siblings ? (siblings[siblings.indexOf(this) - 1] ?? null) : null;
  }

  remove(): void {
    this.parentNode?.removeChild(this);
  }

  replaceWith(...nodes: (DrawingNode | string)[]): void {
    const parent = this.parentNode;
    if (!parent) return;
    for (const node of nodes) parent.insertBefore(this.ownerDocument.asNode(node), this);
    parent.removeChild(this);
  }

  abstract get textContent(): string;
  abstract cloneNode(deep?: boolean): DrawingNode;
  /** Appends this node's markup to `out`, attributes passed through `rewrite` when given. */
  abstract write(out: string[], rewrite?: AttributeRewrite): void;
}

class DrawingText extends DrawingNode {
  readonly nodeType = 3;
  readonly ownerDocument: DrawingDocument;
  data: string;

  constructor(document: DrawingDocument, data: string) {
    super();
    this.ownerDocument = document;
    this.data = data;
  }

  get textContent(): string {
    return this.data;
  }

  set textContent(value: string) {
    this.data = String(value);
  }

  cloneNode(): DrawingText {
    return new DrawingText(this.ownerDocument, this.data);
  }

  write(out: string[]): void {
    out.push(escapeNodeText(this.data));
  }
}

/** `element.style`: the properties d3 and Plot set, written back as the `style` attribute. */
class DrawingStyle {
  readonly properties = new Map<string, string>();

  setProperty(name: string, value: string | null, _priority?: string): void {
    if (value == null || value === '') this.properties.delete(name);
    else this.properties.set(name, String(value));
  }

  removeProperty(name: string): string {
    const value = this.getPropertyValue(name);
    this.properties.delete(name);
    return value;
  }

  getPropertyValue(name: string): string {
    return this.properties.get(name) ?? '';
  }

  get cssText(): string {
    return [...this.properties].map(([name, value]) => `${name}:${value}`).join(';');
  }

  set cssText(text: string) {
    this.properties.clear();
    for (const rule of String(text).split(/\s*;\s*/)) {
      const colon = rule.indexOf(':');
      if (colon < 0) continue;
      const name = rule.slice(0, colon).trim();
      const value = rule.slice(colon + 1).trim();
      if (name && value) this.properties.set(name, value);
    }
  }
}

class DrawingElement extends DrawingNode {
  readonly nodeType = 1;
  readonly ownerDocument: DrawingDocument;
  readonly namespaceURI: string;
  readonly localName: string;
  readonly childNodes: DrawingNode[] = [];
  /**
   * Attribute names and values in insertion order, as two arrays rather than a Map: an element
   * has a handful of attributes and a chart thousands of elements, and a Map per element is the
   * heavier object to make and to collect. `style` holds a placeholder; its value lives in `#style`.
   */
  readonly #names: string[] = [];
  readonly #values: string[] = [];
  #style: DrawingStyle | undefined;

  constructor(document: DrawingDocument, namespace: string, name: string) {
    super();
    this.ownerDocument = document;
    this.namespaceURI = namespace;
    this.localName = name;
  }

  get tagName(): string {
    return this.namespaceURI === XHTML_NS ? this.localName.toUpperCase() : this.localName;
  }

  get nodeName(): string {
    return this.tagName;
  }

  get children(): DrawingElement[] {
    return this.childNodes.filter((node): node is DrawingElement => node instanceof DrawingElement);
  }

  get firstChild(): DrawingNode | null {
    return this.childNodes[0] ?? null;
  }

  get lastChild(): DrawingNode | null {
    return this.childNodes[this.childNodes.length - 1] ?? null;
  }

  /** The nearest `<svg>` above an SVG element (Plot's tip mark asks); null for the outer one. */
  get ownerSVGElement(): DrawingElement | null {
    if (this.namespaceURI !== SVG_NS) return null;
    for (let node = this.parentNode; node; node = node.parentNode) if (node.localName === 'svg') return node;
    return null;
  }

  // Attributes

  getAttribute(name: string): string | null {
    const index = this.#names.indexOf(name);
    if (index < 0) return null;
    return name === 'style' ? (this.#style?.cssText ?? '') : (this.#values[index] as string);
  }

  setAttribute(name: string, value: unknown): void {
    const text = String(value);
    if (name === 'style') this.style.cssText = text;
    this.#set(name, text);
  }

  #set(name: string, text: string): void {
    const index = this.#names.indexOf(name);
    if (index < 0) {
      this.#names.push(name);
      this.#values.push(text);
    } else this.#values[index] = text;
  }

  setAttributeNS(_namespace: string | null, name: string, value: unknown): void {
    this.setAttribute(name, value);
  }

  hasAttribute(name: string): boolean {
    return this.#names.includes(name);
  }

  removeAttribute(name: string): void {
    const index = this.#names.indexOf(name);
    if (index >= 0) {
      this.#names.splice(index, 1);
      this.#values.splice(index, 1);
    }
    if (name === 'style') this.#style = undefined;
  }

  get style(): DrawingStyle {
    if (!this.#style) {
      this.#style = new DrawingStyle();
      // linkedom adds the attribute when the first property is set; the position is the same.
      if (!this.#names.includes('style')) this.#set('style', '');
    }
    return this.#style;
  }

  get id(): string {
    return this.getAttribute('id') ?? '';
  }

  set id(value: string) {
    this.setAttribute('id', value);
  }

  get className(): string {
    return this.getAttribute('class') ?? '';
  }

  set className(value: string) {
    this.setAttribute('class', value);
  }

  // Tree

  get textContent(): string {
    return this.childNodes.map((node) => node.textContent).join('');
  }

  set textContent(value: unknown) {
    for (const node of this.childNodes) node.parentNode = null;
    this.childNodes.length = 0;
    const text = value == null ? '' : String(value);
    if (text !== '') this.appendChild(new DrawingText(this.ownerDocument, text));
  }

  appendChild<T extends DrawingNode>(node: T): T {
    return this.insertBefore(node, null);
  }

  append(...nodes: (DrawingNode | string)[]): void {
    for (const node of nodes) this.appendChild(this.ownerDocument.asNode(node));
  }

  insertBefore<T extends DrawingNode>(node: T, reference: DrawingNode | null): T {
    if (!(node instanceof DrawingNode)) throw new TypeError('drawing DOM: only its own nodes can be inserted');
    for (let ancestor: DrawingElement | null = this; ancestor; ancestor = ancestor.parentNode)
      if (ancestor === (node as DrawingNode)) throw new Error('drawing DOM: a node cannot contain itself');
    node.parentNode?.removeChild(node);
    const index = reference ? this.childNodes.indexOf(reference) : -1;
    if (reference && index < 0) throw new Error('drawing DOM: insertBefore reference is not a child');
    if (index < 0) this.childNodes.push(node);
    else this.childNodes.splice(index, 0, node);
    node.parentNode = this;
    return node;
  }

  removeChild<T extends DrawingNode>(node: T): T {
    const index = this.childNodes.indexOf(node);
    if (index < 0) throw new Error('drawing DOM: removeChild of a node that is not a child');
    this.childNodes.splice(index, 1);
    node.parentNode = null;
    return node;
  }

  cloneNode(deep = false): DrawingElement {
    const clone = new DrawingElement(this.ownerDocument, this.namespaceURI, this.localName);
    this.#names.forEach((name, index) => {
      clone.setAttribute(name, name === 'style' ? this.style.cssText : (this.#values[index] as string));
    });
    if (deep) for (const node of this.childNodes) clone.appendChild(node.cloneNode(true));
    return clone;
  }

  // Selectors

  closest(selector: string): DrawingElement | null {
    const list = parseSelector(selector);
    for (let element: DrawingElement | null = this; element; element = element.parentNode)
      if (list.some((complex) => matchesComplex(element as DrawingElement, complex))) return element;
    return null;
  }

  querySelectorAll(selector: string): DrawingElement[] {
    const list = parseSelector(selector);
    const found: DrawingElement[] = [];
    const visit = (parent: DrawingElement) => {
      for (const child of parent.childNodes) {
        if (!(child instanceof DrawingElement)) continue;
        if (list.some((complex) => matchesComplex(child, complex))) found.push(child);
        visit(child);
      }
    };
    visit(this);
    return found;
  }

  querySelector(selector: string): DrawingElement | null {
    return this.querySelectorAll(selector)[0] ?? null;
  }

  // Serialisation

  get outerHTML(): string {
    return this.serialize();
  }

  /** The element's markup, every attribute passed through `rewrite` on the way out. */
  serialize(rewrite?: AttributeRewrite): string {
    const out: string[] = [];
    this.write(out, rewrite);
    return out.join('');
  }

  write(out: string[], rewrite?: AttributeRewrite): void {
    out.push('<', this.localName);
    // Newest attribute first, as linkedom writes them: the escape hatch's charts (drawn with
    // linkedom) and these come out in one form, and the goldens hold for both.
    const names = this.#names;
    for (let i = names.length - 1; i >= 0; i--) {
      const name = names[i] as string;
      const value = name === 'style' ? (this.#style?.cssText ?? '') : (this.#values[i] as string);
      if (value === '' && DROPPED_WHEN_EMPTY.has(name)) continue;
      out.push(
        ' ',
        rewrite?.names.get(name) ?? name,
        '="',
        escapeNodeAttribute(rewrite ? rewrite.value(name, value) : value),
        '"',
      );
    }
    if (this.childNodes.length === 0) {
      if (this.namespaceURI === SVG_NS) out.push(' />');
      else if (VOID_HTML.has(this.localName)) out.push('>');
      else out.push('></', this.localName, '>');
      return;
    }
    out.push('>');
    for (const node of this.childNodes) node.write(out, rewrite);
    out.push('</', this.localName, '>');
  }
}

/** The document Plot is given: it only creates detached nodes. */
/** Whether a node was made by this DOM (and has `serialize`). */
export function isDrawingElement(node: unknown): node is DrawingElement {
  return node instanceof DrawingElement;
}

export type { DrawingElement };

export class DrawingDocument {
  readonly documentElement: DrawingElement;
  /** Plot reads `defaultView` only for interactions, which the declarative charts never use. */
  readonly defaultView = null;

  constructor() {
    this.documentElement = new DrawingElement(this, XHTML_NS, 'html');
  }

  createElementNS(namespace: string | null, qualifiedName: string): DrawingElement {
    const name = qualifiedName.includes(':') ? (qualifiedName.split(':')[1] as string) : qualifiedName;
    return new DrawingElement(this, namespace ?? XHTML_NS, name);
  }

  createElement(name: string): DrawingElement {
    return new DrawingElement(this, XHTML_NS, name.toLowerCase());
  }

  createTextNode(text: unknown): DrawingText {
    return new DrawingText(this, String(text));
  }

  /** Strings given to `append` and `replaceWith` become text nodes, as in the DOM. */
  asNode(node: DrawingNode | string): DrawingNode {
    return typeof node === 'string' ? this.createTextNode(node) : node;
  }
}

// Selectors: type, .class, [attr], [attr="v"], [attr^="v"], the descendant combinator and lists:
// what Plot and cleanPlotSvg ask for. Anything else throws, naming the selector.

interface Compound {
  tag?: string;
  classes: string[];
  attributes: { name: string; operator?: '=' | '^=' | '~='; value?: string }[];
}

const selectorCache = new Map<string, Compound[][]>();
const COMPOUND_PART = /^(?:([a-zA-Z][\w-]*|\*)|\.([\w-]+)|\[([\w:-]+)(?:(=|\^=|~=)"([^"]*)")?\])/;

function parseSelector(selector: string): Compound[][] {
  let parsed = selectorCache.get(selector);
  if (parsed) return parsed;
  parsed = selector.split(',').map((complex) =>
    complex
      .trim()
      .split(/\s+/)
      .map((text) => {
        const compound: Compound = { classes: [], attributes: [] };
        let rest = text;
        while (rest) {
          const match = COMPOUND_PART.exec(rest);
          if (!match) throw new Error(`drawing DOM: unsupported selector "${selector}"`);
          const [whole, tag, className, attribute, operator, value] = match;
          if (tag && tag !== '*') compound.tag = tag.toLowerCase();
          if (className) compound.classes.push(className);
          if (attribute)
            compound.attributes.push({
              name: attribute,
              operator: operator as Compound['attributes'][number]['operator'],
              value,
            });
          rest = rest.slice(whole.length);
        }
        return compound;
      }),
  );
  selectorCache.set(selector, parsed);
  return parsed;
}

function matchesCompound(element: DrawingElement, compound: Compound): boolean {
  if (compound.tag && element.localName.toLowerCase() !== compound.tag) return false;
  if (compound.classes.length > 0) {
    const classes = element.className.split(/\s+/);
    if (!compound.classes.every((name) => classes.includes(name))) return false;
  }
  for (const { name, operator, value = '' } of compound.attributes) {
    const actual = element.getAttribute(name);
    if (actual === null) return false;
    if (operator === '=' && actual !== value) return false;
    if (operator === '^=' && !(value !== '' && actual.startsWith(value))) return false;
    if (operator === '~=' && !actual.split(/\s+/).includes(value)) return false;
  }
  return true;
}

/** Matches right to left, as browsers do: ancestors may lie above the element queried from. */
function matchesComplex(element: DrawingElement, complex: Compound[]): boolean {
  let index = complex.length - 1;
  if (!matchesCompound(element, complex[index] as Compound)) return false;
  let ancestor = element.parentNode;
  for (index--; index >= 0; index--) {
    while (ancestor && !matchesCompound(ancestor, complex[index] as Compound)) ancestor = ancestor.parentNode;
    if (!ancestor) return false;
    ancestor = ancestor.parentNode;
  }
  return true;
}

let shared: DrawingDocument | undefined;

/** One drawing document per thread: Plot only creates detached nodes, so sharing is safe. */
export function drawingDocument(): Document {
  shared ??= new DrawingDocument();
  return shared as unknown as Document;
}
