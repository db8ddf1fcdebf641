/** Date formatting for readers. All dates are calendar dates in UTC (content dates carry no time). */

import { parseCalendarMonth } from './calendar-date.ts';
import { memoised } from './memo.ts';

const dayFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const monthFormat = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** Formatted days by time value: Intl formatting is slow, and a site shows the same few dates thousands of times. */
const formatDay = memoised((time: number) => dayFormat.format(time));

/** "20 June 2025". */
export function formatDate(date: Date): string {
  return formatDay(date.getTime());
}

/** "2025-06-20", for `<time datetime>` and machine-readable output. */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** A YYYY-MM edition as a Date at the first of the month (UTC); Invalid Date for a month that does not exist. */
export function editionDate(edition: string): Date {
  return parseCalendarMonth(edition).date ?? new Date(Number.NaN);
}

/** "May 2025" for an edition month "2025-05". */
export const formatMonth = memoised((edition: string): string => monthFormat.format(editionDate(edition)));
