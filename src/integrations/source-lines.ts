import { defineMdastPlugin } from 'satteri';

/** MDX components whose errors should name the line they are written on. */
export const LINE_AWARE_COMPONENTS = new Set(['Chart', 'Value', 'Change', 'Callout']);

/**
 * Adds `__line="N"` to every line-aware component in an MDX file, so a component
 * that rejects its props can say "content/notes/x.mdx:42". Props alone carry no position.
 */
export const sourceLines = defineMdastPlugin({
  name: 'assay-source-lines',
  mdxJsxFlowElement(node, ctx) {
    tagLine(node, ctx);
  },
  mdxJsxTextElement(node, ctx) {
    tagLine(node, ctx);
  },
});

type FlowNode = Parameters<NonNullable<typeof sourceLines.mdxJsxFlowElement>>[0];
type JsxNode = FlowNode | Parameters<NonNullable<typeof sourceLines.mdxJsxTextElement>>[0];
type Context = Parameters<NonNullable<typeof sourceLines.mdxJsxFlowElement>>[1];

function tagLine(node: JsxNode, ctx: Context): void {
  const line = node.position?.start.line;
  if (!node.name || !LINE_AWARE_COMPONENTS.has(node.name) || line === undefined) return;
  if (node.attributes.some((attribute) => attribute.type === 'mdxJsxAttribute' && attribute.name === '__line')) return;
  // Flow and text elements carry the same attribute list; the overloads only name the flow one.
  ctx.setProperty(node as FlowNode, 'attributes', [
    ...node.attributes,
    { type: 'mdxJsxAttribute', name: '__line', value: String(line) },
  ]);
}
