/** `/events/<slug>.ics`: one event's calendar file. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { publishedEvents, type SiteEvent } from '../../events/collection.ts';
import { eventIcs } from '../../events/ics.ts';
import { buildDate } from '../../lib/build-date.ts';
import { site } from '../../site.config.ts';

export const getStaticPaths = (async () => {
  const events = await publishedEvents();
  return events.map((event) => ({ params: { slug: event.slug }, props: { event } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ event: SiteEvent }> = ({ props }) =>
  new Response(eventIcs(props.event, { buildDate: buildDate(), siteUrl: site.url, publisher: site.publisher }), {
    headers: { 'Content-Type': 'text/calendar; charset=utf-8' },
  });
