/**
 * Topics: declared once in the site settings (src/site.config.ts, `topics`), named by notes and
 * events in their frontmatter by name or slug, in any case. Pages show the declared name and
 * link to /topics/<slug>/; the content check fails on a topic the site does not declare.
 */
import { site } from '../site.config.ts';
import { AssayError } from './errors.ts';
import { smartypants } from './typography.ts';

/** A topic as the site settings declare it. */
export interface TopicDeclaration {
  /** Display name: "Export controls". */
  name: string;
  /** URL slug: "export-controls". */
  slug: string;
  /** One sentence on what the topic covers, shown on its page. */
  description: string;
}

/** Text as a URL slug: "Export controls" → "export-controls". */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/**
 * The declarations, checked (a slug must be a slug, and no two topics may share one), with
 * names and descriptions typeset (src/lib/typography.ts) as a note's headline is.
 */
export function checkTopics(topics: readonly TopicDeclaration[]): readonly TopicDeclaration[] {
  const seen = new Set<string>();
  for (const [i, topic] of topics.entries()) {
    const where = { file: 'src/site.config.ts', hint: 'write the slug in lower case, words joined by -' };
    if (topic.slug === '' || slugify(topic.slug) !== topic.slug)
      throw new AssayError(
        `topics.${i}: slug '${topic.slug}' is not a URL slug; did you mean '${slugify(topic.slug)}'?`,
        where,
      );
    if (seen.has(topic.slug)) throw new AssayError(`topics.${i}: two topics have the slug '${topic.slug}'`, where);
    seen.add(topic.slug);
  }
  return topics.map((topic) => ({
    ...topic,
    name: smartypants(topic.name),
    description: smartypants(topic.description),
  }));
}

/** Every topic the site declares, in the settings' order. */
export const declaredTopics: readonly TopicDeclaration[] = checkTopics(site.topics);

/**
 * The declared topic a note or event means by `written`: its name or slug in any case, or a
 * spelling that slugs the same ("export controls", "Export-Controls"). Undefined when none.
 */
export function findTopic(written: string): TopicDeclaration | undefined {
  const slug = slugify(written);
  if (slug === '') return undefined;
  return declaredTopics.find((topic) => topic.slug === slug || slugify(topic.name) === slug);
}

/**
 * A topic's URL slug: the declared slug, or (for a topic no longer declared, in an earlier
 * version from history) the written text as a slug.
 */
export function topicSlug(topic: string): string {
  return findTopic(topic)?.slug ?? slugify(topic);
}

/** A topic's display name: the declared name, or the written text capitalised. */
export function topicLabel(topic: string): string {
  return findTopic(topic)?.name ?? topic.charAt(0).toUpperCase() + topic.slice(1);
}

/** A topic as pages link it: its declared name and /topics/<slug>/. */
export interface TopicLink {
  name: string;
  /** Undefined for a topic the site no longer declares (an earlier version's): it has no page. */
  href: string | undefined;
}

/** The topics as pages link them, in the order written, each once. */
export function topicLinks(topics: readonly string[]): TopicLink[] {
  const seen = new Set<string>();
  const links: TopicLink[] = [];
  for (const topic of topics) {
    const slug = topicSlug(topic);
    if (slug === '' || seen.has(slug)) continue;
    seen.add(slug);
    links.push({ name: topicLabel(topic), href: findTopic(topic) ? `/topics/${slug}/` : undefined });
  }
  return links;
}

/** Anything filed under topics: a note or an event. */
interface Filed {
  data: { topics: readonly string[] };
}

/** A declared topic with what is filed under it. */
export interface TopicShelf<N, E> {
  topic: TopicDeclaration;
  /** Notes under the topic, in the order given (callers pass sorted notes). */
  notes: N[];
  /** Events under the topic, in the order given. */
  events: E[];
}

/**
 * The declared topics that have at least one note or event, in the settings' order, each with
 * its notes and events: the topic pages, so a topic linked from an event page has a page even
 * before a note is filed under it.
 */
export function topicShelves<N extends Filed, E extends Filed>(
  notes: readonly N[],
  events: readonly E[],
): TopicShelf<N, E>[] {
  const under = <T extends Filed>(items: readonly T[], slug: string) =>
    items.filter((item) => item.data.topics.some((topic) => topicSlug(topic) === slug));
  return declaredTopics
    .map((topic) => ({ topic, notes: under(notes, topic.slug), events: under(events, topic.slug) }))
    .filter((shelf) => shelf.notes.length > 0 || shelf.events.length > 0);
}
