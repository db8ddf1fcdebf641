import GithubSlugger from 'github-slugger';
import { mdxToMdast } from 'satteri';
import { AssayError } from '../lib/errors.ts';
import type { Position } from './frontmatter.ts';

/** One attribute as written: a string, `true` for a bare name, or a JS expression's source. */
export type AttributeValue =
  | { kind: 'string'; value: string }
  | { kind: 'expression'; source: string }
  | { kind: 'true' };

/** A JSX element with a capitalised name: one of ours, or a typo of one. */
export interface ComponentUse extends Position {
  name: string;
  attributes: Map<string, AttributeValue>;
  /** A `{...spread}` makes the props unknowable without running the page. */
  spread: boolean;
}

/** A link to check: markdown `[text](url)`, a reference definition, or a JSX `href`. */
export interface LinkUse extends Position {
  url: string;
}

/** What the check needs from one MDX file, read without compiling it. */
export interface ScannedMdx {
  /** The YAML between the --- lines and the file line of the opening ---, if there is frontmatter. */
  frontmatter: { text: string; line: number } | undefined;
  components: ComponentUse[];
  links: LinkUse[];
  /** Ids a link can jump to: heading ids (as Astro makes them) and `id` attributes. */
  anchors: Set<string>;
  /** Names the file imports or exports itself (`import X from …`), which are not typos. */
  ownNames: Set<string>;
  /**
   * Whether the file has code that may render components this scan cannot see: an `import` or
   * `export` line, or an `{expression}` with a tag in it (`{rows.map((row) => <Chart … />)}`).
   */
  code: boolean;
}

interface MdastNode {
  type: string;
  name?: string | null;
  url?: string;
  value?: unknown;
  attributes?: { type: string; name?: string; value?: unknown }[];
  children?: MdastNode[];
  position?: { start: { line: number; column: number } };
}

/**
 * Reads an MDX file into what the content check looks at. A syntax error becomes one
 * AssayError at the line and column the MDX parser names.
 */
export function scanMdx(source: string, file: string): ScannedMdx {
  let tree: MdastNode;
  try {
    tree = mdxToMdast(source, { position: true }) as MdastNode;
  } catch (error) {
    throw syntaxProblem(error, file);
  }
  const scanned: ScannedMdx = {
    frontmatter: undefined,
    components: [],
    links: [],
    anchors: new Set(),
    ownNames: new Set(),
    code: false,
  };
  // One slugger per page, as Astro's heading ids: a repeated heading gets "-1", "-2".
  const slugger = new GithubSlugger();
  const visit = (node: MdastNode) => {
    const start = node.position?.start ?? { line: 1, column: 1 };
    switch (node.type) {
      case 'yaml':
        scanned.frontmatter = { text: String(node.value ?? ''), line: start.line };
        break;
      case 'heading':
        scanned.anchors.add(slugger.slug(textOf(node)));
        break;
      case 'link':
      case 'definition':
        if (node.url) scanned.links.push({ url: node.url, line: start.line, column: start.column });
        break;
      case 'mdxjsEsm':
        scanned.code = true;
        for (const name of declaredNames(String(node.value ?? ''))) scanned.ownNames.add(name);
        break;
      case 'mdxFlowExpression':
      case 'mdxTextExpression':
        if (String(node.value ?? '').includes('<')) scanned.code = true;
        break;
      case 'mdxJsxFlowElement':
      case 'mdxJsxTextElement':
        element(node, start, scanned);
        break;
    }
    for (const child of node.children ?? []) visit(child);
  };
  visit(tree);
  return scanned;
}

function element(node: MdastNode, start: { line: number; column: number }, scanned: ScannedMdx): void {
  const attributes = new Map<string, AttributeValue>();
  let spread = false;
  for (const attribute of node.attributes ?? []) {
    if (attribute.type !== 'mdxJsxAttribute' || !attribute.name) {
      spread = true;
      continue;
    }
    const value = attributeValue(attribute.value);
    // A tag inside a prop (`title={<Chart … />}`) renders what the scan does not list.
    if (typeof value === 'object' && value.kind === 'expression' && value.source.includes('<')) scanned.code = true;
    attributes.set(attribute.name, value);
  }
  const name = node.name ?? '';
  const id = attributes.get('id');
  if (id?.kind === 'string') scanned.anchors.add(id.value);
  const href = attributes.get('href');
  if (href?.kind === 'string') scanned.links.push({ url: href.value, line: start.line, column: start.column });
  // Lower-case names are HTML; `a.b` member names come from the file's own code.
  if (/^[A-Z]/.test(name) && !name.includes('.')) {
    scanned.components.push({ name, attributes, spread, line: start.line, column: start.column });
  }
}

function attributeValue(value: unknown): AttributeValue {
  if (value === null || value === undefined) return { kind: 'true' };
  if (typeof value === 'string') return { kind: 'string', value };
  return { kind: 'expression', source: String((value as { value?: unknown }).value ?? '') };
}

/** The plain text of a heading, as Astro slugs it (emphasis, code and links flattened). */
function textOf(node: MdastNode): string {
  if (node.type === 'text' || node.type === 'inlineCode') return String(node.value ?? '');
  return (node.children ?? []).map(textOf).join('');
}

/** Names bound by `import`/`export` lines; a rough read is enough to avoid flagging them. */
function declaredNames(code: string): string[] {
  const names: string[] = [];
  for (const match of code.matchAll(/\b(?:import|export\s+(?:const|let|var|function|class))\s+([A-Za-z_$][\w$]*)/g))
    names.push(match[1] as string);
  for (const match of code.matchAll(/\bimport\s*(?:[\w$]+\s*,\s*)?\{([^}]*)\}/g))
    for (const part of (match[1] as string).split(','))
      names.push(
        part
          .split(/\s+as\s+/)
          .at(-1)
          ?.trim() ?? '',
      );
  for (const match of code.matchAll(/\bimport\s*\*\s*as\s+([\w$]+)/g)) names.push(match[1] as string);
  return names.filter(Boolean);
}

/** Sätteri reports "5:7: Unexpected character … (mdx-jsx:unexpected-character)". */
export function syntaxProblem(error: unknown, file: string): AssayError {
  const message = error instanceof Error ? error.message : String(error);
  const match = /^(\d+):(\d+):\s*([\s\S]*?)(?:\s*\([\w-]+:[\w-]+\))?$/.exec(message.split('\n')[0] ?? '');
  const problem = match ? (match[3] as string) : message;
  return new AssayError(`the MDX cannot be read: ${problem}`, {
    file,
    line: match ? Number(match[1]) : undefined,
    column: match ? Number(match[2]) : undefined,
    hint: 'check the tag or {expression} there: every <Tag> needs a closing </Tag> or />, and a literal < or { in text needs escaping as \\< or \\{',
  });
}
