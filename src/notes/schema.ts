import { z } from 'astro/zod';
import { calendarDate } from '../lib/calendar-date.ts';
import { historicUrl, safeUrl } from '../lib/safe-url.ts';
import { updatesSchema } from '../lib/updates-schema.ts';

/** A month as YYYY-MM, e.g. "2025-06". */
const month = z
  .string({ error: 'needs the month the note is about, as YYYY-MM, e.g. edition: 2025-06' })
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected a month as YYYY-MM, e.g. 2025-06');

/** Published sources: a name, and a link that only opens a page or a mail client (src/lib/safe-url.ts). */
function sourcesSchema<T extends z.ZodType<string | undefined, string>>(url: T) {
  return z.array(z.object({ name: z.string().min(1), url: url.optional() }).strict()).default([]);
}

/** Frontmatter of a market note (`content/notes/**\/*.mdx`). */
export const noteSchema = z
  .object({
    /** Headline: states the finding, as a reader skimming the archive should see it. */
    title: z.string({ error: 'needs a headline, e.g. title: "China\'s magnet exports fell 77% in two months"' }).min(1),
    /** One-sentence summary shown under the headline, in lists, feeds and previews. */
    dek: z.string({ error: 'needs a one-sentence summary, e.g. dek: "May shipments fell to 1,238 tonnes."' }).min(1),
    /** Date the note was first published (YYYY-MM-DD): a day that exists, read strictly (src/lib/calendar-date.ts). */
    published: calendarDate('needs the first publication date as YYYY-MM-DD, e.g. published: 2025-06-20'),
    /** The month the note is about, as YYYY-MM; notes are archived by it. */
    edition: month,
    /** Names of the analysts who wrote it. */
    authors: z.array(z.string().min(1), { error: 'needs a list of authors, e.g. authors: [Jane Analyst]' }).min(1),
    /** Topic slugs or names it is filed under, e.g. "magnets", "export controls". */
    topics: z.array(z.string().min(1)).default([]),
    /** Published sources the note relies on. */
    sources: sourcesSchema(safeUrl()),
    /** Drafts build in `npm run dev` only, never into `dist/`. */
    draft: z.boolean().default(false),
    /** Corrections and revisions, oldest first; each entry starts a new version of the note. */
    updates: updatesSchema,
    /**
     * Withdrawn: the note's URL shows a withdrawal notice saying when and why, every version stays
     * at its /vN/, and the note leaves lists, feeds, the sitemap and search (docs/versions.md).
     */
    withdrawn: z
      .object({
        date: calendarDate('needs the date the note was withdrawn, as YYYY-MM-DD, e.g. date: 2025-09-01'),
        reason: z
          .string({ error: 'needs the reason readers are given, e.g. reason: "The source retracted its figures."' })
          .min(1),
      })
      .strict()
      .optional(),
    /** Earlier URL paths of this note (e.g. "/notes/old-slug/"), redirected here. */
    aliases: z.array(z.string().startsWith('/')).default([]),
  })
  .strict();

/**
 * Earlier versions rebuilt from git history (the noteVersions collection): a source link that
 * is not allowed now is dropped to plain text with a warning, so history that built once keeps building.
 */
export const noteVersionSchema = noteSchema.safeExtend({ sources: sourcesSchema(historicUrl()) });

export type NoteFrontmatter = z.output<typeof noteSchema>;
