/**
 * VTIMEZONE components generated from the platform's Intl time-zone data.
 *
 * Why not UTC times: with TZID the calendar client keeps the event in its own zone
 * ("09:00 Toronto time"), exactly as the page states it, and the file stays readable.
 * Why generated: RFC 5545 wants a VTIMEZONE for every TZID, and Intl already knows the
 * zone's offsets, so we list the actual transitions around the event (no RRULE to get
 * wrong) instead of shipping a copy of the tz database.
 */
import { basicDateTime, offsetMinutes, zoneAbbreviation } from './time.ts';

const SECOND = 1000;
const DAY = 86_400_000;

/** A change of UTC offset in a zone. */
export interface OffsetTransition {
  /** First instant at the new offset. */
  instant: Date;
  /** Offset before, minutes east of UTC. */
  from: number;
  /** Offset after, minutes east of UTC. */
  to: number;
}

/** Offset changes in `zone` after `from` and up to `to`, found by daily steps then bisection. */
export function offsetTransitions(zone: string, from: Date, to: Date): OffsetTransition[] {
  const found: OffsetTransition[] = [];
  let t = from.getTime();
  let offset = offsetMinutes(from, zone);
  while (t < to.getTime()) {
    const next = Math.min(t + DAY, to.getTime());
    const nextOffset = offsetMinutes(new Date(next), zone);
    if (nextOffset !== offset) {
      // Narrow (t, next] down to the second the offset changes.
      let lo = t;
      let hi = next;
      while (hi - lo > SECOND) {
        const mid = lo + Math.floor((hi - lo) / 2 / SECOND) * SECOND;
        if (offsetMinutes(new Date(mid), zone) === offset) lo = mid;
        else hi = mid;
      }
      found.push({ instant: new Date(hi), from: offset, to: nextOffset });
      offset = nextOffset;
    }
    t = next;
  }
  return found;
}

/**
 * Unfolded VTIMEZONE lines for `zone`, valid for every instant from `from` to `to`:
 * the observance in force at `from` (its latest onset within a year, or a fixed offset
 * for zones without changes) plus each transition up to `to`.
 */
export function vtimezoneLines(zone: string, from: Date, to: Date): string[] {
  const lookBack = new Date(from.getTime() - 366 * DAY);
  const before = offsetTransitions(zone, lookBack, from);
  const during = offsetTransitions(zone, from, to);
  const lines = ['BEGIN:VTIMEZONE', `TZID:${zone}`];
  const current = before.at(-1);
  if (current) {
    lines.push(...observance(zone, current));
  } else {
    // No change for a year: a single standard observance with the zone's fixed offset.
    const offset = offsetMinutes(from, zone);
    lines.push(...observanceLines('STANDARD', '19700101T000000', offset, offset, zoneAbbreviation(from, zone)));
  }
  for (const transition of during) lines.push(...observance(zone, transition));
  lines.push('END:VTIMEZONE');
  return lines;
}

function observance(zone: string, transition: OffsetTransition): string[] {
  // RFC 5545: an observance's DTSTART is the onset in the local time in force before it.
  const wall = new Date(transition.instant.getTime() + transition.from * 60_000);
  const onset = {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    hasTime: true,
  };
  const kind = transition.to > transition.from ? 'DAYLIGHT' : 'STANDARD';
  return observanceLines(
    kind,
    basicDateTime(onset),
    transition.from,
    transition.to,
    zoneAbbreviation(transition.instant, zone),
  );
}

function observanceLines(kind: string, dtstart: string, from: number, to: number, name: string): string[] {
  return [
    `BEGIN:${kind}`,
    `DTSTART:${dtstart}`,
    `TZOFFSETFROM:${icsOffset(from)}`,
    `TZOFFSETTO:${icsOffset(to)}`,
    `TZNAME:${name}`,
    `END:${kind}`,
  ];
}

/** "-0400": iCalendar's UTC-OFFSET form. */
function icsOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}
