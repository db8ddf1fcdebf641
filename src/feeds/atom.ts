import { Feed } from 'feed';
import { site } from '../site.config.ts';
import type { FeedModel } from './feed-model.ts';
import { cdataSafe, escapeHtml } from './html.ts';
import { absoluteUrl } from './urls.ts';

/**
 * Atom 1.0 with the `feed` package: @astrojs/rss writes RSS only, and `feed` is the
 * maintained, widely used writer for Atom. Every date is set explicitly, because `feed`
 * falls back to the wall clock for a missing `updated`.
 */
export function atomFeed(feed: FeedModel): string {
  const links = Object.fromEntries(feed.links.map((link) => [link.format, link.href]));
  const writer = new Feed({
    id: feed.homeUrl,
    title: feed.title,
    description: feed.description,
    link: feed.homeUrl,
    language: feed.language,
    updated: feed.updated,
    generator: 'Assay',
    feedLinks: { atom: links.atom },
    author: { name: site.publisher, link: absoluteUrl('/') },
    copyright: `© ${site.publisher}`,
  });
  for (const entry of feed.entries) {
    writer.addItem({
      id: entry.id,
      link: entry.url,
      // `feed` marks titles and summaries type="html": escape so plain text stays plain text.
      title: escapeHtml(entry.title),
      description: cdataSafe(escapeHtml(entry.summary)),
      content: cdataSafe(entry.contentHtml),
      date: entry.updated,
      published: entry.published,
      author: entry.authors.map((name) => ({ name })),
      category: entry.categories.map((category) => ({
        name: category.name,
        term: category.slug,
        scheme: category.url.replace(/[^/]+\/$/, ''),
      })),
      image: entry.image,
    });
  }
  // `feed` drops the language from Atom (it writes it only in RSS): put it on the root as xml:lang.
  return writer
    .atom1()
    .replace(/<feed\b([^>]*)>/, (root, attributes: string) =>
      attributes.includes('xml:lang') ? root : `<feed${attributes} xml:lang="${escapeHtml(feed.language)}">`,
    );
}
