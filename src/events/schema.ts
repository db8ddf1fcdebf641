import { z } from 'astro/zod';

/** A wall-clock time at the event's location, without offset: "2025-09-22T18:00". */
const localDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$/, 'expected a local date-time such as 2025-09-22T18:00 (no offset)');

/** Frontmatter of an event page (`content/events/**\/*.mdx`). */
export const eventSchema = z
  .object({
    /** Event name as on its own materials. */
    name: z.string().min(1),
    /** One or two sentences on what it is and who it is for. */
    summary: z.string().min(1),
    /** Local start, in `timezone`. */
    start: localDateTime,
    /** Local end, in `timezone`. */
    end: localDateTime,
    /** IANA time zone of the venue, e.g. America/Toronto. */
    timezone: z.string().min(1),
    /** Where it takes place. */
    venue: z
      .object({
        name: z.string().min(1),
        address: z.string().optional(),
        city: z.string().min(1),
        country: z.string().min(1),
      })
      .strict(),
    /** Who runs it. */
    organiser: z.object({ name: z.string().min(1), url: z.url().optional() }).strict(),
    /** Where readers register. */
    registration: z.url().optional(),
    /** Whether it goes ahead as planned. */
    status: z.enum(['scheduled', 'postponed', 'rescheduled', 'cancelled', 'moved-online']).default('scheduled'),
    /** Themes of the programme. */
    themes: z.array(z.string().min(1)).default([]),
    /** Changes to the event, oldest first; each starts a new version. */
    updates: z.array(z.object({ date: z.coerce.date(), summary: z.string().min(1) }).strict()).default([]),
    /** Drafts build in dev only. */
    draft: z.boolean().default(false),
  })
  .strict();

export type EventFrontmatter = z.output<typeof eventSchema>;
