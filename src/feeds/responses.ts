/**
 * Feed endpoints in one place: the site's feeds and every topic's share these, so a
 * route file is two lines and the formats cannot drift apart.
 */
import { publishedNotes } from '../notes/collection.ts';
import { site } from '../site.config.ts';
import { atomFeed } from './atom.ts';
import { buildFeed, type FeedModel } from './feed-model.ts';
import { jsonFeed } from './json-feed.ts';
import { rssFeed } from './rss.ts';
import type { FeedFormat } from './settings.ts';
import { topicPath } from './settings.ts';
import { topicIndex } from './topics.ts';

const CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

/** The feed of every published note. */
export async function siteFeed(): Promise<FeedModel> {
  return buildFeed(await publishedNotes(), { dir: '/', title: site.publisher, description: site.tagline });
}

/** Static paths for a per-topic feed route: one per topic. */
export async function topicFeedPaths() {
  return topicIndex(await publishedNotes()).map((topic) => ({
    params: { topic: topic.slug },
    props: { topic: topic.slug, name: topic.name },
  }));
}

/** The feed of one topic's notes. */
export async function topicFeed(slug: string, name: string): Promise<FeedModel> {
  const topic = topicIndex(await publishedNotes()).find((candidate) => candidate.slug === slug);
  return buildFeed(topic?.notes ?? [], {
    dir: topicPath(slug),
    title: `${site.publisher}: ${name}`,
    description: `${site.publisher} notes filed under “${name}”.`,
  });
}

/** A feed serialised as a Response in the given format. */
export async function feedResponse(feed: FeedModel, format: FeedFormat): Promise<Response> {
  const body = format === 'rss' ? rssFeed(feed) : format === 'atom' ? atomFeed(feed) : jsonFeed(feed);
  return new Response(body, { headers: { 'Content-Type': CONTENT_TYPES[format] } });
}
