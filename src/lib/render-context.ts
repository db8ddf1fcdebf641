import type { FileSource } from '../data/source.ts';
import { workingTree } from '../data/source.ts';

/**
 * What MDX components (Chart, Value, Change) need to know about the page rendering them.
 * A page sets it on `Astro.locals.assay` before rendering a note's `<Content />`;
 * Astro shares `locals` with every component of that page render.
 */
export interface RenderContext {
  /** Project-relative path of the MDX file being rendered, for error messages ("content/notes/x.mdx"). */
  file: string;
  /** Where datasets are read for this page: the working tree, or a note version's data vintage. */
  data: FileSource;
  /** Vintage applied to datasets on this page, if any, for source lines ("data as of …"). */
  vintage?: { commit: string; date: Date };
  /** When set, `vintage="latest"` charts read from here instead of `data`. */
  latestData?: FileSource;
  /**
   * What the MDX is rendered for. `web` (default): inline SVG charts. `offsite` (email editions
   * and feeds, whose readers render neither inline SVG nor our CSS): charts as PNG `<img>`
   * with absolute URLs and alt text. One offsite rendering serves both: what differs between
   * an email and a feed item (inlined CSS, layout tables, tracking parameters) is done to the
   * rendered HTML afterwards.
   */
  mode?: 'web' | 'offsite';
  /**
   * An earlier version rebuilt from git history: it is shown as it was, so checks added since
   * it was written warn instead of failing the build (history that built once keeps building).
   */
  history?: boolean;
}

/** The page's render context, or a working-tree default (e.g. an MDX page outside a note). */
export function getRenderContext(locals: { assay?: RenderContext } | undefined): RenderContext {
  return locals?.assay ?? { file: 'unknown MDX file', data: workingTree() };
}
