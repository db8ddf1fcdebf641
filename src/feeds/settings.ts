/**
 * Where feeds live and how they are named. Feed URLs are part of the public contract
 * (feed readers keep them forever), so they are defined once here.
 */
import { site } from '../site.config.ts';
import { absoluteUrl } from './urls.ts';

/**
 * Most notes a feed carries, newest first. Feeds hold full content, so an unbounded feed of
 * a large archive would be megabytes that readers fetch every hour; readers keep what they
 * have already seen, and the archive pages list everything.
 */
export const FEED_ITEM_LIMIT = 50;

/** The three feed formats, in the order pages list them. */
export const FEED_FORMATS = ['rss', 'atom', 'json'] as const;
export type FeedFormat = (typeof FEED_FORMATS)[number];

/** File name of each format under a feed's directory ("/" or "/topics/<slug>/"). */
export const FEED_FILES: Record<FeedFormat, string> = { rss: 'rss.xml', atom: 'atom.xml', json: 'feed.json' };

/** MIME type each format is announced with in `<link rel="alternate">`. */
export const FEED_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml',
  atom: 'application/atom+xml',
  json: 'application/feed+json',
};

const LABELS: Record<FeedFormat, string> = { rss: 'RSS', atom: 'Atom', json: 'JSON Feed' };

/** A feed as a page head links it. */
export interface FeedLink {
  format: FeedFormat;
  /** Absolute URL. */
  href: string;
  /** Shown by feed readers and browser extensions: "Assay Rare Earths Research (RSS)". */
  title: string;
  type: string;
}

/** The three feeds under a directory path ("/" for the whole site, "/topics/magnets/" for a topic). */
export function feedLinks(dir = '/', name: string = site.publisher): FeedLink[] {
  return FEED_FORMATS.map((format) => ({
    format,
    href: absoluteUrl(`${dir}${FEED_FILES[format]}`),
    title: `${name} (${LABELS[format]})`,
    type: FEED_TYPES[format],
  }));
}

/** Path of a topic's directory: "/topics/export-controls/". */
export function topicPath(slug: string): string {
  return `/topics/${slug}/`;
}
