import type { APIRoute, GetStaticPaths } from 'astro';
import { publishedEvents } from '../../../events/collection.ts';
import { formatDateRange } from '../../../events/time.ts';
import { eventCard } from '../../../og/cards.ts';
import { pngResponse } from '../../../og/response.ts';

export const getStaticPaths = (async () =>
  (await publishedEvents()).map((event) => ({
    params: { slug: event.slug },
    props: { event },
  }))) satisfies GetStaticPaths;

/** The event's 1200x630 link-preview image: name, local dates and city. */
export const GET: APIRoute = async ({ props }) =>
  pngResponse(eventCard({ data: props.event.data, dates: formatDateRange(props.event.start, props.event.end) }));
