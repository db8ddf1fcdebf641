import { topicSlug } from '../lib/topics.ts';
import type { HistoricFrontmatter } from './frontmatter.ts';
import type { FileHistory } from './history.ts';
import { defaultUrlOf, type UrlOf, versionUrl } from './manifest.ts';
import { normaliseUrl } from './permalinks.ts';
import type { ContentFile } from './types.ts';

/**
 * The URLs the site has published, derived from committed history on the main line (HEAD's
 * first parents) rather than recorded by the build in a tracked file: a build never writes
 * to the repository, and drafts and uncommitted notes never count as published.
 *
 * A content file published a URL at a commit when it was there and not `draft: true`:
 * its page (`/notes/<slug>/`), each version's page up to the entries it had (`/vN/`), and for
 * notes the topic pages (`/topics/<topic>/`) and the month page (`/notes/YYYY/MM/`) it was filed
 * under. Deleted files count too: their URLs were published and must not silently disappear.
 * Pages that are not content (home, archive indexes, search, pagination) are the site's code,
 * not its history, and are not guarded.
 */
export function publishedUrlsFromHistory(
  histories: Iterable<FileHistory>,
  stateAt: (blob: string) => HistoricFrontmatter | undefined,
  contentFileOf: (file: string) => ContentFile | undefined,
  urlOf: UrlOf = defaultUrlOf,
): string[] {
  const urls = new Set<string>();
  for (const history of histories)
    for (const url of publishedUrlsOf(history, stateAt, contentFileOf, urlOf)) urls.add(url);
  return [...urls].sort();
}

/** The URLs one file's history published (see `publishedUrlsFromHistory`), in no order. */
export function publishedUrlsOf(
  history: FileHistory,
  stateAt: (blob: string) => HistoricFrontmatter | undefined,
  contentFileOf: (file: string) => ContentFile | undefined,
  urlOf: UrlOf = defaultUrlOf,
): Set<string> {
  const urls = new Set<string>();
  let entries = 0;
  for (const revision of history.revisions) {
    const state = stateAt(revision.blob);
    // Unreadable frontmatter keeps the count, as versions do (src/versions/model.ts).
    entries = Math.max(entries, state?.updates?.length ?? entries);
    const file = contentFileOf(revision.path);
    if (!file || state?.draft) continue;
    const base = urlOf(file.collection, file.id);
    urls.add(normaliseUrl(base));
    for (let number = 1; number <= entries + 1; number++) urls.add(normaliseUrl(versionUrl(base, number)));
    if (file.collection !== 'notes' || !state) continue;
    for (const topic of state.topics) {
      const slug = topicSlug(topic);
      if (slug) urls.add(`/topics/${slug}/`);
    }
    const month = state.edition && /^(\d{4})-(0[1-9]|1[0-2])$/.exec(state.edition);
    if (month) urls.add(`/notes/${month[1]}/${month[2]}/`);
  }
  return urls;
}
