import { diffWords } from 'diff';
import { mdxToMdast } from 'satteri';
import { parse as parseYaml } from 'yaml';
import { evaluateProps } from '../check/components.ts';
import type { AttributeValue } from '../check/scan.ts';

/**
 * Diffs between two versions of a note or event, as readers see them (issue 16 item 4):
 * the headline, dek and body word by word, and each chart, <Value> and <Change>, matched by
 * its position and dataset, cell by cell. Pure: the caller reads the texts from git and says
 * how to compute a figure at each version's data vintage. Words are diffed by jsdiff
 * (`diff` on npm), with the platform's word segmenter so "1,238" is one word, not three.
 */

/** A run of words: in both versions, only in the later one, or only in the earlier one. */
export interface WordPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

const SEGMENTER = new Intl.Segmenter('en', { granularity: 'word' });

/** Word-by-word differences from `before` to `after`; whitespace changes alone are not differences. */
export function wordDiff(before: string, after: string): WordPart[] {
  if (before === after) return before === '' ? [] : [{ kind: 'same', text: before }];
  return diffWords(before, after, { intlSegmenter: SEGMENTER }).map((change) => ({
    kind: change.added ? 'added' : change.removed ? 'removed' : 'same',
    text: change.value,
  }));
}

/** Whether a word diff has any insertion or deletion. */
export function hasChanges(parts: readonly WordPart[]): boolean {
  return parts.some((part) => part.kind !== 'same');
}

/** Splits a diff of text whose paragraphs are separated by blank lines into one diff per paragraph. */
export function diffParagraphs(parts: readonly WordPart[]): WordPart[][] {
  const paragraphs: WordPart[][] = [[]];
  for (const part of parts) {
    part.text.split(/\n{2,}/).forEach((piece, index) => {
      if (index > 0) paragraphs.push([]);
      if (piece !== '') (paragraphs[paragraphs.length - 1] as WordPart[]).push({ kind: part.kind, text: piece });
    });
  }
  return paragraphs.filter((paragraph) => paragraph.some((part) => part.text.trim() !== ''));
}

/** A figure component a version uses. */
export type FigureKind = 'Chart' | 'Value' | 'Change';

/** One <Chart>, <Value> or <Change> as written in a version. */
export interface FigureUse {
  kind: FigureKind;
  /** The dataset it reads (`data`); undefined when not a plain string. */
  data: string | undefined;
  /** Its props, or undefined when they cannot be worked out without running the page. */
  props: Record<string, unknown> | undefined;
  /** 1-based line in the version's MDX. */
  line: number;
}

/** A version's text as readers see it: headline, dek, body paragraphs, and the figures it shows. */
export interface ReaderText {
  title: string;
  dek: string;
  /** Paragraphs, headings, list items and callouts in order, separated by blank lines; charts left out. */
  body: string;
  /** Every chart, <Value> and <Change>, in document order. */
  figures: FigureUse[];
}

/** How to read a version's text. */
export interface ReaderTextOptions {
  /** Frontmatter field of the headline: "title" (notes) or "name" (events). */
  titleField?: string;
  /** Frontmatter field of the dek: "dek" (notes) or "summary" (events). */
  dekField?: string;
  /** Typesetting applied to headline and dek, as the collections apply it. */
  typeset?: (text: string) => string;
  /** The text a <Value> or <Change> renders in prose at this version (undefined: left out). */
  inline?: (use: FigureUse) => string | undefined;
}

interface Node {
  type: string;
  name?: string | null;
  value?: unknown;
  alt?: string | null;
  attributes?: { type: string; name?: string; value?: unknown }[];
  children?: Node[];
  position?: { start: { line: number } };
}

const FIGURES = new Set<string>(['Chart', 'Value', 'Change']);
/** Blocks whose children are blocks: their text is their children's paragraphs. */
const INLINE = new Set(['text', 'emphasis', 'strong', 'link', 'inlineCode', 'mdxJsxTextElement', 'break']);
const CONTAINERS = new Set([
  'root',
  'blockquote',
  'list',
  'listItem',
  'mdxJsxFlowElement',
  'table',
  'footnoteDefinition',
]);

/**
 * Reads an MDX version into what readers see. Markdown syntax goes (emphasis marks, link
 * targets), a <Value> or <Change> in a sentence becomes the text it renders, charts are
 * compared separately (`figureDiffs`). Throws the MDX parser's error for unreadable text.
 */
export function readerText(mdx: string, options: ReaderTextOptions = {}): ReaderText {
  const tree = mdxToMdast(mdx, { position: true }) as Node;
  const typeset = options.typeset ?? ((text: string) => text);
  const figures: FigureUse[] = [];
  const blocks: string[] = [];
  let front: Record<string, unknown> = {};

  const figure = (node: Node): FigureUse | undefined => {
    if (!node.name || !FIGURES.has(node.name)) return undefined;
    const use = figureUse(node);
    figures.push(use);
    return use;
  };
  const inline = (node: Node): string => {
    switch (node.type) {
      case 'text':
      case 'inlineCode':
        return String(node.value ?? '');
      case 'break':
        return ' ';
      case 'image':
        return node.alt ?? '';
      case 'mdxJsxTextElement': {
        const use = figure(node);
        if (use) return options.inline?.(use) ?? '';
        return (node.children ?? []).map(inline).join('');
      }
      case 'mdxTextExpression':
      case 'html':
      case 'footnoteReference':
        return '';
      default:
        return (node.children ?? []).map(inline).join('');
    }
  };
  const block = (node: Node): void => {
    if (node.type === 'yaml') {
      try {
        const data = parseYaml(String(node.value ?? ''));
        if (data && typeof data === 'object' && !Array.isArray(data)) front = data as Record<string, unknown>;
      } catch {
        // History may hold frontmatter today's parser refuses: no headline rather than a failure.
      }
      return;
    }
    if (node.type === 'mdxJsxFlowElement' && figure(node)) return;
    if (node.type === 'tableRow') {
      blocks.push((node.children ?? []).map(inline).join(' | '));
      return;
    }
    if (CONTAINERS.has(node.type)) {
      // <Callout>One line.</Callout> holds its words directly, not in a paragraph.
      if (node.type === 'mdxJsxFlowElement' && node.children?.some((child) => INLINE.has(child.type))) {
        blocks.push(inline(node));
        return;
      }
      for (const child of node.children ?? []) block(child);
      return;
    }
    if (node.type === 'code') blocks.push(String(node.value ?? ''));
    else if (node.type === 'paragraph' || node.type === 'heading') blocks.push(inline(node));
    // mdxjsEsm, expressions, thematic breaks and HTML comments show no words.
  };
  block(tree);
  const field = (name: string) => (typeof front[name] === 'string' ? typeset(front[name] as string) : '');
  return {
    title: field(options.titleField ?? 'title'),
    dek: field(options.dekField ?? 'dek'),
    body: blocks
      .map((text) => text.replace(/\s+/g, ' ').trim())
      .filter(Boolean)
      .join('\n\n'),
    figures,
  };
}

function figureUse(node: Node): FigureUse {
  const attributes = new Map<string, AttributeValue>();
  let spread = false;
  for (const attribute of node.attributes ?? []) {
    if (attribute.type !== 'mdxJsxAttribute' || !attribute.name) spread = true;
    else attributes.set(attribute.name, attributeValue(attribute.value));
  }
  let props: Record<string, unknown> | undefined;
  try {
    props = spread ? undefined : evaluateProps(attributes);
  } catch {
    props = undefined;
  }
  return {
    kind: node.name as FigureKind,
    data: typeof props?.data === 'string' ? props.data : undefined,
    props,
    line: node.position?.start.line ?? 1,
  };
}

function attributeValue(value: unknown): AttributeValue {
  if (value === null || value === undefined) return { kind: 'true' };
  if (typeof value === 'string') return { kind: 'string', value };
  return { kind: 'expression', source: String((value as { value?: unknown }).value ?? '') };
}

/** A chart's data table as its page shows it (src/charts/table.ts `chartTable`). */
export interface TableLike {
  headers: readonly string[];
  /** Whether each column holds numbers: the other columns name the row. */
  numeric: readonly boolean[];
  rows: readonly { cells: readonly string[] }[];
}

/** One cell that changed between versions. */
export interface CellChange {
  /** The row, by its non-numeric cells: "May 2025" or "May 2025, Germany". */
  row: string;
  /** The column's header: "Tonnes (t)". */
  column: string;
  before: string;
  after: string;
}

/** What changed in a table: cells, and rows that appeared or went. */
export interface TableDiff {
  changed: CellChange[];
  /** Labels of rows only the later version shows. */
  added: string[];
  /** Labels of rows only the earlier version showed. */
  removed: string[];
}

/**
 * Cells that differ between two tables. Rows are matched by their non-numeric cells (the
 * month, the destination); a table of numbers only is matched row by row. Columns are matched
 * by header.
 */
export function tableDiff(before: TableLike, after: TableLike): TableDiff {
  const label = (table: TableLike, row: { cells: readonly string[] }, index: number) => {
    const names = row.cells.filter((_, column) => !table.numeric[column]);
    return names.length > 0 ? names.join(', ') : `row ${index + 1}`;
  };
  const rowsOf = (table: TableLike) =>
    new Map(table.rows.map((row, index) => [label(table, row, index), row.cells] as const));
  const old = rowsOf(before);
  const now = rowsOf(after);
  const changed: CellChange[] = [];
  for (const [row, cells] of now) {
    const previous = old.get(row);
    if (!previous) continue;
    after.headers.forEach((header, column) => {
      const was = before.headers.indexOf(header);
      if (was === -1 || after.numeric[column] === false) return;
      const from = previous[was] ?? '';
      const to = cells[column] ?? '';
      if (from !== to) changed.push({ row, column: header, before: from, after: to });
    });
  }
  return {
    changed,
    added: [...now.keys()].filter((row) => !old.has(row)),
    removed: [...old.keys()].filter((row) => !now.has(row)),
  };
}

/** How a figure reads at one version's data vintage; each throws when it cannot. */
export interface FigureReader {
  /** A chart's table. */
  table(use: FigureUse): TableLike;
  /** The text a <Value> or <Change> renders. */
  text(use: FigureUse): string;
  /** A chart's title, for the label. */
  title?(use: FigureUse): string | undefined;
}

/** One figure compared between two versions. */
export interface FigureDiff {
  kind: FigureKind;
  /** Its dataset. */
  data: string | undefined;
  /** 1-based place among the later version's figures of its kind and dataset. */
  position: number;
  /** What readers know it by: the chart's title, the text a <Value> renders ("“1,290 t”"), else "<Value> of exports". */
  label: string;
  status: 'changed' | 'unchanged' | 'added' | 'removed' | 'unreadable';
  /** A chart's cells (status "changed" or "unchanged"). */
  cells?: TableDiff;
  /** A chart's title, word by word, when it changed. */
  title?: WordPart[];
  /** A <Value>'s or <Change>'s text in each version. */
  text?: { before: string; after: string };
}

/** Figures paired by kind, dataset and place among those: the second chart of `exports` with the second. */
export function pairFigures(
  before: readonly FigureUse[],
  after: readonly FigureUse[],
): { before: FigureUse | undefined; after: FigureUse | undefined; position: number }[] {
  const key = (use: FigureUse) => `${use.kind}\0${use.data ?? ''}`;
  const pool = new Map<string, FigureUse[]>();
  for (const use of before) pool.set(key(use), [...(pool.get(key(use)) ?? []), use]);
  const seen = new Map<string, number>();
  const pairs = after.map((use) => {
    const position = (seen.get(key(use)) ?? 0) + 1;
    seen.set(key(use), position);
    return { before: pool.get(key(use))?.[position - 1], after: use as FigureUse | undefined, position };
  });
  const matched = new Set(pairs.map((pair) => pair.before).filter(Boolean));
  const counts = new Map<string, number>();
  for (const use of before) {
    const position = (counts.get(key(use)) ?? 0) + 1;
    counts.set(key(use), position);
    if (!matched.has(use)) pairs.push({ before: use, after: undefined, position });
  }
  return pairs;
}

/** Compares every figure of two versions, each read at its own data vintage. */
export function figureDiffs(
  before: ReaderText,
  after: ReaderText,
  readBefore: FigureReader,
  readAfter: FigureReader,
): FigureDiff[] {
  return pairFigures(before.figures, after.figures).map(({ before: old, after: now, position }) => {
    const use = (now ?? old) as FigureUse;
    const reader = now ? readAfter : readBefore;
    const titleOf = (figure: FigureUse, from: FigureReader) => {
      try {
        return from.title?.(figure);
      } catch {
        return undefined;
      }
    };
    const quoted = () => {
      try {
        return use.kind === 'Chart' ? undefined : `“${reader.text(use)}”`;
      } catch {
        return undefined;
      }
    };
    // What readers know it by: a chart's title, the words a <Value> or <Change> renders.
    const label = titleOf(use, reader) ?? quoted() ?? `<${use.kind}> of ${use.data ?? 'unknown data'}`;
    const base = { kind: use.kind, data: use.data, position, label };
    if (!old) return { ...base, status: 'added' };
    if (!now) return { ...base, status: 'removed' };
    try {
      if (use.kind === 'Chart') {
        const cells = tableDiff(readBefore.table(old), readAfter.table(now));
        // A corrected chart title is a change readers see, as much as a corrected cell.
        const titles = wordDiff(titleOf(old, readBefore) ?? '', titleOf(now, readAfter) ?? '');
        const retitled = hasChanges(titles);
        const changed = retitled || cells.changed.length + cells.added.length + cells.removed.length > 0;
        return { ...base, status: changed ? 'changed' : 'unchanged', cells, ...(retitled ? { title: titles } : {}) };
      }
      const text = { before: readBefore.text(old), after: readAfter.text(now) };
      return { ...base, status: text.before === text.after ? 'unchanged' : 'changed', text };
    } catch {
      // History rendered as it was may not meet today's rules: say so rather than guess.
      return { ...base, status: 'unreadable' };
    }
  });
}

/** Everything a diff page shows. */
export interface VersionDiff {
  title: WordPart[];
  dek: WordPart[];
  /** One word diff per paragraph. */
  body: WordPart[][];
  figures: FigureDiff[];
  /** Whether the words readers see changed at all (headline, dek or body). */
  textChanged: boolean;
}

/** The diff between two versions read with `readerText`, figures read by each version's reader. */
export function versionDiff(
  before: ReaderText,
  after: ReaderText,
  readBefore: FigureReader,
  readAfter: FigureReader,
): VersionDiff {
  const title = wordDiff(before.title, after.title);
  const dek = wordDiff(before.dek, after.dek);
  const body = wordDiff(before.body, after.body);
  return {
    title,
    dek,
    body: diffParagraphs(body),
    figures: figureDiffs(before, after, readBefore, readAfter),
    textChanged: hasChanges(title) || hasChanges(dek) || hasChanges(body),
  };
}
