/**
 * Structured data (schema.org as JSON-LD) and the one safe way to put it in a page.
 */
import {
  type NoteLike,
  noteAbsoluteUrl,
  noteAuthors,
  noteCategories,
  noteOgImagePath,
  noteUpdated,
} from '../../feeds/note-meta.ts';
import { absoluteUrl } from '../../feeds/urls.ts';
import type { JsonLd } from '../../lib/escape.ts';
import { site } from '../../site.config.ts';

/** The publisher as schema.org Organization. */
export function publisherJsonLd(): JsonLd {
  return {
    '@type': 'Organization',
    name: site.publisher,
    url: absoluteUrl('/'),
    logo: {
      '@type': 'ImageObject',
      url: absoluteUrl(site.logo.path),
      width: site.logo.width,
      height: site.logo.height,
    },
  };
}

/**
 * A note as schema.org Article, marked as a Report (`additionalType`): Report is the more
 * exact type, but search engines document rich results for Article, so we state both.
 */
export function noteJsonLd(note: NoteLike): JsonLd {
  const url = noteAbsoluteUrl(note);
  return {
    '@context': 'https://schema.org',
    '@type': 'Article',
    additionalType: 'https://schema.org/Report',
    '@id': `${url}#article`,
    mainEntityOfPage: url,
    url,
    headline: note.data.title,
    description: note.data.dek,
    datePublished: note.data.published.toISOString(),
    dateModified: noteUpdated(note).toISOString(),
    author: noteAuthors(note).map((name) => ({ '@type': 'Person', name })),
    publisher: publisherJsonLd(),
    image: { '@type': 'ImageObject', url: absoluteUrl(noteOgImagePath(note)), width: 1200, height: 630 },
    keywords: noteCategories(note).map((category) => category.name),
    inLanguage: site.language,
  };
}
