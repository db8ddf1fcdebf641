import type { APIRoute, GetStaticPaths } from 'astro';
import { publishedEvents } from '../../../events/collection.ts';
import { formatDateRange } from '../../../events/time.ts';
import { buildDate } from '../../../lib/build-date.ts';
import { pngResponse } from '../../../og/response.ts';
import { eventCard } from '../../../og/site-cards.ts';

export const getStaticPaths = (async () =>
  (await publishedEvents()).map((event) => ({
    params: { slug: event.slug },
    props: { event },
  }))) satisfies GetStaticPaths;

/** The event's 1200x630 link-preview image: name, summary, local dates, place, and past or upcoming by the build date. */
export const GET: APIRoute = async ({ props }) => {
  const { event } = props;
  return pngResponse(eventCard({ ...event, dates: formatDateRange(event.start, event.end) }, buildDate()));
};
