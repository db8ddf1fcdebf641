import { readFrontmatter } from '../check/frontmatter.ts';
import { readCalendarDate } from '../lib/calendar-date.ts';
import { isoDate } from '../lib/dates.ts';
import { AssayError } from '../lib/errors.ts';

/**
 * Readers see content dates: version 1 is dated by `published`, each later version by its
 * `updates` entry. Those dates must not go back in time, or a page would say "Updated 1 June"
 * above "Published 20 June" and `/versions.json` would contradict itself. Checked in the working
 * tree only (by the build and by `npm run check:content`): history renders as it was.
 */

/** Where a frontmatter field is written in the file. */
type At = (path: readonly PropertyKey[]) => { line: number; column: number };

const ORDER_HINT =
  'date each update the day it was published, on or after the publication date and the update before it; list updates oldest first';

/**
 * Problems with the dates of `updates` in parsed frontmatter (raw YAML values): an entry dated
 * before `published`, or before the entry above it. Unreadable dates are left to the schema.
 */
export function updateDateProblems(data: Record<string, unknown> | undefined, at: At, file: string): AssayError[] {
  const published = readCalendarDate(data?.published);
  const updates = Array.isArray(data?.updates) ? (data.updates as unknown[]) : [];
  const problems: AssayError[] = [];
  let previous: { date: Date; index: number } | undefined;
  updates.forEach((entry, index) => {
    const date = readCalendarDate((entry as { date?: unknown } | null)?.date);
    if (!date) return;
    const where = { file, ...at(['updates', index, 'date']), hint: ORDER_HINT };
    if (published && date < published) {
      problems.push(
        new AssayError(
          `updates.${index}.date: ${isoDate(date)} is before the publication date (published: ${isoDate(published)}); an update cannot come before what it updates`,
          where,
        ),
      );
    } else if (previous && date < previous.date) {
      problems.push(
        new AssayError(
          `updates.${index}.date: ${isoDate(date)} is before the update above it (updates.${previous.index}.date: ${isoDate(previous.date)}); versions cannot go back in time`,
          where,
        ),
      );
    }
    if (!previous || date >= previous.date) previous = { date, index };
  });
  // A withdrawal is the last thing that happens to a note: not before what it withdraws.
  const withdrawn = data?.withdrawn as { date?: unknown } | undefined;
  const date = readCalendarDate(withdrawn?.date);
  const last = previous ?? (published ? { date: published, index: -1 } : undefined);
  if (date && last && date < last.date) {
    const what =
      last.index === -1
        ? `the publication date (published: ${isoDate(last.date)})`
        : `the last update (updates.${last.index}.date: ${isoDate(last.date)})`;
    problems.push(
      new AssayError(
        `withdrawn.date: ${isoDate(date)} is before ${what}; a note cannot be withdrawn before it was published`,
        {
          file,
          ...at(['withdrawn', 'date']),
          hint: 'date the withdrawal the day it was announced, on or after the publication date and every update',
        },
      ),
    );
  }
  return problems;
}

const FRONTMATTER = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/** The same check on a file's text, for the build (which has no parsed frontmatter with positions). */
export function updateDateProblemsInText(text: string, file: string): AssayError[] {
  const match = FRONTMATTER.exec(text);
  // Most files have no updates: nothing to check, and no YAML to parse with positions.
  if (!match || !/^(updates|withdrawn)\s*:/m.test(match[1] ?? '')) return [];
  // The opening --- is line 1, so the YAML's first line is line 2 of the file.
  const front = readFrontmatter(match[1] ?? '', 1, file);
  return front.problems.length > 0 ? [] : updateDateProblems(front.data, front.at, file);
}
