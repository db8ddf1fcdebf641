/**
 * The change log as feeds (/changes/rss.xml, /changes/atom.xml, /changes/feed.json): the same
 * format-neutral model and writers as the notes' feeds, one entry per change log entry.
 * Entries are dated by content dates; a data revision with no date (committed before its
 * dataset had `asOf`) is on the page but left out of the feeds, which need one.
 */
import { formatDate } from '../lib/dates.ts';
import { escapeHtml } from '../lib/escape.ts';
import { eventOgImagePath, noteOgImagePath, SITE_OG_IMAGE } from '../og/paths.ts';
import type { ChangeLogEntry } from '../provenance/changelog.ts';
import { CHANGES_PATH, changeLogEntryUrl } from '../provenance/site.ts';
import { site } from '../site.config.ts';
import type { FeedEntry, FeedModel } from './feed-model.ts';
import { FEED_ITEM_LIMIT, feedLinks } from './settings.ts';
import { absoluteUrl } from './urls.ts';

/** Title of the change log and its feeds. */
export const CHANGES_TITLE = `${site.publisher}: changes`;

/** The change log (newest first) as a feed of its newest dated entries. */
export function changesFeed(entries: readonly ChangeLogEntry[]): FeedModel {
  const items = entries
    .filter((entry): entry is ChangeLogEntry & { date: Date } => entry.date !== undefined)
    .slice(0, FEED_ITEM_LIMIT)
    .map((entry) => changeFeedEntry(entry, changeLogEntryUrl(entries, entry)));
  return {
    title: CHANGES_TITLE,
    description: 'Corrections and updates of our notes and events, and revisions of the data behind them.',
    homeUrl: absoluteUrl(CHANGES_PATH),
    links: feedLinks(CHANGES_PATH, CHANGES_TITLE),
    language: site.language,
    // Newest first, so the first entry's date; the Unix epoch for an empty log keeps output reproducible.
    updated: items[0]?.updated ?? new Date(0),
    entries: items,
  };
}

/** One change as a feed entry. `logUrl` is its place on the change log page. */
export function changeFeedEntry(entry: ChangeLogEntry & { date: Date }, logUrl: string): FeedEntry {
  const link = (url: string, label: string) => `<a href="${escapeHtml(absoluteUrl(url))}">${escapeHtml(label)}</a>`;
  const base = {
    // Permanent whatever page of the log the entry is on now.
    id: absoluteUrl(`${CHANGES_PATH}#${entry.id}`),
    published: entry.date,
    updated: entry.date,
    authors: [site.publisher],
    categories: [],
  };
  switch (entry.kind) {
    case 'update': {
      const image =
        entry.collection === 'events' ? eventOgImagePath({ slug: entry.slug }) : noteOgImagePath({ id: entry.slug });
      return {
        ...base,
        url: absoluteUrl(entry.after.url),
        title: `${entry.title}: ${entry.summary}`,
        summary: `Version ${entry.version}: ${entry.summary}`,
        contentHtml: `<p>${escapeHtml(entry.summary)}</p><p>Version ${entry.version} supersedes ${link(entry.before.url, entry.before.label)}; ${link(entry.after.url, `read ${entry.after.label}`)}.</p>`,
        image: absoluteUrl(image),
      };
    }
    case 'withdrawal':
      return {
        ...base,
        url: absoluteUrl(entry.url),
        title: `Withdrawn: ${entry.title}`,
        summary: entry.reason,
        contentHtml: `<p>${escapeHtml(entry.reason)}</p><p>Every version stays readable; the last was ${link(entry.last.url, entry.last.label)}.</p>`,
        image: absoluteUrl(SITE_OG_IMAGE),
      };
    case 'data': {
      const rows = entry.rows.map((row) => `${row.row}: ${row.change}`);
      const shown = entry.shownIn.map(
        (page) =>
          `<li>${link(page.url, page.title)}: before, ${link(page.before.url, page.before.label)}; after, ${link(page.after.url, page.after.label)}.</li>`,
      );
      return {
        ...base,
        url: absoluteUrl(logUrl),
        title: `Data revised: ${entry.datasetTitle}`,
        summary: `${entry.summary}: ${rows.join('; ')}`,
        contentHtml: `<p>${escapeHtml(entry.summary)}${entry.asOf ? ` (data as of ${formatDate(entry.asOf)})` : ''}.</p><ul>${rows.map((row) => `<li>${escapeHtml(row)}</li>`).join('')}</ul>${shown.length > 0 ? `<p>Shown in:</p><ul>${shown.join('')}</ul>` : ''}`,
        image: absoluteUrl(SITE_OG_IMAGE),
      };
    }
  }
}
