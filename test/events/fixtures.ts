import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { type ResolvedEvent, resolveEvent } from '../../src/events/event.ts';
import { type EventInput, eventSchema } from '../../src/events/schema.ts';

/** Site settings the tests build against; fixed so UIDs and URLs are predictable. */
export const SITE_URL = 'https://research.example.com';
export const PUBLISHER = 'Assay Rare Earths Research';

/** A minimal valid timed event; tests override what they exercise. */
export function eventInput(overrides: Partial<EventInput> = {}): EventInput {
  return {
    name: 'Magnet supply briefing',
    summary: 'An afternoon on magnet supply.',
    published: '2025-08-21',
    start: '2025-09-23T09:00',
    end: '2025-09-23T17:00',
    timezone: 'America/Toronto',
    organiser: { name: 'Assay Research Desk' },
    ...overrides,
  };
}

/** Validates and resolves an event as the content layer would. */
export function makeEvent(overrides: Partial<EventInput> = {}, slug = 'magnet-supply-briefing'): ResolvedEvent {
  return resolveEvent({ id: slug, data: eventSchema.parse(eventInput(overrides)) });
}

/** The sample summit, read from content/events like the site does. */
export function sampleSummit(): ResolvedEvent {
  const file = new URL('../../content/events/rare-earth-summit-toronto-2025.mdx', import.meta.url);
  const text = readFileSync(file, 'utf8');
  const frontmatter = /^---\n([\s\S]*?)\n---\n/.exec(text)?.[1];
  if (!frontmatter) throw new Error('sample event has no frontmatter');
  return resolveEvent({ id: 'rare-earth-summit-toronto-2025', data: eventSchema.parse(parseYaml(frontmatter)) });
}
