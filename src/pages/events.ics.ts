/** `/events.ics`: every published event (past ones too, so subscribers keep them), one feed. */
import type { APIRoute } from 'astro';
import { publishedEvents } from '../events/collection.ts';
import { icsCalendar } from '../events/ics.ts';
import { buildDate } from '../lib/build-date.ts';
import { site } from '../site.config.ts';

export const GET: APIRoute = async () =>
  new Response(
    icsCalendar(await publishedEvents(), {
      buildDate: buildDate(),
      siteUrl: site.url,
      publisher: site.publisher,
      calendarName: `${site.publisher}: events`,
    }),
    { headers: { 'Content-Type': 'text/calendar; charset=utf-8' } },
  );
