import { topicLabel, topicSlug } from '../lib/topics.ts';

/** A topic and the notes filed under it. */
export interface Topic<T> {
  /** URL slug: "export-controls". */
  slug: string;
  /** Display name, as first written in a note, capitalised: "Export controls". */
  name: string;
  /** Notes under the topic, in the order given (callers pass sorted notes). */
  notes: T[];
}

/** The name the site settings declare for a topic ("export controls" → "Export controls"). */
export function topicName(topic: string): string {
  return topicLabel(topic);
}

/**
 * Every topic used by the notes, by slug. Spellings that slug the same ("Export controls",
 * "export controls") are one topic, so a typo in case never splits an archive.
 * Sorted by name for a stable, scannable index.
 */
export function topicIndex<T extends { data: { topics: string[] } }>(notes: readonly T[]): Topic<T>[] {
  const topics = new Map<string, Topic<T>>();
  for (const note of notes) {
    const seen = new Set<string>();
    for (const raw of note.data.topics) {
      const slug = topicSlug(raw);
      if (!slug || seen.has(slug)) continue;
      seen.add(slug);
      const topic = topics.get(slug) ?? { slug, name: topicName(raw), notes: [] };
      topic.notes.push(note);
      topics.set(slug, topic);
    }
  }
  return [...topics.values()].sort((a, b) => a.name.localeCompare(b.name, 'en') || a.slug.localeCompare(b.slug));
}
