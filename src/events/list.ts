import type { ResolvedEvent } from './event.ts';
import { eventPhase } from './status.ts';

/** The events index, split by the build date. */
export interface EventLists<T> {
  /** Not yet ended (ongoing first, then by start), soonest first. */
  upcoming: T[];
  /** Ended, newest first; past events keep their pages for good. */
  past: T[];
}

type Timed = Pick<ResolvedEvent, 'slug' | 'startInstant' | 'endInstant'>;

/** Splits events into upcoming (soonest first) and past (newest first) by `buildDate`. */
export function splitEvents<T extends Timed>(events: readonly T[], buildDate: Date): EventLists<T> {
  const upcoming: T[] = [];
  const past: T[] = [];
  for (const event of events) (eventPhase(event, buildDate) === 'past' ? past : upcoming).push(event);
  // Slug breaks ties so two events at the same time always list in the same order.
  upcoming.sort((a, b) => a.startInstant.getTime() - b.startInstant.getTime() || a.slug.localeCompare(b.slug));
  past.sort((a, b) => b.startInstant.getTime() - a.startInstant.getTime() || a.slug.localeCompare(b.slug));
  return { upcoming, past };
}

/**
 * The event the home page features: the soonest that has not ended by `buildDate`
 * and is not cancelled (a cancelled event should not be promoted); undefined if none.
 */
export function nextUpcomingEvent<T extends Timed & Pick<ResolvedEvent, 'data'>>(
  events: readonly T[],
  buildDate: Date,
): T | undefined {
  const featured = featuredEvent(events, buildDate);
  return featured?.upcoming ? featured.event : undefined;
}

/**
 * The event the home page features: the next upcoming one (`nextUpcomingEvent`) or, when none
 * is announced, the latest that took place (not cancelled), so the page never loses its events.
 */
export function featuredEvent<T extends Timed & Pick<ResolvedEvent, 'data'>>(
  events: readonly T[],
  buildDate: Date,
): { event: T; upcoming: boolean } | undefined {
  const { upcoming, past } = splitEvents(events, buildDate);
  const next = upcoming.find((event) => event.data.status !== 'cancelled');
  if (next) return { event: next, upcoming: true };
  const latest = past.find((event) => event.data.status !== 'cancelled');
  return latest && { event: latest, upcoming: false };
}
