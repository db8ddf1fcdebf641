/**
 * The format-neutral feed: one list of entries that the RSS, Atom and JSON Feed writers
 * each serialise, so the three feeds always carry the same notes, dates and content.
 */

import { escapeHtml } from '../lib/escape.ts';
import { isSafeUrl } from '../lib/safe-url.ts';
import type { Note } from '../notes/collection.ts';
import { runtime } from '../runtime/index.ts';
import { site } from '../site.config.ts';
import type { FeedEntry } from './feed-entry.ts';
import { absolutizeHtml } from './html.ts';
import { noteAbsoluteUrl, noteAuthors, noteCategories, noteOgImagePath, noteUpdated } from './note-meta.ts';
import { renderNoteBody } from './render-note.ts';
import { FEED_ITEM_LIMIT, type FeedLink, feedLinks } from './settings.ts';
import { absoluteUrl } from './urls.ts';

/** A whole feed: the site's, or one topic's. */
export interface FeedModel {
  title: string;
  description: string;
  /** Absolute URL of the HTML page the feed mirrors ("/" or the topic page). */
  homeUrl: string;
  /** Absolute URLs of this feed in each format (for self links). */
  links: FeedLink[];
  language: string;
  /** Newest `updated` of its entries: a content date, never the build clock. */
  updated: Date;
  entries: FeedEntry[];
}

export type { FeedEntry } from './feed-entry.ts';

/**
 * A note as a feed entry, its body rendered for feed readers once per build: the site feeds
 * and every topic feed, in three formats, share the entry the build's runtime keeps. In
 * `astro dev` it is made again for each request, since the data it shows may have changed.
 */
export function noteFeedEntry(note: Note): Promise<FeedEntry> {
  if (import.meta.env.DEV) return buildEntry(note);
  const entries = runtime().feedEntries;
  const key = `${note.id}\u0000${note.digest ?? ''}`;
  let entry = entries.get(key);
  if (!entry) {
    entry = buildEntry(note);
    entries.set(key, entry);
  }
  return entry;
}

async function buildEntry(note: Note): Promise<FeedEntry> {
  const url = noteAbsoluteUrl(note);
  const body = await renderNoteBody(note);
  return {
    id: url,
    url,
    title: note.data.title,
    summary: note.data.dek,
    contentHtml: absolutizeHtml(body + sourcesHtml(note), url),
    published: note.data.published,
    updated: noteUpdated(note),
    authors: noteAuthors(note),
    categories: noteCategories(note),
    image: absoluteUrl(noteOgImagePath(note)),
  };
}

/** The note's published sources, which the page prints under the body. */
function sourcesHtml(note: Note): string {
  if (note.data.sources.length === 0) return '';
  const items = note.data.sources
    .map((source) =>
      source.url && isSafeUrl(source.url)
        ? `<li><a href="${escapeHtml(source.url)}">${escapeHtml(source.name)}</a></li>`
        : `<li>${escapeHtml(source.name)}</li>`,
    )
    .join('');
  return `<h2>Sources</h2><ul>${items}</ul>`;
}

/** Options for `buildFeed`. */
export interface FeedScope {
  /** Directory the feeds live in: "/" or "/topics/<slug>/". */
  dir: string;
  title: string;
  description: string;
}

/** A feed of the newest `FEED_ITEM_LIMIT` of `notes` (already sorted newest first) for a scope. */
export async function buildFeed(notes: readonly Note[], scope: FeedScope): Promise<FeedModel> {
  const entries = await Promise.all(notes.slice(0, FEED_ITEM_LIMIT).map(noteFeedEntry));
  const updated = entries.reduce<Date | undefined>((max, e) => (!max || e.updated > max ? e.updated : max), undefined);
  return {
    title: scope.title,
    description: scope.description,
    homeUrl: absoluteUrl(scope.dir),
    links: feedLinks(scope.dir, scope.title),
    language: site.language,
    // An empty feed has no content date; the Unix epoch keeps output reproducible.
    updated: updated ?? new Date(0),
    entries,
  };
}
