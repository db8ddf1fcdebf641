/** URL paths of generated preview images (served from dist/og/). */

/** The site's default preview card, for pages without their own. */
export const SITE_OG_IMAGE = '/og/site.png';

/** Preview image of an event page. */
export function eventOgImagePath(event: { slug: string }): string {
  return `/og/events/${event.slug}.png`;
}

/** Preview image of a note page. */
export function noteOgImagePath(note: { id: string }): string {
  return `/og/notes/${note.id}.png`;
}

/** Size of every preview image: what Open Graph and Twitter's large card expect (1.91:1). */
export const OG_WIDTH = 1200;
export const OG_HEIGHT = 630;
