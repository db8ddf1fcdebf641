/**
 * The figures a note's text shows (every `<Chart>`, `<Value>` and `<Change>` with its props)
 * and whether any of them was revised between two data sources: a version's vintage and the
 * committed data today. Read from the MDX without compiling it, by the content check's
 * reader, so the build log and the change log see what the pages render.
 */
import { evaluateProps } from '../check/components.ts';
import { scanMdx } from '../check/scan.ts';
import { loadDataset } from '../data/load.ts';
import type { Dataset } from '../data/schema.ts';
import type { FileSource } from '../data/source.ts';
import { RecentMap } from '../lib/memo.ts';
import { comparedColumns, type RowRevision, revisedRows } from './revisions.ts';
import { type FigureComponent, rowsShown } from './shown-rows.ts';

/** One figure in a note's text. */
export interface FigureUse {
  component: FigureComponent;
  dataset: string;
  props: Record<string, unknown>;
  line: number;
  column: number;
}

const FIGURES = new Set<string>(['Chart', 'Value', 'Change']);
/** Scanned texts: the build log, the change log and each chart's notice read the same versions. */
const scanned = new RecentMap<string, FigureUse[]>(512);

/**
 * Figures of a text whose props can be known without rendering. Skipped: `vintage="latest"`
 * (it shows today's data by design), `{...spread}` props and props using the file's own code.
 * A text the MDX reader refuses has no figures here; the build reports it where it renders.
 */
export function figuresIn(text: string, file: string): FigureUse[] {
  const memo = scanned.get(text);
  if (memo) return memo;
  let figures: FigureUse[] = [];
  try {
    const read = scanMdx(text, file);
    figures = read.components.flatMap((use) => {
      if (!FIGURES.has(use.name) || use.spread) return [];
      let props: Record<string, unknown> | undefined;
      try {
        props = evaluateProps(use.attributes, read.ownNames);
      } catch {
        return []; // rendering reports it
      }
      if (!props || typeof props.data !== 'string' || props.vintage === 'latest') return [];
      return [
        { component: use.name as FigureComponent, dataset: props.data, props, line: use.line, column: use.column },
      ];
    });
  } catch {
    figures = [];
  }
  scanned.set(text, figures);
  return figures;
}

/** A figure whose published rows differ today. */
export interface FigureRevision {
  figure: FigureUse;
  /** The dataset as today (its metadata names the key, the columns and `asOf`). */
  current: Dataset;
  /** The key rows were matched by. */
  key: string[];
  revisions: RowRevision[];
}

/** Why a figure could not be compared: its dataset declares no row key. */
export interface Uncomparable {
  dataset: string;
}

/**
 * Compares one figure's rows at `published` with the same keys in `current`. Undefined when
 * nothing changed, or the data cannot be read (rendering reports that); `{ dataset }` when the
 * data changed but the dataset has no key to match rows by.
 */
export function figureRevision(
  figure: FigureUse,
  published: FileSource,
  current: FileSource,
  place: { file: string; history?: boolean },
): FigureRevision | Uncomparable | undefined {
  let then: Dataset;
  let now: Dataset;
  try {
    then = loadDataset(figure.dataset, published);
    now = loadDataset(figure.dataset, current);
  } catch {
    return undefined;
  }
  if (then.hash === now.hash) return undefined;
  const key = now.meta.key;
  if (!key) return { dataset: figure.dataset };
  let shown: ReturnType<typeof rowsShown>;
  try {
    shown = rowsShown(figure.component, figure.props, then, { ...place, line: figure.line, column: figure.column });
  } catch {
    return undefined; // the figure does not render at all: its own error says why
  }
  const revisions = revisedRows(shown.rows, now.rows, key, comparedColumns(now.meta, shown.columns));
  return revisions.length > 0 ? { figure, current: now, key: [...key], revisions } : undefined;
}

/** Revisions of every figure of a text, and the datasets that changed but cannot be compared. */
export function textRevisions(
  text: string,
  file: string,
  published: FileSource,
  current: FileSource,
  options: { history?: boolean } = {},
): { figures: FigureRevision[]; uncomparable: string[] } {
  const figures: FigureRevision[] = [];
  const uncomparable = new Set<string>();
  for (const figure of figuresIn(text, file)) {
    const result = figureRevision(figure, published, current, { file, history: options.history });
    if (!result) continue;
    if ('revisions' in result) figures.push(result);
    else uncomparable.add(result.dataset);
  }
  return { figures, uncomparable: [...uncomparable].sort() };
}
