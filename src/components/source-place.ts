/** Where a component is written in its MDX file, for "content/notes/x.mdx:11:1 …" messages. */
export interface SourcePlace {
  /** Project-relative path of the MDX file. */
  file: string;
  /** 1-based line of the tag. */
  line?: number;
  /** 1-based column of the tag's `<`. */
  column?: number;
}

/**
 * The place of a component from the `__line="line:column"` attribute the MDX source-lines
 * plugin adds (src/integrations/source-lines.ts); a bare "line" is accepted too.
 */
export function sourcePlace(file: string, tag: unknown): SourcePlace {
  const match = typeof tag === 'string' ? /^(\d+)(?::(\d+))?$/.exec(tag) : null;
  if (!match) return { file };
  return { file, line: Number(match[1]), column: match[2] ? Number(match[2]) : undefined };
}
