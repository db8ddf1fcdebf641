import { site } from '../site.config.ts';
import type { FeedModel } from './feed-model.ts';
import { absoluteUrl } from './urls.ts';

/** JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/), the fields we fill. */
export interface JsonFeed {
  version: 'https://jsonfeed.org/version/1.1';
  title: string;
  home_page_url: string;
  feed_url: string;
  description: string;
  language: string;
  authors: { name: string; url?: string }[];
  items: {
    id: string;
    url: string;
    title: string;
    summary: string;
    content_html: string;
    image: string;
    date_published: string;
    date_modified: string;
    authors: { name: string }[];
    tags: string[];
  }[];
}

/**
 * JSON Feed 1.1, written here: the `feed` package writes version 1 (single `author`, no
 * `language`), and the format is plain JSON, so JSON.stringify is the whole serialiser.
 */
export function jsonFeed(feed: FeedModel): string {
  const self = feed.links.find((link) => link.format === 'json')?.href ?? feed.homeUrl;
  const document: JsonFeed = {
    version: 'https://jsonfeed.org/version/1.1',
    title: feed.title,
    home_page_url: feed.homeUrl,
    feed_url: self,
    description: feed.description,
    language: feed.language,
    authors: [{ name: site.publisher, url: absoluteUrl('/') }],
    items: feed.entries.map((entry) => ({
      id: entry.id,
      url: entry.url,
      title: entry.title,
      summary: entry.summary,
      content_html: entry.contentHtml,
      image: entry.image,
      date_published: entry.published.toISOString(),
      date_modified: entry.updated.toISOString(),
      authors: entry.authors.map((name) => ({ name })),
      tags: entry.categories.map((category) => category.name),
    })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
