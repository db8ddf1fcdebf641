/** Where a note's lead chart is written: the place of its first `<Chart>` in the MDX file. */
export interface LeadPlace {
  line: number;
  column?: number;
}

/** Finds the lead chart's place in a note's MDX file (project-relative), if it has a chart. */
export type LeadLocator = (file: string) => LeadPlace | undefined;

/** Where a chart was rendered (the chart engine's `ChartPlace`). */
export interface RenderedPlace {
  file: string;
  line?: number;
  column?: number;
  /** An earlier version from git history: never a preview card's chart. */
  history?: boolean;
}

/**
 * The manifest preview cards take their chart from: each note's lead chart (its first
 * `<Chart>`, found by the content check's reader of the MDX) and the id that chart got when the
 * note's latest version rendered. Written as pages render; nothing is parsed out of HTML.
 */
export class LeadCharts {
  private readonly locate: LeadLocator;
  /** The lead chart's id, by note file. */
  private readonly ids = new Map<string, string>();
  /** Notes whose card is drawn: their lead chart's files need not be kept for it. */
  private readonly drawn = new Set<string>();

  constructor(locate: LeadLocator) {
    this.locate = locate;
  }

  /**
   * Notes that `id` was rendered at `place`: when that is its note's lead chart (in the latest
   * version, not a version from history), records it and returns the id it replaces, if any.
   */
  record(place: RenderedPlace, id: string): { previous: string | undefined } | undefined {
    if (place.history || place.line === undefined) return undefined;
    const lead = this.locate(place.file);
    if (!lead || lead.line !== place.line || (lead.column !== undefined && lead.column !== place.column))
      return undefined;
    const previous = this.ids.get(place.file);
    this.ids.set(place.file, id);
    return { previous };
  }

  /** The id of a note's lead chart, once the note has rendered. */
  lead(file: string): string | undefined {
    return this.ids.get(file);
  }

  /** Whether the note's card is drawn. */
  isDrawn(file: string): boolean {
    return this.drawn.has(file);
  }

  markDrawn(file: string): void {
    this.drawn.add(file);
  }
}
