/**
 * Reused note pages (src/notes/reuse.ts): a build that restores a note's page, email edition
 * and card from the last build must write the same site, byte for byte, as a build from
 * nothing. The sample site in a git repository of its own is built, changed commit by commit,
 * and built again over its caches; after each change the result is compared with a cold build
 * of a copy of the same repository.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEED_ITEM_LIMIT } from '../../src/feeds/settings.ts';
import { type BuiltSite, buildSite, PROJECT_ROOT, removeSite } from '../helpers/build-site.ts';
import { ScriptedRepo } from '../versions/scripted-repo.ts';

const FIXTURE_CONFIG = path.join(PROJECT_ROOT, 'test/fixtures/sites/astro.fixture.mjs');
const SAMPLE_NOTES = [
  'china-magnet-exports-may-2025',
  'china-magnet-exports-june-2025',
  'china-magnet-exports-july-2025',
];
/**
 * Newer notes without charts, as many as a feed holds (FEED_ITEM_LIMIT) and on the same
 * topics: they push the sample notes out of every feed, whose entries render their bodies and
 * so would stage their charts; a reused sample note's charts must come from its MDX.
 */
const NEWER_NOTES = Array.from({ length: FEED_ITEM_LIMIT }, (_, i) => `later-note-${String(i + 1).padStart(2, '0')}`);
const NOTES = [...SAMPLE_NOTES, ...NEWER_NOTES];
const EDITED = 'china-magnet-exports-july-2025';

/** A newer note's MDX: prose only, published one day after another from September 2025. */
function newerNote(i: number): string {
  const day = new Date(Date.UTC(2025, 8, 1 + i)).toISOString().slice(0, 10);
  return [
    '---',
    `title: Later note ${i + 1}`,
    'dek: A short note without charts.',
    `published: ${day}`,
    'edition: 2025-08',
    'authors: [Assay Research Desk]',
    'topics: [Magnets, Export controls, Germany, United States]',
    '---',
    '',
    `Prose of later note ${i + 1}.`,
    '',
  ].join('\n');
}

/** Every file of a built site with its bytes, by path. */
function tree(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    files.set(path.relative(dir, file), readFileSync(file));
  }
  return files;
}

/** Paths that differ between two built sites: missing on one side, or other bytes. */
function differences(a: string, b: string): string[] {
  const left = tree(a);
  const right = tree(b);
  const paths = new Set([...left.keys(), ...right.keys()]);
  return [...paths].filter((file) => !left.get(file)?.equals(right.get(file) ?? Buffer.alloc(0))).sort();
}

/** The files Astro restored from the last build instead of rendering them, as site paths. */
function restored(output: string): string[] {
  return [...output.matchAll(/[├└]─ (\S+) \(restored\)/g)].map((match) => match[1] as string).sort();
}

/** Whether a note's page in a built site shows `text` (a title: its own, or another note's in its lists). */
const shows = (outDir: string, slug: string, text: string) =>
  readFileSync(path.join(outDir, 'notes', slug, 'index.html'), 'utf8').includes(text);

/** A note's three reusable files. */
const reusable = (slug: string) => [`/notes/${slug}/email.html`, `/notes/${slug}/index.html`, `/og/notes/${slug}.png`];

describe('a build that reuses unchanged note pages', () => {
  mkdirSync(path.join(PROJECT_ROOT, 'test/.tmp'), { recursive: true });
  const parent = mkdtempSync(path.join(PROJECT_ROOT, 'test/.tmp/reuse-'));
  const siteDir = path.join(parent, 'site');
  mkdirSync(siteDir);
  const repo = new ScriptedRepo({ dir: siteDir });
  const built: BuiltSite[] = [];
  // The site's own cache directory, kept from build to build as a CI cache step keeps it.
  const warmEnv = { ASSAY_CACHE_DIR: path.join(parent, 'cache') };
  let copies = 0;

  /** A build over the site's caches. */
  const warm = () => {
    const site = buildSite(siteDir, warmEnv);
    built.push(site);
    expect(site.ok, site.output.slice(-3000)).toBe(true);
    return site;
  };

  /** A build of a fresh copy of the repository as it is now, with no cache of any kind. */
  const cold = () => {
    copies += 1;
    const copy = path.join(parent, `cold-${copies}`);
    cpSync(siteDir, copy, { recursive: true, filter: (from) => !from.includes(`${path.sep}node_modules`) });
    const site = buildSite(copy, { ASSAY_CACHE_DIR: path.join(parent, `cold-cache-${copies}`) });
    built.push(site);
    expect(site.ok, site.output.slice(-3000)).toBe(true);
    expect(restored(site.output)).toEqual([]);
    return site;
  };

  let first: BuiltSite;
  beforeAll(() => {
    cpSync(path.join(PROJECT_ROOT, 'content'), path.join(siteDir, 'content'), { recursive: true });
    cpSync(path.join(PROJECT_ROOT, 'data'), path.join(siteDir, 'data'), { recursive: true });
    writeFileSync(
      path.join(siteDir, 'astro.config.mjs'),
      `export { default } from ${JSON.stringify(FIXTURE_CONFIG)};\n`,
    );
    NEWER_NOTES.forEach((slug, i) => {
      writeFileSync(path.join(siteDir, 'content/notes', `${slug}.mdx`), newerNote(i));
    });
    writeFileSync(path.join(siteDir, '.gitignore'), 'node_modules/\n.astro/\n.assay/\n');
    repo.commit('The sample site', '2025-08-20');
    first = warm();
  }, 300_000);

  afterAll(() => {
    built.forEach(removeSite);
    rmSync(parent, { recursive: true, force: true });
  });

  it('restores every note page, email edition and card when nothing changed, and writes the same site', () => {
    expect(restored(first.output)).toEqual([]);
    const again = warm();
    expect(restored(again.output)).toEqual(NOTES.flatMap(reusable).sort());
    expect(differences(again.outDir, first.outDir)).toEqual([]);
    // Every chart a reused page links is in dist/charts/, staged from the note's MDX.
    const charts = readdirSync(path.join(again.outDir, 'charts'));
    expect(charts.length).toBeGreaterThan(0);
    for (const slug of SAMPLE_NOTES) {
      // Not in any feed (see NEWER_NOTES): nothing renders this note's body in this build.
      expect(readFileSync(path.join(again.outDir, 'rss.xml'), 'utf8')).not.toContain(`/notes/${slug}/`);
      const html = readFileSync(path.join(again.outDir, 'notes', slug, 'index.html'), 'utf8');
      const linked = [...html.matchAll(/\/charts\/([0-9a-f]{16}\.(?:png|csv))/g)].map((match) => match[1]);
      expect(linked.length, slug).toBeGreaterThan(0);
      for (const file of linked) expect(charts, `${slug} links ${file}`).toContain(file);
    }
  }, 300_000);

  it("renders an edited note's files again, reuses the others', and writes what a cold build writes", () => {
    const file = path.join(siteDir, 'content/notes', `${EDITED}.mdx`);
    writeFileSync(file, `${readFileSync(file, 'utf8').trimEnd()}\n\nA sentence added in a later commit.\n`);
    repo.commit('Reword the July note', '2025-08-21');
    const edited = warm();
    const others = NOTES.filter((slug) => slug !== EDITED);
    expect(restored(edited.output)).toEqual(others.flatMap(reusable).sort());
    expect(readFileSync(path.join(edited.outDir, 'notes', EDITED, 'index.html'), 'utf8')).toContain(
      'A sentence added in a later commit.',
    );
    expect(differences(edited.outDir, cold().outDir)).toEqual([]);
  }, 300_000);

  it('renders a new note and the few notes that show it, restores the rest, and writes what a cold build writes', () => {
    const slug = 'later-note-new';
    writeFileSync(
      path.join(siteDir, 'content/notes', `${slug}.mdx`),
      newerNote(NEWER_NOTES.length).replace(/^title: .*$/m, 'title: A newly published note'),
    );
    repo.commit('Publish a new note', '2025-08-22');
    const published = warm();
    const reference = cold();
    expect(differences(published.outDir, reference.outDir)).toEqual([]);
    // The notes whose pages show the new one: its previous note, and those it is related to.
    const showing = NOTES.filter((other) => shows(reference.outDir, other, 'A newly published note'));
    expect(showing.length).toBeGreaterThan(0);
    expect(showing.length).toBeLessThanOrEqual(4);
    expect(restored(published.output)).toEqual(
      NOTES.filter((other) => !showing.includes(other))
        .flatMap(reusable)
        .sort(),
    );
    NOTES.push(slug);
  }, 300_000);

  it('renders a retitled note and the notes that show its title again, and restores pages whose charts are no longer cached', () => {
    const file = path.join(siteDir, 'content/notes', `${SAMPLE_NOTES[1]}.mdx`);
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace(/^title: .*$/m, 'title: "A retitled June note"'));
    repo.commit('Retitle the June note', '2025-08-23');
    const retitled = warm();
    expect(
      readFileSync(path.join(retitled.outDir, 'notes', SAMPLE_NOTES[0] as string, 'index.html'), 'utf8'),
    ).toContain('A retitled June note');
    const reference = cold();
    expect(differences(retitled.outDir, reference.outDir)).toEqual([]);
    const showing = NOTES.filter((other) => shows(reference.outDir, other, 'A retitled June note'));
    expect(showing).toContain(SAMPLE_NOTES[0]);
    expect(showing).toContain(SAMPLE_NOTES[1]);
    expect(restored(retitled.output)).toEqual(
      NOTES.filter((other) => !showing.includes(other))
        .flatMap(reusable)
        .sort(),
    );

    // Astro's copies kept, Assay's cache gone (a CI cache of one folder but not the other):
    // the pages are restored, and their charts drawn again from the notes' MDX.
    const withoutAssayCache = buildSite(siteDir, { ASSAY_CACHE_DIR: path.join(parent, 'emptied-cache') });
    built.push(withoutAssayCache);
    expect(withoutAssayCache.ok, withoutAssayCache.output.slice(-3000)).toBe(true);
    expect(restored(withoutAssayCache.output)).toEqual(NOTES.flatMap(reusable).sort());
    expect(withoutAssayCache.output).toMatch(/\((?!0 )\d+ PNGs rendered, 0 from cache/);
    expect(differences(withoutAssayCache.outDir, reference.outDir)).toEqual([]);
  }, 300_000);
  it('renders the notes that read revised data again, restores the others, as a cold build would write them', () => {
    const file = path.join(siteDir, 'data/china-magnet-exports-world.csv');
    const csv = readFileSync(file, 'utf8');
    expect(csv).toContain('2025-05,1238,stated');
    writeFileSync(file, csv.replace('2025-05,1238,stated', '2025-05,1290,stated'));
    repo.commit('Revise May exports', '2025-08-22');
    const revised = warm();
    const reading = NOTES.filter((slug) =>
      readFileSync(path.join(siteDir, 'content/notes', `${slug}.mdx`), 'utf8').includes(
        'data="china-magnet-exports-world"',
      ),
    );
    expect(reading.length).toBeGreaterThan(0);
    expect(restored(revised.output)).toEqual(
      NOTES.filter((slug) => !reading.includes(slug))
        .flatMap(reusable)
        .sort(),
    );
    // Pages pinned to the data they were published with say it was revised since.
    expect(readFileSync(path.join(revised.outDir, 'notes', SAMPLE_NOTES[0] as string, 'index.html'), 'utf8')).toContain(
      'Revised since publication',
    );
    expect(differences(revised.outDir, cold().outDir)).toEqual([]);
  }, 300_000);
});
