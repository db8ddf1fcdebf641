import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineMdastPlugin, type MdastVisitorContext } from 'satteri';
import { AssayError } from '../lib/errors.ts';
import { closest } from '../lib/suggest.ts';

/**
 * The components every note and event can use without an import line (src/components/mdx.ts
 * is checked against this list). Kept here, free of .astro imports, so the MDX compiler can read it.
 */
export const MDX_COMPONENT_NAMES = ['Chart', 'Value', 'Change', 'Callout'] as const;
export type MdxComponentName = (typeof MDX_COMPONENT_NAMES)[number];

/** MDX components whose errors should name the line they are written on. */
export const LINE_AWARE_COMPONENTS = new Set<string>(MDX_COMPONENT_NAMES);

/**
 * At MDX compile time:
 * - adds `__line="line:column"` to every line-aware component, so a component that rejects its
 *   props can say "content/notes/x.mdx:42:1". Props alone carry no position. Sätteri tracks
 *   positions only for plugins that ask (`position: true`), and a JSX node's attributes cannot
 *   be set in place, so the node is replaced by a copy with one more attribute;
 * - refuses a capitalised tag that is not one of the note components (`<Chrt>`), which MDX
 *   would otherwise report at render time as a missing import, contradicting "no import lines".
 *   Names the file imports or exports itself are left alone.
 */
export const sourceLines = defineMdastPlugin({
  name: 'assay-source-lines',
  options: { position: true },
  mdxJsxFlowElement(node, ctx) {
    checkComponent(node, ctx);
    const tagged = withLine(node);
    if (tagged) ctx.replaceNode(node, tagged);
  },
  mdxJsxTextElement(node, ctx) {
    checkComponent(node, ctx);
    const tagged = withLine(node);
    if (tagged) ctx.replaceNode(node, tagged);
  },
});

interface JsxNode {
  name: string | null;
  position?: { start: { line: number; column: number } };
  attributes: readonly ({ type: string; name?: unknown } & object)[];
}

/** A copy of the node with `__line`, or undefined when it needs none. */
function withLine<T extends JsxNode>(node: Readonly<T>): T | undefined {
  const start = node.position?.start;
  if (!node.name || !LINE_AWARE_COMPONENTS.has(node.name) || start === undefined) return undefined;
  if (node.attributes.some((attribute) => attribute.type === 'mdxJsxAttribute' && attribute.name === '__line')) {
    return undefined;
  }
  return {
    ...node,
    attributes: [
      ...node.attributes,
      { type: 'mdxJsxAttribute', name: '__line', value: `${start.line}:${start.column}` },
    ],
  };
}

/** Throws for a capitalised tag that names no note component and nothing the file declares. */
function checkComponent(node: Readonly<JsxNode>, ctx: MdastVisitorContext): void {
  const name = node.name;
  // Lower-case names are HTML elements; `a.b` member names and fragments (`<>`) are the author's own.
  if (!name || !/^[A-Z]/.test(name) || name.includes('.') || LINE_AWARE_COMPONENTS.has(name)) return;
  // Astro's MDX integration provides <Fragment> to every file.
  if (name === 'Fragment') return;
  if (declaredNames(ctx.source).has(name)) return;
  const start = node.position?.start;
  throw new AssayError(unknownComponentProblem(name), {
    file: sourceFile(ctx.fileURL),
    line: start?.line,
    column: start?.column,
    hint: UNKNOWN_COMPONENT_HINT,
  });
}

/** The hint for an unknown component, here and in the content check (src/check/components.ts). */
export const UNKNOWN_COMPONENT_HINT = `notes can use ${MDX_COMPONENT_NAMES.map((known) => `<${known}>`).join(', ')} without an import line; see docs/authoring.md`;

/** "unknown component <Chrt>; did you mean <Chart>? (no import needed)", as the content check words it. */
export function unknownComponentProblem(name: string): string {
  const match = closest(name, MDX_COMPONENT_NAMES);
  return `unknown component <${name}>${match ? `; did you mean <${match}>?` : ''} (no import needed)`;
}

/** Capitalised names an MDX file's own `import`/`export` lines declare. Memoised per text: one scan per file. */
const declaredCache = new Map<string, Set<string>>();
function declaredNames(source: string): Set<string> {
  let names = declaredCache.get(source);
  if (!names) {
    names = new Set();
    for (const line of source.split('\n')) {
      if (!/^(?:import|export)\b/.test(line)) continue;
      for (const match of line.matchAll(/\b[A-Z][A-Za-z0-9_]*\b/g)) names.add(match[0]);
    }
    // One entry is enough: the visitor sees one file's elements in a row.
    declaredCache.clear();
    declaredCache.set(source, names);
  }
  return names;
}

/** The MDX file as a project-relative path ("content/notes/x.mdx"), as every other message names it. */
function sourceFile(url: URL | undefined): string | undefined {
  if (!url) return undefined;
  const absolute = fileURLToPath(url);
  const relative = path.relative(process.cwd(), absolute);
  return relative.startsWith('..') ? absolute : relative.split(path.sep).join('/');
}
