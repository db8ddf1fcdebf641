import { escapeHtml } from '../lib/escape.ts';
import { site } from '../site.config.ts';
import type { FeedModel } from './feed-model.ts';
import { xmlDocument } from './xml.ts';

/**
 * RSS 2.0, written with the same XML builder as Atom (src/feeds/xml.ts). @astrojs/rss re-parsed
 * custom elements, which turned an author named "1e3" into "1000" and showed "O'Brien" as
 * "O&#39;Brien". Authors go in `dc:creator` (RSS has no author names without e-mail addresses);
 * the feed's own URL goes in `atom:link rel="self"`, as validators expect.
 *
 * Readers render `description` as HTML, so the dek and the channel description are escaped as
 * HTML before the builder escapes them as XML: a dek "<img onerror=…>" shows as that text.
 * Titles and categories are plain text, escaped once.
 */
export function rssFeed(feed: FeedModel): string {
  const self = feed.links.find((link) => link.format === 'rss')?.href ?? feed.homeUrl;
  return xmlDocument({
    rss: {
      '@version': '2.0',
      '@xmlns:atom': 'http://www.w3.org/2005/Atom',
      '@xmlns:content': 'http://purl.org/rss/1.0/modules/content/',
      '@xmlns:dc': 'http://purl.org/dc/elements/1.1/',
      channel: {
        title: feed.title,
        description: escapeHtml(feed.description),
        link: feed.homeUrl,
        language: feed.language,
        lastBuildDate: feed.updated.toUTCString(),
        'atom:link': { '@href': self, '@rel': 'self', '@type': 'application/rss+xml' },
        copyright: `© ${site.publisher}`,
        item: feed.entries.map((entry) => ({
          title: entry.title,
          link: entry.url,
          guid: { '@isPermaLink': 'true', '#text': entry.url },
          description: escapeHtml(entry.summary),
          pubDate: entry.published.toUTCString(),
          'content:encoded': entry.contentHtml,
          'dc:creator': entry.authors,
          category: entry.categories.map((category) => category.name),
        })),
      },
    },
  });
}
