import { z } from 'astro/zod';
import { calendarDate } from './calendar-date.ts';

/**
 * Corrections and revisions of a note or event, oldest first; each entry starts a new version
 * (see docs/versions.md). Shared so notes and events version the same way.
 */
export const updatesSchema = z
  .array(
    z
      .object({
        /** When the change was published (YYYY-MM-DD): a day that exists, read strictly (src/lib/calendar-date.ts). */
        date: calendarDate('needs the date the change was published, as YYYY-MM-DD, e.g. date: 2025-07-04'),
        /** What changed, for the change log: "Corrected April US figure". */
        summary: z.string().min(1),
      })
      .strict(),
  )
  .default([]);
