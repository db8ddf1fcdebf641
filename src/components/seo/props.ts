import type { FeedLink } from '../../feeds/settings.ts';
import type { JsonLd } from '../../lib/escape.ts';

/** What a page tells the head about itself for previews, search engines and feed readers. */
export interface SeoProps {
  /** Preview image: a site path ("/og/notes/x.png") or absolute URL; 1200x630 PNG. Defaults to the site card. */
  ogImage?: string;
  /** Alt text of the preview image; defaults to the page title. */
  ogImageAlt?: string;
  /** Open Graph type: "article" for notes, "website" otherwise. */
  ogType?: 'website' | 'article';
  /** First publication, for `article:published_time`. */
  publishedTime?: Date;
  /** Last update, for `article:modified_time` (and the sitemap's lastmod). */
  modifiedTime?: Date;
  /** Author names, for `article:author`. */
  authors?: string[];
  /** Topic names, for `article:tag`. */
  tags?: string[];
  /** Structured data for the page, written safely into a JSON-LD script. */
  jsonLd?: JsonLd | JsonLd[];
  /** Feeds besides the site's three (a topic page's own), announced with rel="alternate". */
  feeds?: FeedLink[];
  /** Whether Pagefind indexes the page; defaults to note and event pages that are indexable. */
  searchable?: boolean;
}
