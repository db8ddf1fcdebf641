/**
 * Reused note pages. A build restores a note's page, its email edition and its preview card
 * from the last build (Astro's `experimental.incrementalBuild`) when the key its
 * `getStaticPaths()` returns is unchanged, and Astro has found the route's code and the note's
 * MDX unchanged too. So the key must name everything else those three show:
 *
 * - the note itself: its id, file, content digest (frontmatter and body) and its versions from
 *   git (numbers, dates, summaries and the commits whose data each version draws: a commit
 *   names its data's bytes);
 * - the other notes the page shows, its previous, next and related notes (`noteNeighbours`,
 *   the same function the page lists them with): each one's id and frontmatter, which the
 *   lists show. Which notes those are depends on every note's edition, topics and datasets,
 *   so it is worked out for the key, not assumed;
 * - the change log's data revision entries of the datasets the note reads, where its revision
 *   notices link them (`linkedEntries`), and today's files of those datasets, which the
 *   notices compare the note's figures with (`filesRead`); of every dataset when its MDX does
 *   not tell which it reads (`datasetsReadBy`: a `<Value data={name}>`, a spread);
 * - the code fingerprint (every file under src/, the lockfile, the fonts): a changed layout or
 *   formatter is a new key for every page.
 *
 * Any of these changed is a new key, and the page is rendered again: an edit to one note's
 * prose renders that note's three files again; a new or retitled note renders the notes that
 * show it (a new note, the few just before it); a data revision renders the notes that read
 * the revised dataset. A note whose charts its MDX alone cannot tell (a `{...spread}`, an
 * `import`) has no key and is always rendered, because of what a page does besides its HTML:
 * it stages its charts' CSV and PNG files for `dist/charts/`. For a reused page the build
 * stages them from the MDX instead (`stageReusableCharts`), through the same chart engine.
 */
import path from 'node:path';
import { cacheEnabled } from '../charts/cache.ts';
import { buildChart } from '../charts/engine.ts';
import { chartPropsOf, datasetsReadBy, noteNeighbours } from '../components/notes/note-links.ts';
import { datasetOfFile, loadDataset } from '../data/load.ts';
import { codeFingerprint } from '../lib/code-fingerprint.ts';
import type { ChangeLogEntry } from '../provenance/changelog.ts';
import { changeLog } from '../provenance/collection.ts';
import { changeLogEntryUrl } from '../provenance/site.ts';
import { runtime } from '../runtime/index.ts';
import { siteVersions } from '../versions/site.ts';
import { type Note, noteFile, publishedNotes } from './collection.ts';
import { noteChartData } from './lead-chart.ts';
import { filesDigest, keyJson, reuseKey, sha256, siteInputsHash } from './reuse-key.ts';

/**
 * What a note page takes from the change log: its revision notices link the data revision
 * entry of one of its datasets that `revisionEntryFor` picks (by dataset and revision), at
 * the URL `changeLogEntryUrl` gives (the entry's id, and its place in the log, which sets its
 * page). So those entries, in order, with their URLs; not the titles the log lists, which a
 * retitled note changes, nor entries a notice of this note cannot link.
 */
function linkedEntries(entries: readonly ChangeLogEntry[], datasets: ReadonlySet<string> | undefined) {
  return entries.flatMap((entry) =>
    entry.kind === 'data' && (!datasets || datasets.has(entry.dataset))
      ? [{ href: changeLogEntryUrl(entries, entry), dataset: entry.dataset, revision: entry.revision }]
      : [],
  );
}

/**
 * The files of `data/` a note's page depends on: those of the datasets it reads, and any file
 * that belongs to no dataset; every file when its MDX does not tell which datasets it reads.
 * Another dataset's files are left out: a revision of it changes nothing on this page.
 */
function filesRead(files: readonly [string, string][], datasets: ReadonlySet<string> | undefined) {
  return files.filter(([file]) => {
    const dataset = datasetOfFile(file);
    return !datasets || dataset === undefined || datasets.has(dataset);
  });
}

async function computeKeys(): Promise<ReadonlyMap<string, string>> {
  const index = siteVersions();
  const published = await publishedNotes();
  const site = siteInputsHash({
    code: codeFingerprint(),
    history: {
      available: index.available,
      unavailableReason: index.unavailableReason,
      dataUncommitted: index.dataUncommitted,
      uncommittedData: index.uncommittedData,
      // With uncommitted data, the data a note's revision notice compares with is HEAD's.
      head: index.dataUncommitted ? index.head : undefined,
    },
  });
  const entries = await changeLog();
  const dataFiles = filesDigest(path.join(process.cwd(), 'data'));
  const keys = new Map<string, string>();
  for (const note of published) {
    if (!chartPropsOf(note)) continue;
    const file = noteFile(note);
    const digest = String(note.digest ?? sha256(keyJson({ data: note.data, body: note.body })));
    const { previous, next, related } = noteNeighbours(note, published);
    const shown = (other: Note | undefined) => other && { id: other.id, data: other.data };
    const neighbours = { previous: shown(previous), next: shown(next), related: related.map(shown) };
    const datasets = datasetsReadBy(note);
    keys.set(
      note.id,
      reuseKey(site, {
        id: note.id,
        file,
        digest,
        versions: index.files.get(file),
        neighbours,
        data: filesRead(dataFiles, datasets),
        changes: linkedEntries(entries, datasets),
      }),
    );
  }
  return keys;
}

/**
 * The keys of the notes whose page, email edition and card a build may reuse, by note id; made
 * once per build. Empty in `astro dev`, which renders every request, and with the caches off
 * (`ASSAY_NO_CACHE=1`), when a build makes everything afresh.
 */
export function reuseKeys(): Promise<ReadonlyMap<string, string>> {
  if (import.meta.env.DEV || !cacheEnabled()) return Promise.resolve(new Map());
  const rt = runtime();
  rt.reuseKeys ??= computeKeys();
  return rt.reuseKeys;
}

/** Stages the charts of one note's latest version for `dist/charts/`, from its MDX. */
async function stageChartsOf(note: Note): Promise<void> {
  const charts = chartPropsOf(note) ?? [];
  const { file, data, latestData } = noteChartData(note);
  for (const props of charts) {
    const dataset = loadDataset(String(props.data), props.vintage === 'latest' ? latestData : data);
    await buildChart(props, dataset, { file });
  }
}

/**
 * Has the build stage, once its pages are done, the charts of every keyed note whose page was
 * not rendered: a reused page stages nothing itself. (A rendered page has staged the same
 * charts, since the same props over the same data are the same chart; skipping it saves a
 * cold build reading back 3,000 figures.) The chart-assets integration calls this before it
 * writes the last chart files.
 */
export function stageReusableCharts(notes: readonly Note[], keys: ReadonlyMap<string, string>): void {
  if (import.meta.env.DEV) return;
  const rt = runtime();
  rt.stageReusedCharts ??= async () => {
    for (const note of notes) if (keys.has(note.id) && !rt.renderedNotes.has(note.id)) await stageChartsOf(note);
  };
}

/** Records that a note's latest page was rendered in this build, not reused. */
export function noteRendered(note: Note): void {
  if (!import.meta.env.DEV) runtime().renderedNotes.add(note.id);
}
