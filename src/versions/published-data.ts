import { AS_OF_NEEDED, type DatasetMeta } from '../data/schema.ts';
import { AssayError } from '../lib/errors.ts';

/**
 * Rules for data that published pages show, in the working tree only (history renders as it
 * was): each such dataset states its own "as of" date, which is what charts print.
 */

/** A dataset named by a published (not draft) note or event. */
export interface DatasetUse {
  /** Project-relative path of the note or event. */
  file: string;
  /** Dataset name, as in `data="…"`. */
  dataset: string;
}

/**
 * One problem per dataset a published page uses whose metadata has no `asOf`, naming the first
 * page that uses it. `metaOf` gives the working tree's metadata, or undefined when the dataset
 * cannot be read (its own problem is reported elsewhere).
 */
export function missingAsOfProblems(
  uses: readonly DatasetUse[],
  metaOf: (dataset: string) => DatasetMeta | undefined,
): AssayError[] {
  const seen = new Set<string>();
  const problems: AssayError[] = [];
  for (const use of uses) {
    if (seen.has(use.dataset)) continue;
    seen.add(use.dataset);
    const meta = metaOf(use.dataset);
    if (!meta || meta.asOf) continue;
    problems.push(
      new AssayError(
        `missing required field 'asOf': the dataset ${AS_OF_NEEDED.replace(/, e\.g\. .*$/, '')} (${use.file} shows it, and its charts say "data as of" that date)`,
        {
          file: `data/${use.dataset}.yml`,
          line: 1,
          column: 1,
          hint: 'add e.g. asOf: 2025-06-20, the day the source published the newest figures in the file (never the date of a commit)',
        },
      ),
    );
  }
  return problems;
}

/** Datasets an MDX text names in `data="…"` on Chart, Value and Change. */
export function datasetsNamedIn(text: string): { name: string; latest: boolean }[] {
  const found = new Map<string, boolean>();
  const tag = /<(?:Chart|Value|Change)\b([^>]*?)\/?>/gs;
  for (const match of text.matchAll(tag)) {
    const attributes = match[1] ?? '';
    const name = /\bdata=["']([^"']+)["']/.exec(attributes)?.[1];
    if (!name) continue;
    const latest = /\bvintage=["']latest["']/.test(attributes);
    found.set(name, (found.get(name) ?? false) || latest);
  }
  return [...found].map(([name, latest]) => ({ name, latest })).sort((a, b) => a.name.localeCompare(b.name));
}
