/**
 * Calendar dates read strictly from the text an author wrote: the one parser for dates in
 * frontmatter (`published`, `updates[].date`, event dates), dataset metadata (`asOf`) and
 * the versions reader, so a page, its versions and its feeds cannot disagree on a date.
 *
 * A date is a day on the calendar, not an instant: "2025-06-20" is read as UTC midnight,
 * whatever the machine's time zone, and formatted in UTC (src/lib/dates.ts). Rollover is
 * refused: JavaScript's Date, js-yaml and d3's parsers all read "2025-06-31" as 1 July and
 * "2025-13-45" as 14 February 2026, which printed a wrong date without a word.
 */
import { z } from 'astro/zod';
import { utcFormat, utcParse } from 'd3-time-format';

/** The form of a calendar date, as messages name it. */
export const DATE_FORM = 'YYYY-MM-DD';
/** The form of a month, as messages name it. */
export const MONTH_FORM = 'YYYY-MM';

/** What to do about a date that is not one, as every reader's hint says it. */
export const DATE_HINT = `write a day that exists, as ${DATE_FORM}, e.g. 2025-06-20`;

/** A date, or why the text is not one (a sentence naming the text and the expected form). */
export type CalendarResult = { date: Date; problem?: undefined } | { date?: undefined; problem: string };

/** English month names, January first (the site's dates are British English: "20 June 2025"). */
export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** Days in a month of the proleptic Gregorian calendar (month 1-12). */
function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const isLeapYear = (year: number) => daysInMonth(year, 2) === 29;

/**
 * Why year-month-day is not a real day, e.g. "June 2025 has 30 days"; undefined when it is.
 * Shared with the events' local date-times (src/events/time.ts), so every reader agrees.
 */
export function calendarProblem(year: number, month: number, day = 1): string | undefined {
  if (month < 1 || month > 12) return `there is no month ${month}`;
  if (day < 1) return `there is no day ${day}`;
  const days = daysInMonth(year, month);
  if (day <= days) return undefined;
  const leap = month === 2 ? `; ${year} is ${isLeapYear(year) ? '' : 'not '}a leap year` : '';
  return `${MONTH_NAMES[month - 1]} ${year} has ${days} days${leap}`;
}

/** UTC midnight of a day already known to be real (Date.UTC maps years 0-99 to 1900-1999; setUTCFullYear does not). */
function utcMidnight(year: number, month: number, day: number): Date {
  const date = new Date(Date.UTC(2000, month - 1, day));
  date.setUTCFullYear(year);
  return date;
}

const DATE_TEXT = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_TEXT = /^(\d{4})-(\d{2})$/;

/** Reads "2025-06-20" as UTC midnight of that day; refuses other forms and days that do not exist. */
export function parseCalendarDate(text: string): CalendarResult {
  const match = DATE_TEXT.exec(text);
  if (!match) return { problem: `'${text}' is not a date in the form ${DATE_FORM}, e.g. 2025-06-20` };
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const problem = calendarProblem(year, month, day);
  if (problem) return { problem: `'${text}' is not a real date (${problem}); expected ${DATE_FORM}` };
  return { date: utcMidnight(year, month, day) };
}

/** Reads a month "2025-06" as UTC midnight on its first day; refuses month 0 and 13. */
export function parseCalendarMonth(text: string): CalendarResult {
  const match = MONTH_TEXT.exec(text);
  if (!match) return { problem: `'${text}' is not a month in the form ${MONTH_FORM}, e.g. 2025-06` };
  const [year, month] = [Number(match[1]), Number(match[2])];
  const problem = calendarProblem(year, month);
  if (problem) return { problem: `'${text}' is not a real month (${problem}); expected ${MONTH_FORM}` };
  return { date: utcMidnight(year, month, 1) };
}

/** True for a valid Date at UTC midnight: a calendar day, as YAML's timestamps and this parser give it. */
export function isUtcMidnight(date: Date): boolean {
  return !Number.isNaN(date.getTime()) && date.getTime() % 86_400_000 === 0;
}

/**
 * A date from history (versions at earlier commits), read leniently: the same strict parser,
 * but a value it cannot read is undefined rather than an error, so history that built once
 * keeps building. A Date is one js-yaml made (Astro's frontmatter parser) and is kept as is.
 */
export function readCalendarDate(value: unknown): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  if (typeof value !== 'string') return undefined;
  return parseCalendarDate(value.trim()).date;
}

/**
 * A zod schema for a calendar date field: accepts the raw text ("2025-06-20", strictly) or a
 * Date, and gives a Date (UTC midnight for text). `required` is the message when the field is missing
 * or not a date at all, e.g. "needs the first publication date as YYYY-MM-DD, e.g. published: 2025-06-20".
 *
 * Why a Date is accepted: Astro parses MDX frontmatter and `.yml` data entries with js-yaml,
 * which turns an unquoted `2025-06-31` into a Date for 1 July before zod sees it; the raw
 * text is gone by then, and history must keep building as it did. Rollover in the working
 * tree is still caught from the raw text: the content check (src/check/, which `astro build`
 * runs first and `astro dev` runs on every edit) and src/data/parse.ts read YAML with the
 * `yaml` package, which keeps dates as strings, so this schema parses their text strictly.
 */
export function calendarDate(required: string) {
  return (
    z
      .unknown()
      .transform((value, ctx): Date => {
        if (value instanceof Date && !Number.isNaN(value.getTime())) return value;
        if (typeof value === 'string') {
          const result = parseCalendarDate(value.trim());
          if (result.date) return result.date;
          ctx.addIssue({ code: 'custom', message: result.problem, input: value, params: { hint: DATE_HINT } });
          return z.NEVER;
        }
        ctx.addIssue({ code: 'invalid_type', expected: 'date', message: required, input: value });
        return z.NEVER;
      })
      // What editors see in the collection's JSON schema (Astro writes it from the input side).
      .meta({ type: 'string', format: 'date', description: `a calendar date, ${DATE_FORM}` })
  );
}

/**
 * A strict d3-time-format parser for CSV date cells in a declared pattern ("%Y-%m", "%d/%m/%Y"):
 * `utcParse(pattern)`, then the date is formatted back with `utcFormat(pattern)` and must give
 * the cell's text again. d3 rolls over ("2025-06-31" → 1 July, month 13 → next January) and
 * forgives missing zero padding; neither round-trips, so both are refused (null). The cell
 * should be trimmed first. Dates are UTC, so no reader's time zone moves a day.
 */
export function strictUtcParse(pattern: string): (text: string) => Date | null {
  const parse = utcParse(pattern);
  const format = utcFormat(pattern);
  return (text: string) => {
    const date = parse(text);
    if (date === null || Number.isNaN(date.getTime())) return null;
    return format(date) === text ? date : null;
  };
}
