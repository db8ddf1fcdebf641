import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { datasetNames, loadDataset } from '../data/load.ts';
import { type FileSource, workingTree } from '../data/source.ts';
import { eventSchema } from '../events/schema.ts';
import { slugOf } from '../integrations/content-slugs.ts';
import { AssayError, problemsOf } from '../lib/errors.ts';
import { noteSchema } from '../notes/schema.ts';
import { updateDateProblems } from '../versions/dates.ts';
import { normaliseUrl } from '../versions/permalinks.ts';
import { type DatasetUse, missingAsOfProblems } from '../versions/published-data.ts';
import { checkComponent, type DatasetLookup } from './components.ts';
import { type FrontmatterKind, readFrontmatter, validateFrontmatter } from './frontmatter.ts';
import { checkLinks, type Page, type PageKind, type Site, suggestSlug } from './links.ts';
import { byCodeUnit } from './order.ts';
import { type ScannedMdx, scanMdx } from './scan.ts';
import { checkSlugs } from './slugs.ts';

/** What a content check found. */
export interface CheckResult {
  /** Every problem, sorted by file, line and column. */
  problems: AssayError[];
  notes: number;
  events: number;
  datasets: number;
  /** `<Chart>` uses checked. */
  charts: number;
}

const KINDS: Record<PageKind, FrontmatterKind & { dir: string }> = {
  note: { noun: 'note', schema: noteSchema, docs: 'docs/authoring.md', dir: 'content/notes' },
  event: { noun: 'event', schema: eventSchema, docs: 'docs/events.md', dir: 'content/events' },
};

interface PageFile {
  page: Page;
  scanned: ScannedMdx | undefined;
  data: Record<string, unknown> | undefined;
  at: (path: readonly PropertyKey[]) => { line: number; column: number };
}

/**
 * Checks the working tree's content without building it: frontmatter, every dataset, every
 * `<Chart>`/`<Value>`/`<Change>`/`<Callout>` and links between notes and events. Collects
 * every problem instead of stopping at the first. Earlier versions (from git history) are
 * not checked: new rules apply to the working tree only.
 */
export function checkContent(root: string): CheckResult {
  const problems: AssayError[] = [];
  const source = workingTree(root);

  const datasets = new Map<string, ReturnType<DatasetLookup>>();
  const names = datasetNames(source);
  for (const name of names) datasets.set(name, loadOne(name, source, problems, true));
  problems.push(...orphanMetadata(root, names));
  const lookup: DatasetLookup = (name) => datasets.get(name) ?? loadOne(name, source, [], false);

  const files: PageFile[] = [];
  for (const kind of ['note', 'event'] as const) {
    for (const file of mdxFiles(root, KINDS[kind].dir)) files.push(readPage(root, file, kind, problems));
  }
  const site: Site = { note: new Map(), event: new Map() };
  for (const kind of ['note', 'event'] as const) {
    const pages = files.filter((file) => file.page.kind === kind).map((file) => file.page);
    problems.push(...checkSlugs(pages, kind));
    for (const page of pages) if (!site[kind].has(page.slug)) (site[kind] as Map<string, Page>).set(page.slug, page);
  }

  const aliasOwners = new Map<string, Page>();
  let charts = 0;
  for (const file of files) {
    const { page, scanned } = file;
    if (!scanned) continue;
    problems.push(...checkLinks(page, scanned.links, site));
    if (page.kind === 'event') problems.push(...relatedNotes(file, site));
    problems.push(...aliasProblems(file, site, aliasOwners));
    for (const use of scanned.components) {
      if (use.name === 'Chart') charts++;
      if (scanned.ownNames.has(use.name)) continue;
      problems.push(...checkComponent(use, page.file, lookup, scanned.ownNames));
    }
  }
  problems.push(
    ...missingAsOfProblems(datasetUses(files), (name) => {
      const loaded = datasets.get(name);
      return loaded && 'dataset' in loaded ? loaded.dataset.meta : undefined;
    }),
  );
  return {
    problems: sortProblems(problems),
    notes: site.note.size,
    events: site.event.size,
    datasets: names.length,
    charts,
  };
}

/** Datasets published (not draft) notes and events name in `data="…"`, which must state their `asOf`. */
function datasetUses(files: readonly PageFile[]): DatasetUse[] {
  return files.flatMap(({ page, scanned }) =>
    page.draft || !scanned
      ? []
      : scanned.components.flatMap((use) => {
          const data = use.attributes.get('data');
          return data?.kind === 'string' ? [{ file: page.file, dataset: data.value }] : [];
        }),
  );
}

/**
 * A dataset, or the problem loading it. For a dataset in data/ (`listed`), its problems are its
 * own and go to `problems`, once; for a name no file has, the component that names it is at fault.
 */
function loadOne(name: string, source: FileSource, problems: AssayError[], listed: boolean) {
  try {
    return { dataset: loadDataset(name, source) };
  } catch (error) {
    const found = problemsOf(error);
    if (found.length === 0) throw error;
    if (listed) {
      const file = source.read(`data/${name}.tsv`) === undefined ? `data/${name}.csv` : `data/${name}.tsv`;
      problems.push(...found.map((problem) => (problem.file ? problem : problem.at(file))));
    }
    return { error: found[0] as AssayError, ownFault: !listed };
  }
}

/** A `.yml` sidecar without its CSV describes data that is not there. */
function orphanMetadata(root: string, names: readonly string[]): AssayError[] {
  return workingTree(root)
    .list('data')
    .filter((file) => file.endsWith('.yml') && !names.includes(file.slice(0, -'.yml'.length)))
    .map(
      (file) =>
        new AssayError(`data/${file} describes a dataset, but there is no data/${file.replace(/\.yml$/, '.csv')}`, {
          file: `data/${file}`,
          hint: 'add the CSV file next to it, or delete the .yml',
        }),
    );
}

/** Project-relative paths of every .mdx file under `dir`, in any folder. */
function mdxFiles(root: string, dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' });
  } catch {
    return [];
  }
  return entries
    .map((entry) => entry.split(path.sep).join('/'))
    .filter((entry) => entry.endsWith('.mdx') && !entry.split('/').some((part) => part.startsWith('.')))
    .sort()
    .map((entry) => `${dir}/${entry}`);
}

function readPage(root: string, file: string, kind: PageKind, problems: AssayError[]): PageFile {
  // As the content layer names pages (src/content.config.ts).
  const slug = slugOf(file);
  const page: Page = {
    kind,
    slug,
    file,
    draft: false,
    versions: 1,
    anchors: undefined,
    layoutAnchors: new Set(),
    charts: 0,
  };
  const text = readFileSync(path.join(root, file), 'utf8');
  let scanned: ScannedMdx;
  try {
    scanned = scanMdx(text, file);
  } catch (error) {
    problems.push(...problemsOf(error));
    if (problemsOf(error).length === 0) throw error;
    return { page, scanned: undefined, data: undefined, at: () => ({ line: 1, column: 1 }) };
  }
  page.anchors = scanned.anchors;
  page.charts = scanned.components.filter((use) => use.name === 'Chart').length;
  if (!scanned.frontmatter) {
    problems.push(
      new AssayError(`the ${kind} has no frontmatter`, {
        file,
        line: 1,
        column: 1,
        hint: `start the file with a --- line, the fields (${kind === 'note' ? 'title, dek, published, edition and authors' : 'name, summary, start, end, timezone and organiser'}), then another --- line`,
      }),
    );
    return { page, scanned, data: undefined, at: () => ({ line: 1, column: 1 }) };
  }
  const front = readFrontmatter(scanned.frontmatter.text, scanned.frontmatter.line, file);
  problems.push(...front.problems, ...validateFrontmatter(front, KINDS[kind], file));
  problems.push(...updateDateProblems(front.data, front.at, file));
  const data = front.data;
  if (data) {
    page.draft = data.draft === true;
    if (Array.isArray(data.updates)) page.versions = 1 + data.updates.length;
  }
  if (data) page.layoutAnchors = new Set(layoutAnchors(kind, data));
  return { page, scanned, data, at: front.at };
}

/**
 * Ids the page around the text has (src/layouts/Base.astro, src/components/notes/NotePage.astro,
 * events/EventPage.astro, EventAgenda.astro, EventVenue.astro, versions/VersionHistory.astro),
 * each only when that part of the page is there.
 */
function layoutAnchors(kind: PageKind, data: Record<string, unknown>): string[] {
  const listed = (field: string) => (Array.isArray(data[field]) ? (data[field] as unknown[]) : []);
  const ids = ['main', 'versions', 'versions-title'];
  if (kind === 'note') {
    ids.push('article');
    if (listed('sources').length > 0) ids.push('sources-title');
    return ids;
  }
  ids.push('venue-title');
  if (listed('relatedNotes').length > 0) ids.push('related-title');
  const days = listed('days');
  if (days.length > 0) ids.push('agenda-title');
  for (const day of days) {
    const date = (day as { date?: unknown } | null)?.date;
    if (typeof date === 'string') ids.push(`day-${date}`);
  }
  return ids;
}

/** The text items of a list field, each with its index (for its place in the file). */
function textItems(data: Record<string, unknown> | undefined, field: string): [string, number][] {
  const list = data?.[field];
  if (!Array.isArray(list)) return [];
  return list.flatMap((item, index): [string, number][] => (typeof item === 'string' ? [[item, index]] : []));
}

/**
 * `aliases` redirect old addresses here. One that is another page's address, or another
 * file's alias, would be refused only after the whole build (src/versions/permalinks.ts);
 * here it is found at its line. `owners` collects the aliases seen so far.
 */
function aliasProblems(file: PageFile, site: Site, owners: Map<string, Page>): AssayError[] {
  const { page, data, at } = file;
  const problems: AssayError[] = [];
  for (const [alias, index] of textItems(data, 'aliases')) {
    if (!alias.startsWith('/')) continue; // the schema refuses it
    const url = normaliseUrl(alias);
    const problem = (text: string, hint: string) =>
      problems.push(new AssayError(`aliases.${index}: ${text}`, { file: page.file, ...at(['aliases', index]), hint }));
    const match = /^\/(notes|events)\/([^/]+)\/$/.exec(url);
    const target = match ? site[match[1] === 'notes' ? 'note' : 'event'].get(match[2] as string) : undefined;
    const owner = owners.get(url);
    if (target && target !== page) {
      problem(
        `${url} is the address of ${target.file}, so it cannot also redirect here`,
        'list only addresses no page has any more, e.g. the old address of a renamed note',
      );
    } else if (owner && owner !== page) {
      problem(
        `${url} is also an alias of ${owner.file}; it can redirect to one page only`,
        'keep the alias on the page that replaced the old one, and remove it from the other',
      );
    } else owners.set(url, page);
  }
  return problems;
}

/** An event's `relatedNotes` must name published notes: the page lists them. */
function relatedNotes(file: PageFile, site: Site): AssayError[] {
  const problems: AssayError[] = [];
  for (const [slug, index] of textItems(file.data, 'relatedNotes')) {
    const note = site.note.get(slug);
    if (note && !note.draft) continue;
    const problem = note
      ? `relatedNotes: note '${slug}' is a draft, so it is not published`
      : `relatedNotes: there is no note '${slug}'${suggestSlug(slug, site.note)}`;
    problems.push(
      new AssayError(problem, {
        file: file.page.file,
        ...file.at(['relatedNotes', index]),
        hint: 'list notes by slug, the file name without .mdx, e.g. china-magnet-exports-may-2025',
      }),
    );
  }
  return problems;
}

/** By file, then line, then column; problems without a line first in their file. */
export function sortProblems(problems: readonly AssayError[]): AssayError[] {
  return [...problems].sort(
    (a, b) =>
      byCodeUnit(a.file ?? '', b.file ?? '') || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0),
  );
}
