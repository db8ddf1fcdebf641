/**
 * The email edition of a note: paste-ready HTML for a newsletter tool. Built from the same
 * MDX as the page, with charts as PNG twins, every URL absolute, UTM parameters on links to
 * the site, and all CSS inlined by juice.
 */
import { createHash } from 'node:crypto';
import juice from 'juice';
import { readJsonCache, writeJsonCache } from '../charts/cache.ts';
import { noteAbsoluteUrl, noteAuthors, noteUpdated } from '../feeds/note-meta.ts';
import { renderNoteBody } from '../feeds/render-note.ts';
import { absoluteUrl, withUtm } from '../feeds/urls.ts';
import { codeFingerprint } from '../lib/code-fingerprint.ts';
import { formatDate, formatMonth } from '../lib/dates.ts';
import { AssayError } from '../lib/errors.ts';
import { type Note, noteFile } from '../notes/collection.ts';
import { site } from '../site.config.ts';
import { prepareEmailBody, sourcesEmailHtml } from './body.ts';
import { emailRuleViolations } from './rules.ts';
import { emailDocument } from './template.ts';

const isText = (value: unknown): value is string => typeof value === 'string';

/**
 * The note's email edition as a complete HTML document. Throws if it breaks an email rule.
 * Cached by everything it is made of (the rendered body, the layout, the settings), because
 * inlining CSS with juice is the slowest step of a warm build after the pages themselves.
 */
export async function emailEdition(note: Note): Promise<string> {
  const utm = site.newsletterUtm;
  const pageUrl = noteAbsoluteUrl(note);
  const tag = (url: string) => withUtm(url, utm);
  const updated = noteUpdated(note);
  const dates =
    updated > note.data.published
      ? `Published ${formatDate(note.data.published)}, updated ${formatDate(updated)}`
      : `Published ${formatDate(note.data.published)}`;
  const body = await renderNoteBody(note);
  const fields = {
    language: site.language,
    title: note.data.title,
    dek: note.data.dek,
    kicker: `Market note · ${formatMonth(note.data.edition)}`,
    byline: `${noteAuthors(note).join(', ')} · ${dates}`,
    webUrl: tag(pageUrl),
    homeUrl: tag(absoluteUrl('/')),
    publisher: site.publisher,
    tagline: site.tagline,
  };
  const key = createHash('sha256')
    .update(`${codeFingerprint()}\0${site.url}\0${JSON.stringify(utm)}\0${JSON.stringify(note.data.sources)}\0`)
    .update(emailDocument({ ...fields, body: [{ kind: 'text', html: '\0body\0' }], sourcesHtml: '\0sources\0' }))
    .update('\0')
    .update(body)
    .digest('hex')
    .slice(0, 24);
  const cached = readJsonCache('email', key, isText);
  if (cached) return cached;
  const document = emailDocument({
    ...fields,
    body: prepareEmailBody(body, pageUrl, tag),
    sourcesHtml: sourcesEmailHtml(note.data.sources, pageUrl, tag),
  });
  const html = juice(document, {
    removeStyleTags: true,
    preserveMediaQueries: false,
    preserveFontFaces: false,
    preserveImportant: false,
    // Width attributes are set by hand: juice would turn the 600px table's width into "100%".
    applyWidthAttributes: false,
    applyHeightAttributes: false,
  });
  const problems = emailRuleViolations(html, { siteUrl: site.url, utm });
  if (problems.length > 0) {
    throw new AssayError(`the email edition of '${note.id}' breaks email rules: ${problems.join('; ')}`, {
      hint: 'a component renders something email clients cannot show; give it an email rendering (see render-context mode)',
      file: noteFile(note),
    });
  }
  writeJsonCache('email', key, html);
  return html;
}
