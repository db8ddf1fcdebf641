import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { datasetMetaSchema } from './data/schema.ts';
import { eventSchema } from './events/schema.ts';
import { noteSchema, noteVersionSchema } from './notes/schema.ts';

/** Market notes: `content/notes/**\/*.mdx`; the file path (without extension) is the URL slug. */
const notes = defineCollection({
  loader: glob({ pattern: '**/*.mdx', base: './content/notes' }),
  schema: noteSchema,
});

/** Events: `content/events/**\/*.mdx`. */
const events = defineCollection({
  loader: glob({ pattern: '**/*.mdx', base: './content/events' }),
  schema: eventSchema,
});

/** Dataset metadata: `data/<name>.yml`, each describing `data/<name>.csv`. Validated here so bad metadata fails early. */
const datasets = defineCollection({
  loader: glob({ pattern: '*.yml', base: './data' }),
  schema: datasetMetaSchema,
});

/**
 * Earlier versions of notes and events, written from git history by the versions integration
 * (src/integrations/versions.ts) as `.assay/versions/<collection>/<id>/v<N>.mdx`. Same schemas.
 */
const noteVersions = defineCollection({
  loader: glob({ pattern: '**/*.mdx', base: './.assay/versions/notes' }),
  // A source link not allowed now is dropped with a warning: history that built once keeps building.
  schema: noteVersionSchema,
});
const eventVersions = defineCollection({
  loader: glob({ pattern: '**/*.mdx', base: './.assay/versions/events' }),
  schema: eventSchema,
});

export const collections = { notes, events, datasets, noteVersions, eventVersions };
