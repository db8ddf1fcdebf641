/**
 * Wall-clock time at an event's location, and the instants it stands for.
 *
 * Authors write local date-times ("2025-09-22T18:00") plus an IANA zone; everything
 * else (UTC instants, offsets, "EDT") is derived here from the platform's Intl time-zone
 * data, so there is no hand-written DST table to go stale.
 */
import { calendarProblem, DATE_FORM, MONTH_NAMES } from '../lib/calendar-date.ts';

/** A calendar date and optional wall-clock time, as the author wrote it. */
export interface LocalDateTime {
  year: number;
  /** 1-12 */
  month: number;
  /** 1-31 */
  day: number;
  /** 0-23; 0 for a date without time. */
  hour: number;
  /** 0-59 */
  minute: number;
  /** True when the author gave a time, false for a date alone (all-day). */
  hasTime: boolean;
}

const LOCAL_PATTERN = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/;
const MINUTE = 60_000;
const DAY = 86_400_000;

/** Parses "2025-09-22" or "2025-09-22T18:00"; undefined when it is not a real date and time. */
export function parseLocalDateTime(text: string): LocalDateTime | undefined {
  const read = readLocalDateTime(text);
  return typeof read === 'string' ? undefined : read;
}

/**
 * Why `text` is not a local date or date-time, in a sentence naming the expected form;
 * undefined when it is one. Days are checked by the same calendar rule as every other date.
 */
export function localDateTimeProblem(text: string): string | undefined {
  const read = readLocalDateTime(text);
  return typeof read === 'string' ? read : undefined;
}

const LOCAL_FORM = `${DATE_FORM} or ${DATE_FORM}THH:MM`;

/** What to do about a local date-time that is not one. */
export const LOCAL_DATE_TIME_HINT = `write a day that exists, as ${DATE_FORM} (all day) or ${DATE_FORM}THH:MM local time, e.g. 2025-09-22T18:00`;

function readLocalDateTime(text: string): LocalDateTime | string {
  const match = LOCAL_PATTERN.exec(text);
  if (!match) return `'${text}' is not a date or local date-time in the form ${LOCAL_FORM}, e.g. 2025-09-22T18:00`;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const hasTime = match[4] !== undefined;
  const hour = hasTime ? Number(match[4]) : 0;
  const minute = hasTime ? Number(match[5]) : 0;
  const problem =
    calendarProblem(year, month, day) ??
    (hour > 23 ? `there is no hour ${hour}` : minute > 59 ? `there is no minute ${minute}` : undefined);
  if (problem)
    return `'${text}' is not a real ${hasTime ? 'date and time' : 'date'} (${problem}); expected ${LOCAL_FORM}`;
  return { year, month, day, hour, minute, hasTime };
}

/** Parses a session time of day, "18:00", into minutes after midnight; undefined if invalid. */
export function parseTimeOfDay(text: string): number | undefined {
  const match = /^(\d{2}):(\d{2})$/.exec(text);
  if (!match) return undefined;
  const [hour, minute] = [Number(match[1]), Number(match[2])];
  // 24:00 closes a session that runs to midnight.
  if (hour === 24 && minute === 0) return 24 * 60;
  return hour <= 23 && minute <= 59 ? hour * 60 + minute : undefined;
}

/** "2025-09-22": the date part, as written, for comparisons and machine-readable output. */
export function isoLocalDate(local: LocalDateTime): string {
  return `${pad(local.year, 4)}-${pad(local.month)}-${pad(local.day)}`;
}

/** The local date `days` later (calendar arithmetic, no zone involved). */
export function addDays(local: LocalDateTime, days: number): LocalDateTime {
  const date = new Date(Date.UTC(local.year, local.month - 1, local.day + days));
  return { ...local, year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** True when Intl knows the zone (IANA name such as America/Toronto, or UTC). */
export function isKnownTimeZone(zone: string): boolean {
  // Intl also accepts offsets ("+05:00") on newer Node; those are not places and have no DST.
  if (!/^[A-Za-z]/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Intl's own spelling of a zone name, e.g. "america/toronto" → "America/Toronto". */
export function canonicalTimeZone(zone: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
}

const partsFormats = new Map<string, Intl.DateTimeFormat>();
function partsFormat(zone: string): Intl.DateTimeFormat {
  let format = partsFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    partsFormats.set(zone, format);
  }
  return format;
}

/** The wall-clock reading in `zone` at `instant`. */
export function toLocal(instant: Date, zone: string): LocalDateTime {
  const parts: Record<string, number> = {};
  for (const part of partsFormat(zone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year as number,
    month: parts.month as number,
    day: parts.day as number,
    hour: parts.hour as number,
    minute: parts.minute as number,
    hasTime: true,
  };
}

/** UTC offset of `zone` at `instant`, in minutes east of Greenwich (Toronto in summer: -240). */
export function offsetMinutes(instant: Date, zone: string): number {
  // Compare the wall clock with UTC at whole seconds: the difference is the offset.
  const whole = Math.floor(instant.getTime() / 1000) * 1000;
  const parts: Record<string, number> = {};
  for (const part of partsFormat(zone).formatToParts(new Date(whole))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const wall = Date.UTC(
    parts.year as number,
    (parts.month as number) - 1,
    parts.day as number,
    parts.hour as number,
    parts.minute as number,
    parts.second as number,
  );
  return Math.round((wall - whole) / MINUTE);
}

/**
 * The instant a wall-clock time in `zone` stands for.
 *
 * Around DST changes a wall-clock time can be missing (spring forward) or happen twice
 * (fall back). Like Temporal's "compatible" rule: a missing time moves forward by the gap
 * (02:30 → 03:30), a repeated time takes the first (earlier) occurrence.
 */
export function localToInstant(local: LocalDateTime, zone: string): Date {
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  // The offsets in force a day either side cover any single transition near this time.
  const before = offsetMinutes(new Date(asUtc - DAY), zone);
  const after = offsetMinutes(new Date(asUtc + DAY), zone);
  const candidates = [...new Set([before, after])]
    .map((offset) => asUtc - offset * MINUTE)
    .filter((instant) => sameWallClock(toLocal(new Date(instant), zone), local))
    .sort((a, b) => a - b);
  const first = candidates[0];
  if (first !== undefined) return new Date(first);
  // In the gap: read the wall time with the offset from before the change.
  return new Date(asUtc - before * MINUTE);
}

function sameWallClock(a: LocalDateTime, b: LocalDateTime): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day && a.hour === b.hour && a.minute === b.minute;
}

/** "-04:00" for -240 minutes; "+05:30"; "+00:00". */
export function formatOffset(minutes: number, separator = ':'): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}${separator}${pad(abs % 60)}`;
}

/** ISO 8601 with the zone's offset at that instant: "2025-09-22T18:00:00-04:00". */
export function isoWithOffset(instant: Date, zone: string): string {
  const local = toLocal(instant, zone);
  const offset = offsetMinutes(instant, zone);
  return `${isoLocalDate(local)}T${pad(local.hour)}:${pad(local.minute)}:00${formatOffset(offset)}`;
}

const nameFormats = new Map<string, Intl.DateTimeFormat>();
function zoneName(instant: Date, zone: string, locale: string, style: 'short' | 'long'): string {
  const key = `${locale}|${style}|${zone}`;
  let format = nameFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: style });
    nameFormats.set(key, format);
  }
  return format.formatToParts(instant).find((part) => part.type === 'timeZoneName')?.value ?? zone;
}

/**
 * The zone's abbreviation at `instant`: "EDT", "BST", "CEST"; "GMT+9" where none is in use.
 *
 * CLDR only knows an abbreviation in locales where it is common (EDT in en-US, BST in en-GB),
 * so both are asked, and the first real abbreviation wins over a "GMT+n" fallback.
 */
export function zoneAbbreviation(instant: Date, zone: string): string {
  let fallback = '';
  for (const locale of ['en-US', 'en-GB']) {
    const name = zoneName(instant, zone, locale, 'short');
    if (!/^GMT[+-]/.test(name)) return name;
    fallback ||= name;
  }
  return fallback;
}

/** The zone's long name at `instant`: "Eastern Daylight Time". */
export function zoneLongName(instant: Date, zone: string): string {
  return zoneName(instant, zone, 'en-GB', 'long');
}

/** "Toronto" for America/Toronto, "Ho Chi Minh" for Asia/Ho_Chi_Minh: a place readers recognise. */
export function zoneCity(zone: string): string {
  return (zone.split('/').at(-1) ?? zone).replaceAll('_', ' ');
}

/** "22 September 2025". */
export function formatLocalDate(local: LocalDateTime): string {
  return `${local.day} ${MONTH_NAMES[local.month - 1]} ${local.year}`;
}

/** "Monday 22 September 2025" (weekday from the calendar date, not from any zone). */
export function formatLocalDateWithWeekday(local: LocalDateTime): string {
  const weekday = new Date(Date.UTC(local.year, local.month - 1, local.day)).toLocaleDateString('en-GB', {
    weekday: 'long',
    timeZone: 'UTC',
  });
  return `${weekday} ${formatLocalDate(local)}`;
}

/** "18:00": 24-hour clock, as in en-GB. */
export function formatLocalTime(local: LocalDateTime): string {
  return `${pad(local.hour)}:${pad(local.minute)}`;
}

/**
 * Dates without repeating what the two ends share: "22–24 September 2025",
 * "30 September – 2 October 2025", "30 December 2025 – 2 January 2026".
 */
export function formatDateRange(start: LocalDateTime, end: LocalDateTime): string {
  if (start.year !== end.year) return `${formatLocalDate(start)} – ${formatLocalDate(end)}`;
  if (start.month !== end.month) return `${start.day} ${MONTH_NAMES[start.month - 1]} – ${formatLocalDate(end)}`;
  if (start.day !== end.day) return `${start.day}–${formatLocalDate(end)}`;
  return formatLocalDate(start);
}

/** Everything `formatEventWhen` needs: local ends, their instants and the zone. */
export interface ZonedSpan {
  /** Local start as written. */
  start: LocalDateTime;
  /** Local end as written (for all-day spans, the last day, inclusive). */
  end: LocalDateTime;
  /** Instant of the start. */
  startInstant: Date;
  /** Instant of the end (for all-day spans, midnight after the last day). */
  endInstant: Date;
  /** IANA zone. */
  timezone: string;
  /** True when start and end are dates without times. */
  allDay: boolean;
  /** Place named before "time", e.g. "Toronto"; defaults to the zone's city. */
  place?: string;
}

/**
 * When the event happens, in its own zone with the zone named:
 * "22–24 September 2025, Toronto time (EDT)",
 * "22 September 2025, 18:00–21:00 Toronto time (EDT)",
 * "1 November 2025, 09:00 EDT – 3 November 2025, 17:00 EST, Toronto time" (across a DST change).
 */
export function formatEventWhen(span: ZonedSpan): string {
  const place = `${span.place ?? zoneCity(span.timezone)} time`;
  const startAbbr = zoneAbbreviation(span.startInstant, span.timezone);
  // The last moment of the event is what a reader sees on the clock at the end.
  const endAbbr = zoneAbbreviation(new Date(span.endInstant.getTime() - 1), span.timezone);
  if (span.allDay) {
    const zone = startAbbr === endAbbr ? startAbbr : `${startAbbr}/${endAbbr}`;
    return `${formatDateRange(span.start, span.end)}, ${place} (${zone})`;
  }
  const sameDay = isoLocalDate(span.start) === isoLocalDate(span.end);
  if (startAbbr !== endAbbr) {
    const from = `${formatLocalDate(span.start)}, ${formatLocalTime(span.start)} ${startAbbr}`;
    const to = sameDay
      ? `${formatLocalTime(span.end)} ${endAbbr}`
      : `${formatLocalDate(span.end)}, ${formatLocalTime(span.end)} ${endAbbr}`;
    return `${from} – ${to}, ${place}`;
  }
  if (sameDay) {
    return `${formatLocalDate(span.start)}, ${formatLocalTime(span.start)}–${formatLocalTime(span.end)} ${place} (${startAbbr})`;
  }
  return `${formatLocalDate(span.start)}, ${formatLocalTime(span.start)} – ${formatLocalDate(span.end)}, ${formatLocalTime(span.end)}, ${place} (${startAbbr})`;
}

/** "20250922T180000": iCalendar's basic format for a local or UTC date-time (no "Z"). */
export function basicDateTime(local: LocalDateTime): string {
  return `${pad(local.year, 4)}${pad(local.month)}${pad(local.day)}T${pad(local.hour)}${pad(local.minute)}00`;
}

/** "20250922": iCalendar's basic format for a date. */
export function basicDate(local: LocalDateTime): string {
  return `${pad(local.year, 4)}${pad(local.month)}${pad(local.day)}`;
}

/** "20250922T220000Z": an instant in UTC, basic format. */
export function basicUtc(instant: Date): string {
  return instant
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}
