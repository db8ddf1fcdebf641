import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * What a publisher would build instead of Assay: a plain Astro MDX site (a content collection
 * of the same notes, one page each and an index, a minimal layout) searched with Pagefind.
 * It lives inside the project, so its config and pages resolve `astro` and `@astrojs/mdx` from
 * the project's node_modules. Build command: `astro build && pagefind --site dist`.
 */
export const PLAIN_BUILD = 'astro build && pagefind --site dist';

const CONFIG = `import mdx from '@astrojs/mdx';
import { defineConfig } from 'astro/config';

export default defineConfig({
  site: 'https://example.org',
  trailingSlash: 'always',
  integrations: [mdx()],
});
`;

const CONTENT_CONFIG = `import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';

const notes = defineCollection({
  loader: glob({ pattern: '**/*.mdx', base: './content/notes' }),
  schema: z.object({
    title: z.string(),
    dek: z.string(),
    published: z.coerce.date(),
    edition: z.string(),
    authors: z.array(z.string()),
    topics: z.array(z.string()).default([]),
  }),
});

export const collections = { notes };
`;

const LAYOUT = `---
interface Props {
  title: string;
  description: string;
}
const { title, description } = Astro.props;
---
<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>{title}</title>
    <meta name="description" content={description} />
  </head>
  <body>
    <header><a href="/">Market notes</a> · <a href="/search/">Search</a></header>
    <main><slot /></main>
  </body>
</html>
`;

const NOTE_PAGE = `---
import { getCollection, render } from 'astro:content';
import Layout from '../../layouts/Layout.astro';

export async function getStaticPaths() {
  const notes = await getCollection('notes');
  return notes.map((note) => ({ params: { slug: note.id }, props: { note } }));
}
const { note } = Astro.props;
const { Content } = await render(note);
---
<Layout title={note.data.title} description={note.data.dek}>
  <article>
    <h1>{note.data.title}</h1>
    <p>{note.data.dek}</p>
    <p>{note.data.authors.join(', ')}, {note.data.published.toISOString().slice(0, 10)}</p>
    <Content />
  </article>
</Layout>
`;

const INDEX_PAGE = `---
import { getCollection } from 'astro:content';
import Layout from '../layouts/Layout.astro';

const notes = (await getCollection('notes')).sort((a, b) => b.data.published.valueOf() - a.data.published.valueOf());
---
<Layout title="Market notes" description="Every note, newest first.">
  <h1>Market notes</h1>
  <ul>
    {notes.map((note) => <li><a href={\`/notes/\${note.id}/\`}>{note.data.title}</a></li>)}
  </ul>
</Layout>
`;

const SEARCH_PAGE = `---
import Layout from '../layouts/Layout.astro';
---
<Layout title="Search" description="Search the notes.">
  <link rel="stylesheet" href="/pagefind/pagefind-ui.css" />
  <script is:inline src="/pagefind/pagefind-ui.js"></script>
  <div id="search"></div>
</Layout>
`;

/** Writes the plain site of `notes` notes into `dir` (emptied first); `note(i)` is note i's MDX. */
export function writePlainSite(dir: string, notes: number, note: (i: number) => string): void {
  rmSync(dir, { recursive: true, force: true });
  const files: Record<string, string> = {
    'astro.config.mjs': CONFIG,
    'src/content.config.ts': CONTENT_CONFIG,
    'src/layouts/Layout.astro': LAYOUT,
    'src/pages/notes/[slug].astro': NOTE_PAGE,
    'src/pages/index.astro': INDEX_PAGE,
    'src/pages/search.astro': SEARCH_PAGE,
  };
  for (let i = 0; i < notes; i++) files[`content/notes/note-${i}.mdx`] = note(i);
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
}
