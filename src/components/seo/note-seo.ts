import { type NoteLike, noteAuthors, noteCategories, noteOgImagePath, noteUpdated } from '../../feeds/note-meta.ts';
import { noteUrl } from '../../notes/collection.ts';
import { noteJsonLd } from './json-ld.ts';
import type { SeoProps } from './props.ts';

/**
 * Everything the note page passes to `<Base>` besides its content:
 * `<Base {...noteSeo({ id: slug, data: entry.data })} noindex={earlier}>`.
 * One function so the page, feeds and sitemap state the same dates and image.
 */
export function noteSeo(note: NoteLike): SeoProps & { title: string; description: string; path: string } {
  return {
    title: note.data.title,
    description: note.data.dek,
    path: noteUrl(note),
    ogType: 'article',
    ogImage: noteOgImagePath(note),
    ogImageAlt: `${note.data.title}: preview with the note's lead chart`,
    publishedTime: note.data.published,
    modifiedTime: noteUpdated(note),
    authors: noteAuthors(note),
    tags: noteCategories(note).map((category) => category.name),
    jsonLd: noteJsonLd(note),
    searchable: true,
  };
}
