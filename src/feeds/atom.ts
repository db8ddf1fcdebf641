import { site } from '../site.config.ts';
import type { FeedModel } from './feed-model.ts';
import { absoluteUrl } from './urls.ts';
import { xmlDocument } from './xml.ts';

const ATOM = 'http://www.w3.org/2005/Atom';

/**
 * Atom 1.0 (RFC 4287), written with the XML builder of src/feeds/xml.ts. The `feed` package
 * left `<` unescaped in attributes, so a topic "R&D <b>" in a category label made the feed
 * invalid XML. Titles and summaries are `type="text"` (plain text, escaped once); the body is
 * `type="html"`. Every date is a content date, never the build clock.
 */
export function atomFeed(feed: FeedModel): string {
  const self = feed.links.find((link) => link.format === 'atom')?.href;
  return xmlDocument({
    feed: {
      '@xmlns': ATOM,
      '@xml:lang': feed.language,
      id: feed.homeUrl,
      title: { '@type': 'text', '#text': feed.title },
      subtitle: { '@type': 'text', '#text': feed.description },
      updated: feed.updated.toISOString(),
      generator: 'Assay',
      author: { name: site.publisher, uri: absoluteUrl('/') },
      link: [
        { '@rel': 'alternate', '@type': 'text/html', '@href': feed.homeUrl },
        self ? { '@rel': 'self', '@type': 'application/atom+xml', '@href': self } : undefined,
      ].filter((link) => link !== undefined),
      rights: { '@type': 'text', '#text': `© ${site.publisher}` },
      entry: feed.entries.map((entry) => ({
        id: entry.id,
        title: { '@type': 'text', '#text': entry.title },
        link: [
          { '@rel': 'alternate', '@type': 'text/html', '@href': entry.url },
          { '@rel': 'enclosure', '@type': 'image/png', '@href': entry.image },
        ],
        published: entry.published.toISOString(),
        updated: entry.updated.toISOString(),
        author: entry.authors.map((name) => ({ name })),
        category: entry.categories.map((category) => ({
          '@term': category.slug,
          '@scheme': category.url.replace(/[^/]+\/$/, ''),
          '@label': category.name,
        })),
        summary: { '@type': 'text', '#text': entry.summary },
        content: { '@type': 'html', '#text': entry.contentHtml },
      })),
    },
  });
}
