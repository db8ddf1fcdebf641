import type { ResolvedEvent } from './event.ts';
import type { EventStatus } from './schema.ts';

/** Where an event stands relative to the build date. */
export type EventPhase = 'upcoming' | 'ongoing' | 'past';

/**
 * Upcoming before it starts, ongoing while it runs, past once it has ended,
 * judged by the build date (never the wall clock, so rebuilds are reproducible).
 */
export function eventPhase(event: Pick<ResolvedEvent, 'startInstant' | 'endInstant'>, buildDate: Date): EventPhase {
  const now = buildDate.getTime();
  if (now < event.startInstant.getTime()) return 'upcoming';
  if (now < event.endInstant.getTime()) return 'ongoing';
  return 'past';
}

/** What the registration call to action shows. */
export type RegistrationCta =
  /** A link to register. */
  | { state: 'open'; label: string; url: string; price?: string }
  /** No link: registration closed, sold out, the event is over or called off. */
  | { state: 'closed' | 'sold-out' | 'ended' | 'cancelled'; label: string }
  /** The event has no registration at all. */
  | { state: 'none' };

/**
 * The registration call to action by build date and status: "Register" while open,
 * "Registration closed", "Sold out", "This event has ended" once past,
 * "This event has been cancelled" when it is called off.
 */
export function registrationCta(event: ResolvedEvent, buildDate: Date): RegistrationCta {
  if (eventPhase(event, buildDate) === 'past') return { state: 'ended', label: 'This event has ended' };
  if (event.data.status === 'cancelled') return { state: 'cancelled', label: 'This event has been cancelled' };
  const registration = event.data.registration;
  if (!registration) return { state: 'none' };
  if (registration.status === 'closed') return { state: 'closed', label: 'Registration closed' };
  if (registration.status === 'sold-out') return { state: 'sold-out', label: 'Sold out: registration closed' };
  return { state: 'open', label: 'Register', url: registration.url, price: registration.price };
}

/** A banner for an event that is not going ahead as first announced. */
export interface StatusBanner {
  /** Short, for lists: "Cancelled". */
  label: string;
  /** A sentence for the top of the page. */
  message: string;
  /** Visual weight: cancelled is a warning, the rest are notices. */
  tone: 'notice' | 'warning';
}

const banners: Record<Exclude<EventStatus, 'scheduled'>, StatusBanner> = {
  postponed: {
    label: 'Postponed',
    message: 'This event has been postponed. The dates below are no longer confirmed; new dates will be announced.',
    tone: 'notice',
  },
  rescheduled: {
    label: 'Rescheduled',
    message: 'This event has been rescheduled to the dates shown below.',
    tone: 'notice',
  },
  cancelled: { label: 'Cancelled', message: 'This event has been cancelled.', tone: 'warning' },
  'moved-online': {
    label: 'Moved online',
    message: 'This event has moved online; it takes place on the dates shown, with no in-person venue.',
    tone: 'notice',
  },
};

/** The banner for a status, or undefined when the event is scheduled as announced. */
export function statusBanner(status: EventStatus): StatusBanner | undefined {
  return status === 'scheduled' ? undefined : banners[status];
}
