/** Date formatting for readers. All dates are calendar dates in UTC (content dates carry no time). */

const dayFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const monthFormat = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "20 June 2025". */
export function formatDate(date: Date): string {
  return dayFormat.format(date);
}

/** "2025-06-20", for `<time datetime>` and machine-readable output. */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** A YYYY-MM edition as a Date at the first of the month (UTC). */
export function editionDate(edition: string): Date {
  return new Date(`${edition}-01T00:00:00Z`);
}

/** "May 2025" for an edition month "2025-05". */
export function formatMonth(edition: string): string {
  return monthFormat.format(editionDate(edition));
}
