import { render } from 'astro:content';
import mdxRenderer from '@astrojs/mdx/server.js';
import { experimental_AstroContainer } from 'astro/container';
import { mdxComponents } from '../components/mdx.ts';
import { workingTree } from '../data/source.ts';
import type { RenderContext } from '../lib/render-context.ts';
import { type Note, noteFile } from '../notes/collection.ts';
import { runtime } from '../runtime/index.ts';
import { siteVersions, versionData } from '../versions/site.ts';

/**
 * Renders a note's MDX body for offsite readers (email clients, feed readers) to an HTML
 * fragment with Astro's Container API: the same components as the page, in `offsite` mode,
 * so `<Chart>` writes a PNG `<img>`. The build's runtime keeps the bodies used most recently,
 * because the site feed, every topic feed, the email edition and the preview image ask for
 * the same body; an older one is rendered again (its charts come from the figure cache), so
 * memory does not grow with the site. `astro dev` renders each request afresh.
 */
export function renderNoteBody(note: Note): Promise<string> {
  // The key is the note's text; in `astro dev` the data it charts can change under it.
  if (import.meta.env.DEV) return renderUncached(note);
  const bodies = runtime().noteBodies;
  const key = `${note.id}\u0000${note.digest ?? ''}`;
  let html = bodies.get(key);
  if (!html) {
    html = renderUncached(note);
    bodies.set(key, html);
  }
  return html;
}

/** One container per build, in its runtime: creating it loads the renderer and config each time. */
function offsiteContainer(): Promise<experimental_AstroContainer> {
  const rt = runtime();
  rt.offsiteContainer ??= experimental_AstroContainer.create().then((created) => {
    // MDX content compiles to JSX; the container needs its renderer (Astro's own does the rest).
    created.addServerRenderer({ renderer: mdxRenderer });
    return created;
  });
  return rt.offsiteContainer;
}

async function renderUncached(note: Note): Promise<string> {
  const container = offsiteContainer();
  const { Content } = await render(note);
  return (await container).renderToString(Content, {
    props: { components: mdxComponents },
    locals: { assay: noteRenderContext(note) },
  });
}

/**
 * The same render context the note page uses for its latest version (NotePage.astro): charts
 * read the data vintage the note pins, so a feed or email never shows figures the page does not.
 */
export function noteRenderContext(note: Note): RenderContext {
  const dev = import.meta.env.DEV;
  const file = noteFile(note);
  const index = siteVersions({ dev });
  const latest = index.files.get(file)?.versions.at(-1);
  return {
    file,
    data: latest ? versionData(index, latest, { dev }) : workingTree(),
    latestData: workingTree(),
    mode: 'offsite',
  };
}
