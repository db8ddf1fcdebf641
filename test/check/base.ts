/**
 * The base fixture site's files as text, for cases that change one part of them:
 * `note({ body: '…' })` is the base note with another body.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BASE = fileURLToPath(new URL('../fixtures/sites/check-base/', import.meta.url));

/** The base site's one note; a case that writes it replaces it. */
export const BASE_NOTE = 'content/notes/base-note.mdx';

/** A file of the base site, as text. */
export function baseFile(file: string): string {
  return readFileSync(path.join(BASE, file), 'utf8');
}

/** The base note's frontmatter lines (between the --- lines), lines 2-6 of the file. */
export const BASE_FRONTMATTER =
  'title: A note\ndek: A test note.\npublished: 2025-06-20\nedition: 2025-05\nauthors: [Tester]';

/**
 * A note: frontmatter (the base note's unless given) and a body. The body starts on line
 * `BODY_LINE`, so a case can name the line of its mistake.
 */
export function note(body: string, frontmatter: string = BASE_FRONTMATTER): string {
  return `---\n${frontmatter}\n---\n\n${body}\n`;
}

/** First line of the body in `note(body)` with the base frontmatter (5 lines plus two --- and a blank). */
export const BODY_LINE = 9;
