/**
 * Slugs of notes and events: the file name, whatever folder the file sits in. Folders only
 * order an author's work (`content/notes/2025/x.mdx` is /notes/x/). Two files claiming one
 * slug are reported by the content check (src/check/slugs.ts), which runs before every build.
 */
import path from 'node:path';

/**
 * The URL slug of a content file: its name without extension, in lower case (as Astro's
 * default slugs were, so existing URLs stay; case-insensitive file systems and hosts
 * cannot tell `Note` from `note` anyway).
 */
export function slugOf(file: string): string {
  return path.posix
    .basename(file.replaceAll('\\', '/'))
    .replace(/\.(mdx|md)$/, '')
    .toLowerCase();
}
