import { defineCollection } from 'astro:content';
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { glob, type Loader } from 'astro/loaders';
import { datasetMetaSchema } from './data/schema.ts';
import { eventSchema, eventVersionSchema } from './events/schema.ts';
import { slugOf } from './integrations/content-slugs.ts';
import { smartypants, typesetEvent } from './lib/typography.ts';
import { type NoteFrontmatter, noteSchema, noteVersionSchema } from './notes/schema.ts';

/** The URL slug is the file name: folders only order an author's work (duplicates fail the build first). */
const bySlug = ({ entry }: { entry: string }) => slugOf(entry);

/**
 * Curly quotes and dashes in a note's headline, dek and update summaries (src/lib/typography.ts),
 * done here once so pages, feeds, cards, email and JSON-LD all read the typeset text. (The
 * version history reads update summaries from git itself, src/versions/frontmatter.ts.)
 */
function typesetNote<T extends NoteFrontmatter>(note: T): T {
  const updates = note.updates.map((update) => ({ ...update, summary: smartypants(update.summary) }));
  return { ...note, title: smartypants(note.title), dek: smartypants(note.dek), updates };
}

/** Market notes: `content/notes/**\/*.mdx`; `content/notes/2025/x.mdx` is /notes/x/. */
const notes = defineCollection({
  loader: glob({ pattern: '**/*.mdx', base: './content/notes', generateId: bySlug }),
  schema: noteSchema.transform(typesetNote),
});

/** Events: `content/events/**\/*.mdx`, slugs as for notes. */
const events = defineCollection({
  loader: glob({ pattern: '**/*.mdx', base: './content/events', generateId: bySlug }),
  schema: eventSchema.transform(typesetEvent),
});

/** Dataset metadata: `data/<name>.yml`, each describing `data/<name>.csv`. Validated here so bad metadata fails early. */
const datasets = defineCollection({
  loader: glob({ pattern: '*.yml', base: './data' }),
  schema: datasetMetaSchema,
});

/**
 * Earlier versions of notes and events, written from git history by the versions integration
 * (src/integrations/versions.ts) as `.assay/versions/<collection>/<slug>/v<N>.mdx`. Same schemas.
 * Most sites have no earlier event versions: a glob over an empty folder warns on every build
 * ("No files found matching …"), a warning no author can act on, so an empty folder loads nothing.
 */
function earlierVersions(collection: 'notes' | 'events'): Loader {
  const base = `./.assay/versions/${collection}`;
  const inner = glob({ pattern: '**/*.mdx', base });
  return {
    name: 'assay-earlier-versions',
    load: async (context) => {
      const dir = fileURLToPath(new URL(base, context.config.root));
      const any =
        existsSync(dir) && readdirSync(dir, { recursive: true, encoding: 'utf8' }).some((f) => f.endsWith('.mdx'));
      if (any) return inner.load(context);
      context.store.clear();
    },
  };
}
// A note's source link not allowed now is dropped with a warning: history that built once keeps building.
const noteVersions = defineCollection({
  loader: earlierVersions('notes'),
  schema: noteVersionSchema.transform(typesetNote),
});
// Event pages committed before `published` existed keep building: the field is optional in history.
const eventVersions = defineCollection({
  loader: earlierVersions('events'),
  schema: eventVersionSchema.transform(typesetEvent),
});

export const collections = { notes, events, datasets, noteVersions, eventVersions };
