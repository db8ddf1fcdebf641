import { isoDate } from './dates.ts';
import { AssayError } from './errors.ts';

export interface ScaffoldOptions {
  /** Today, from the build date setting. */
  date: Date;
  /** Edition month YYYY-MM for notes (defaults to the month before `date`). */
  edition?: string;
  title?: string;
}

/** The file path and starter MDX for a new note or event. Pure, so tests can check it parses. */
export function scaffold(
  kind: string | undefined,
  slug: string | undefined,
  options: ScaffoldOptions,
): { file: string; text: string } {
  if (kind !== 'note' && kind !== 'event') {
    throw new AssayError(`unknown kind '${kind ?? ''}': expected note or event`, {
      hint: 'run: npm run new -- note my-note-slug',
    });
  }
  if (!slug || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug)) {
    throw new AssayError(`'${slug ?? ''}' is not a usable slug: use lowercase letters, digits and hyphens`, {
      hint: 'e.g. china-magnet-exports-august-2025; it becomes the permanent URL',
    });
  }
  const today = isoDate(options.date);
  const title = options.title ?? 'Headline that states the finding';
  if (kind === 'note') {
    const previousMonth = new Date(Date.UTC(options.date.getUTCFullYear(), options.date.getUTCMonth() - 1, 1));
    const edition = options.edition ?? isoDate(previousMonth).slice(0, 7);
    return {
      file: `content/notes/${slug}.mdx`,
      text: `---
title: ${JSON.stringify(title)}
dek: One sentence a reader skimming the archive should take away.
published: ${today}
edition: ${edition}
authors: [Assay Research Desk]
topics: []
sources: []
draft: true
---

Lead paragraph. Quote figures from data so text and charts agree:
<Value data="china-magnet-exports-world" at="2025-07" column="tonnes" />.

<Chart
  data="china-magnet-exports-world"
  type="line"
  x="month"
  y="tonnes"
  title="Chart title that states the finding"
  subtitle="What is measured, unit"
/>
`,
    };
  }
  return {
    file: `content/events/${slug}.mdx`,
    text: `---
name: ${JSON.stringify(title)}
summary: One or two sentences on what it is and who it is for.
published: ${today}
start: ${today}
end: ${today}
timezone: Europe/London
venue:
  name: Venue name
  city: City
  country: Country
organiser:
  name: Organiser name
draft: true
---

What the event is about.
`,
  };
}
