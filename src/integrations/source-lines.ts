import { defineMdastPlugin } from 'satteri';

/** MDX components whose errors should name the line they are written on. */
export const LINE_AWARE_COMPONENTS = new Set(['Chart', 'Value', 'Change', 'Callout']);

/**
 * Adds `__line="N"` to every line-aware component in an MDX file, so a component
 * that rejects its props can say "content/notes/x.mdx:42". Props alone carry no position.
 * Sätteri tracks positions only for plugins that ask (`position: true`), and a JSX node's
 * attributes cannot be set in place, so the node is replaced by a copy with one more attribute.
 */
export const sourceLines = defineMdastPlugin({
  name: 'assay-source-lines',
  options: { position: true },
  mdxJsxFlowElement(node, ctx) {
    const tagged = withLine(node);
    if (tagged) ctx.replaceNode(node, tagged);
  },
  mdxJsxTextElement(node, ctx) {
    const tagged = withLine(node);
    if (tagged) ctx.replaceNode(node, tagged);
  },
});

interface JsxNode {
  name: string | null;
  position?: { start: { line: number } };
  attributes: readonly ({ type: string; name?: unknown } & object)[];
}

/** A copy of the node with `__line`, or undefined when it needs none. */
function withLine<T extends JsxNode>(node: Readonly<T>): T | undefined {
  const line = node.position?.start.line;
  if (!node.name || !LINE_AWARE_COMPONENTS.has(node.name) || line === undefined) return undefined;
  if (node.attributes.some((attribute) => attribute.type === 'mdxJsxAttribute' && attribute.name === '__line')) {
    return undefined;
  }
  return {
    ...node,
    attributes: [...node.attributes, { type: 'mdxJsxAttribute', name: '__line', value: String(line) }],
  };
}
