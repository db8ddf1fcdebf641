import { getRssString } from '@astrojs/rss';
import { site } from '../site.config.ts';
import type { FeedModel } from './feed-model.ts';
import { cdataSafe, escapeHtml } from './html.ts';

/**
 * RSS 2.0 with @astrojs/rss (Astro's own, well kept; it validates items and writes
 * `content:encoded`). RSS has no author names without e-mail addresses, so authors go in
 * `dc:creator`; the feed's own URL goes in `atom:link rel="self"`, as validators expect.
 */
export function rssFeed(feed: FeedModel): Promise<string> {
  const self = feed.links.find((link) => link.format === 'rss')?.href ?? feed.homeUrl;
  return getRssString({
    title: feed.title,
    description: feed.description,
    site: feed.homeUrl,
    xmlns: { atom: 'http://www.w3.org/2005/Atom', dc: 'http://purl.org/dc/elements/1.1/' },
    customData: [
      `<language>${escapeHtml(feed.language)}</language>`,
      `<lastBuildDate>${feed.updated.toUTCString()}</lastBuildDate>`,
      `<atom:link href="${escapeHtml(self)}" rel="self" type="application/rss+xml"/>`,
      `<copyright>${escapeHtml(`© ${site.publisher}`)}</copyright>`,
    ].join(''),
    items: feed.entries.map((entry) => ({
      title: entry.title,
      link: entry.url,
      description: entry.summary,
      pubDate: entry.published,
      categories: entry.categories.map((category) => category.name),
      content: cdataSafe(entry.contentHtml),
      customData: entry.authors.map((author) => `<dc:creator>${escapeHtml(author)}</dc:creator>`).join(''),
    })),
  });
}
