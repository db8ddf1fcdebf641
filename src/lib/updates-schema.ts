import { z } from 'astro/zod';

/**
 * Corrections and revisions of a note or event, oldest first; each entry starts a new version
 * (see docs/versions.md). Shared so notes and events version the same way.
 */
export const updatesSchema = z
  .array(
    z
      .object({
        /** When the change was published (YYYY-MM-DD). */
        date: z.coerce.date(),
        /** What changed, for the change log: "Corrected April US figure". */
        summary: z.string().min(1),
      })
      .strict(),
  )
  .default([]);
