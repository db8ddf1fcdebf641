/** Where a component is written in its MDX file, for "content/notes/x.mdx:11:1 …" messages. */
export interface SourcePlace {
  /** Project-relative path of the MDX file. */
  file: string;
  /** 1-based line of the tag. */
  line?: number;
  /** 1-based column of the tag's `<`. */
  column?: number;
  /** An earlier version from git history: checks added since warn instead of failing. */
  history?: boolean;
}

/**
 * The place of a component from the `__line="line:column"` attribute the MDX source-lines
 * plugin adds (src/integrations/source-lines.ts); a bare "line" is accepted too.
 */
export function sourcePlace(file: string, tag: unknown, history?: boolean): SourcePlace {
  const match = typeof tag === 'string' ? /^(\d+)(?::(\d+))?$/.exec(tag) : null;
  const at = match ? { line: Number(match[1]), column: match[2] ? Number(match[2]) : undefined } : {};
  return history ? { file, ...at, history } : { file, ...at };
}
