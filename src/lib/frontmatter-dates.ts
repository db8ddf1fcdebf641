/**
 * Dates in YAML checked from their raw text, where zod cannot see it.
 *
 * Astro reads MDX frontmatter and `.yml` data entries with js-yaml, which turns an unquoted
 * `published: 2025-06-31` into a Date for 1 July 2025 (and `2025-13-45` into 14 February
 * 2026) before any schema runs. This module reads the same YAML with the `yaml` package,
 * which keeps those values as text and knows their lines, and runs the calendar-date parser
 * on them, giving the same words the zod schemas give.
 *
 * The content check (src/check/, also run first by `astro build` and in `astro dev`) reads
 * YAML with the `yaml` package, as does src/data/parse.ts, so zod sees every date as text
 * there and refuses rollover itself: it needs no call to this. This is for any reader of
 * js-yaml's output (Astro's content layer), where the text is otherwise lost.
 */
import { isMap, isScalar, isSeq, LineCounter, type Pair, parseDocument, Scalar } from 'yaml';
import { LOCAL_DATE_TIME_HINT, localDateTimeProblem } from '../events/time.ts';
import { DATE_HINT, parseCalendarDate } from './calendar-date.ts';
import { AssayError } from './errors.ts';

/**
 * Plain scalars js-yaml reads as timestamps (its YAML 1.1 `timestamp` type, copied from
 * js-yaml/lib/type/timestamp.js): only these become Dates and lose their text.
 */
const JS_YAML_DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
const JS_YAML_TIMESTAMP =
  /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?$/;

/** Whether js-yaml would hand zod a Date (with the author's text gone) for this plain scalar. */
export function becomesDateInJsYaml(text: string): boolean {
  return JS_YAML_DATE.test(text) || JS_YAML_TIMESTAMP.test(text);
}

/** A calendar date alone, or an event's local date or date-time. */
type DateKind = 'date' | 'local';

/** Where dates sit in notes, events and dataset metadata: a path of keys, '*' for each list item. */
const DATE_FIELDS: readonly { path: readonly string[]; kind: DateKind }[] = [
  { path: ['published'], kind: 'date' },
  { path: ['updates', '*', 'date'], kind: 'date' },
  { path: ['asOf'], kind: 'date' },
  { path: ['start'], kind: 'local' },
  { path: ['end'], kind: 'local' },
  { path: ['previousStart'], kind: 'local' },
  { path: ['days', '*', 'date'], kind: 'date' },
];

/** Why `text` is not a date of this kind, in the words the zod schemas use; undefined when it is one. */
function dateProblem(text: string, kind: DateKind): string | undefined {
  if (kind === 'local') return localDateTimeProblem(text);
  return parseCalendarDate(text).problem;
}

const HINTS: Record<DateKind, string> = { date: DATE_HINT, local: LOCAL_DATE_TIME_HINT };

/**
 * Every date in `published`, `updates[].date`, `asOf`, and an event's `start`, `end`,
 * `previousStart` and `days[].date` that js-yaml would turn into a Date although it is not
 * a real day in the expected form (rollover such as 2025-06-31, a month 13, a time where a
 * day is meant). `yamlText` is the text between the `---` lines (or a whole `.yml` file);
 * `firstLine` is the file line of its first line (2 for frontmatter after an opening `---`
 * on line 1). Each problem is placed at the field's key, as the content check places zod's.
 *
 * Quoted and other non-timestamp values are left to the zod schemas, which see their text
 * and say the same thing, so no problem is reported twice. Unreadable YAML gives nothing
 * here: the schema or the content check reports it.
 */
export function checkFrontmatterDates(yamlText: string, file: string, firstLine = 2): AssayError[] {
  const lines = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter: lines });
  if (doc.errors.length > 0) return [];
  const problems: AssayError[] = [];
  for (const field of DATE_FIELDS) {
    for (const { pair, name } of pairsAt(doc.contents, field.path, '')) {
      const value = pair.value;
      if (!isScalar(value) || value.type !== Scalar.PLAIN || typeof value.value !== 'string') continue;
      if (!becomesDateInJsYaml(value.value)) continue;
      const problem = dateProblem(value.value, field.kind);
      if (!problem) continue;
      const { line, col } = lines.linePos((pair.key as Scalar).range?.[0] ?? 0);
      problems.push(
        new AssayError(`${name}: ${problem}`, {
          file,
          line: firstLine - 1 + line,
          column: col,
          hint: HINTS[field.kind],
        }),
      );
    }
  }
  return problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

/** The key/value pairs at a path ('*' walks every item of a list), named as the content check names paths: "updates.0.date". */
function* pairsAt(node: unknown, path: readonly string[], prefix: string): Generator<{ pair: Pair; name: string }> {
  const [key, ...rest] = path;
  if (key === undefined) return;
  if (key === '*') {
    if (!isSeq(node)) return;
    for (const [index, item] of node.items.entries()) yield* pairsAt(item, rest, `${prefix}.${index}`);
    return;
  }
  if (!isMap(node)) return;
  const pair = node.items.find((item) => isScalar(item.key) && item.key.value === key);
  if (!pair) return;
  const name = prefix ? `${prefix}.${key}` : key;
  if (rest.length === 0) yield { pair: pair as Pair, name };
  else yield* pairsAt(pair.value, rest, name);
}

/** An MDX file's frontmatter text, as Astro cuts it (an opening `---` on the first line). */
const FRONTMATTER = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/** The dates of one file's text: frontmatter for `.md`/`.mdx`, the whole text for `.yml`/`.yaml`. */
export function checkFileDates(text: string, file: string): AssayError[] {
  if (/\.ya?ml$/i.test(file)) return checkFrontmatterDates(text.replace(/^\uFEFF/, ''), file, 1);
  const match = FRONTMATTER.exec(text);
  return match ? checkFrontmatterDates(match[1] ?? '', file, 2) : [];
}
