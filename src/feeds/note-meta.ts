/**
 * Facts about a note that feeds, previews, structured data and the sitemap all state,
 * computed in one place so they never disagree.
 */
import { topicSlug } from '../lib/topics.ts';
import { noteUrl } from '../notes/collection.ts';
import { noteOgImagePath } from '../og/paths.ts';
import { site } from '../site.config.ts';
import { topicPath } from './settings.ts';
import { topicName } from './topics.ts';
import { absoluteUrl } from './urls.ts';

export { noteOgImagePath };

/** The frontmatter fields these helpers read (a note entry or a test fixture). */
export interface NoteLike {
  id: string;
  data: {
    title: string;
    dek: string;
    published: Date;
    edition: string;
    authors: string[];
    topics: string[];
    updates: { date: Date; summary: string }[];
  };
}

/** When the note last changed for readers: its newest `updates` entry, else its publication date. */
export function noteUpdated(note: NoteLike): Date {
  let latest = note.data.published;
  for (const update of note.data.updates) if (update.date > latest) latest = update.date;
  return latest;
}

/** Authors, or the site's default author when a note names none. */
export function noteAuthors(note: NoteLike): string[] {
  return note.data.authors.length > 0 ? note.data.authors : [site.defaultAuthor];
}

/** A note's topics as categories: display name, slug and the topic page's absolute URL. */
export function noteCategories(note: NoteLike): { name: string; slug: string; url: string }[] {
  const seen = new Set<string>();
  return note.data.topics.flatMap((topic) => {
    const slug = topicSlug(topic);
    if (!slug || seen.has(slug)) return [];
    seen.add(slug);
    return [{ name: topicName(topic), slug, url: absoluteUrl(topicPath(slug)) }];
  });
}

/** Absolute URL of the note's page. */
export function noteAbsoluteUrl(note: { id: string }): string {
  return absoluteUrl(noteUrl(note));
}

/** Path of the note's email edition. */
export function noteEmailPath(note: { id: string }): string {
  return `${noteUrl(note)}email.html`;
}
