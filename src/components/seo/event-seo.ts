import { eventOgImagePath } from '../../og/paths.ts';
import type { SeoProps } from './props.ts';

/**
 * What an event page passes to `<Base>` for previews: `<Base … {...eventSeo(event)}>`.
 * Its JSON-LD stays with the events code (src/events/jsonld.ts).
 */
export function eventSeo(event: { slug: string; data: { name: string } }): SeoProps {
  return {
    ogType: 'website',
    ogImage: eventOgImagePath(event),
    ogImageAlt: `${event.data.name}: dates and city`,
    searchable: true,
  };
}
