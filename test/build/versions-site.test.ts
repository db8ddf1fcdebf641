import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drawOgCard } from '../../src/og/draw.ts';
import { withdrawnNoteCard } from '../../src/og/site-cards.ts';
import { RENDER_LATEST_VERSIONS_ENV } from '../../src/versions/latest-copies.ts';
import { distFileFor, htmlFiles, metaTags, pngFileSize } from '../feeds/dist.ts';
import { type BuiltSite, buildSite, PROJECT_ROOT, removeSite } from '../helpers/build-site.ts';
import { RETRACTED } from '../og/retracted.ts';
import { EXPORTS_META, ScriptedRepo } from '../versions/scripted-repo.ts';

// Scratch repositories live inside the project so Vite resolves packages from its node_modules.
const SCRATCH = path.join(PROJECT_ROOT, 'test/.tmp');
const FIXTURE_CONFIG = path.join(PROJECT_ROOT, 'test/fixtures/sites/astro.fixture.mjs');

function scratchDir(name: string): string {
  mkdirSync(SCRATCH, { recursive: true });
  return mkdtempSync(path.join(SCRATCH, `${name}-`));
}

function html(site: BuiltSite, urlPath: string): Document {
  return parseHTML(readFileSync(path.join(site.outDir, urlPath, 'index.html'), 'utf8')).document;
}

function chartCsvs(site: BuiltSite, urlPath: string): string[] {
  // Data rows only: the download's '#' header lines name the source and the as-of date.
  return [...html(site, urlPath).querySelectorAll('a.chart__download')].map((a) =>
    readFileSync(path.join(site.outDir, a.getAttribute('href') as string), 'utf8')
      .split('\n')
      .filter((line) => !line.startsWith('#'))
      .join('\n'),
  );
}

const note = (body: string, updates: string[] = [], extra = '', edition = '2025-05') => `---
title: Exports fell
dek: A test note.
published: 2025-06-20
edition: ${edition}
authors: [Tester]
${updates.length > 0 ? `updates:\n${updates.map((u) => `  - { date: 2025-07-01, summary: "${u}" }`).join('\n')}\n` : ''}${extra}---

${body}

<Chart data="exports" type="bar" x="month" y="tonnes" title="Exports" />
`;

/** Monthly exports; May was 1,238 t until the correction made it 1,290 t. */
const csv = (rows: [string, number][]) => `month,tonnes\n${rows.map(([m, t]) => `${m},${t}`).join('\n')}\n`;
const APRIL_MAY: [string, number][] = [
  ['2025-04', 2634],
  ['2025-05', 1238],
];
const CORRECTED: [string, number][] = [
  ['2025-04', 2634],
  ['2025-05', 1290],
  ['2025-06', 3188],
];

/** A long body git cannot see as the same file as another: a rename it misses. */
const rewritten = Array.from({ length: 30 }, (_, i) => `Rewritten paragraph ${i} on magnet exports.`).join('\n\n');

/** Follows _redirects (as a host does) to the page a URL serves. */
function resolve(site: BuiltSite, url: string): string {
  const rules = new Map(
    readFileSync(path.join(site.outDir, '_redirects'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => line.split(' ') as [string, string, string])
      .map(([from, to]) => [from, to]),
  );
  let here = url;
  for (let hops = 0; rules.has(here) && hops < 5; hops++) here = rules.get(here) as string;
  return here;
}

/** The dataset's metadata as it stood at a commit: `asOf` arrived with the correction. */
const exportsMeta = (asOf?: string) =>
  asOf ? EXPORTS_META.replace('licence:', `asOf: ${asOf}\nkey: [month]\nlicence:`) : EXPORTS_META;

/** An event, first published on 2025-06-18, with `updates` entries dated 2025-08-10 onwards. */
const event = (updates: string[] = []) => `---
name: Magnet Summit
summary: Annual meeting of magnet buyers.
published: 2025-06-18
start: "2025-09-22"
end: "2025-09-23"
timezone: America/Toronto
organiser: { name: Assay }
${updates.length > 0 ? `updates:\n${updates.map((u, i) => `  - { date: 2025-08-1${i}, summary: "${u}" }`).join('\n')}\n` : ''}---

Agenda to follow.
`;

describe('versions from a scripted git history', () => {
  let repo: ScriptedRepo;
  let site: BuiltSite;
  let statusBefore: string;
  let statusAfter: string;
  beforeAll(() => {
    repo = new ScriptedRepo({ dir: scratchDir('history') });
    repo.write('.gitignore', readFileSync(path.join(PROJECT_ROOT, '.gitignore'), 'utf8'));
    repo.write('astro.config.mjs', `export { default } from ${JSON.stringify(FIXTURE_CONFIG)};\n`);
    repo.write('data/exports.yml', exportsMeta());
    repo.write('data/exports.csv', csv(APRIL_MAY));
    repo.write('content/notes/old-slug.mdx', note('The first text. May was <Value data="exports" at="2025-05" />.'));
    repo.write('content/notes/alias-old.mdx', note('Alias note first text.'));
    repo.write('content/notes/retracted.mdx', note('Retracted note first text.', [], '', '2025-04'));
    repo.write('content/events/summit.mdx', event());
    repo.commit('v1: publish', '2025-06-20');
    repo.write('data/exports.csv', csv([...APRIL_MAY, ['2025-06', 3188]]));
    repo.commit('append June data', '2025-07-01');
    repo.write(
      'content/notes/old-slug.mdx',
      note('The first text, with a typo fixed. May was <Value data="exports" at="2025-05" />.'),
    );
    repo.commit('typo', '2025-07-02');
    // The correction: May 1,238 t -> 1,290 t in the data, with its updates entry.
    repo.write(
      'content/notes/old-slug.mdx',
      note('The corrected text. May was <Value data="exports" at="2025-05" />.', ['Corrected the May figure']),
    );
    repo.write('content/notes/alias-old.mdx', note('Alias note corrected.', ['Corrected the alias note']));
    repo.write('content/notes/retracted.mdx', note('Retracted note corrected.', ['Corrected'], '', '2025-04'));
    repo.write('data/exports.csv', csv(CORRECTED));
    repo.write('data/exports.yml', exportsMeta('2025-07-20'));
    repo.commit('correction', '2025-07-03');
    repo.write('data/exports.csv', csv([...CORRECTED, ['2025-07', 5577]]));
    repo.write('data/exports.yml', exportsMeta('2025-08-20'));
    repo.commit('append July data', '2025-08-01');
    repo.move('content/notes/old-slug.mdx', 'content/notes/new-slug.mdx');
    // A rename git cannot see (rewritten under a new name), declared with aliases.
    repo.git('rm', '-q', 'content/notes/alias-old.mdx');
    repo.write(
      'content/notes/alias-new.mdx',
      note(rewritten, ['Corrected the alias note', 'Rewritten'], 'aliases: ["/notes/alias-old/"]\n'),
    );
    repo.commit('rename', '2025-08-02');
    // Withdrawn: its URL becomes a notice; its month (April) has no other note.
    repo.write(
      'content/notes/retracted.mdx',
      note(
        'Retracted note corrected.',
        ['Corrected'],
        'withdrawn: { date: 2025-09-01, reason: "The source retracted its May figures." }\n',
        '2025-04',
      ),
    );
    repo.commit('withdraw', '2025-09-01');
    repo.write('content/events/summit.mdx', event(['Venue confirmed']));
    repo.commit('venue', '2025-11-26');
    // Not committed: a test note, a new event with two updates (it crashed the versions
    // reader), and August figures being typed in.
    repo.write('content/notes/scratch.mdx', note('A scratch note.'));
    repo.write('content/events/new-summit.mdx', event(['Venue confirmed', 'Speakers announced']));
    repo.write('data/exports.csv', csv([...CORRECTED, ['2025-07', 5577], ['2025-08', 6000]]));
    statusBefore = repo.git('status', '--porcelain');
    site = buildSite(repo.root, { ASSAY_BUILD_DATE: '2025-12-01' });
    statusAfter = repo.git('status', '--porcelain');
    if (!site.ok) throw new Error(site.output);
  });
  afterAll(() => {
    removeSite(site);
    rmSync(repo.dir, { recursive: true, force: true });
  });

  it('changes no file git tracks or sees: the build records nothing in the repository', () => {
    expect(statusAfter).toBe(statusBefore);
  });

  it('says that published pages do not show uncommitted data, once per dataset', () => {
    const lines = site.output.split('\n').filter((line) => line.includes('data/exports.csv: uncommitted changes'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('published pages show the committed data');
    const [latest] = chartCsvs(site, '/notes/new-slug/');
    expect(latest).not.toContain('2025-08');
  });

  it('builds a new, uncommitted event with two updates as a draft', () => {
    expect(html(site, '/events/new-summit/').querySelector('#versions')?.textContent).toContain(
      'The newest version is an unpublished draft.',
    );
  });

  it('serves the latest version at the note URL and at /v2/, the first at /v1/ with its own text', () => {
    const latest = html(site, '/notes/new-slug/');
    expect(latest.querySelector('main')?.textContent).toContain('The corrected text.');
    expect(html(site, '/notes/new-slug/v2/').querySelector('main')?.textContent).toContain('The corrected text.');
    const first = html(site, '/notes/new-slug/v1/');
    // v1 is the newest text with no updates entries: the typo fix is in, the correction is not.
    expect(first.querySelector('main')?.textContent).toContain('The first text, with a typo fixed.');
    expect(first.querySelector('main')?.textContent).not.toContain('corrected');
  });

  it('marks earlier versions with a banner, noindex and a canonical link to the latest', () => {
    const first = html(site, '/notes/new-slug/v1/');
    expect(first.querySelector('.version-banner')?.textContent?.replace(/\s+/g, ' ')).toMatch(
      /You are reading version 1 of 2, published 20 June 2025\. Superseded by version 2 on 1 July 2025: Corrected the May figure\. What changed\. Read the latest version/,
    );
    const bannerLinks = [...first.querySelectorAll('.version-banner a')].map((a) => a.getAttribute('href'));
    expect(bannerLinks).toEqual(['/notes/new-slug/v2/diff/', '/notes/new-slug/', '/changes/']);
    expect(first.querySelector('meta[name="robots"]')?.getAttribute('content')).toBe('noindex');
    expect(first.querySelector('link[rel="canonical"]')?.getAttribute('href')).toMatch(/\/notes\/new-slug\/$/);
    expect(html(site, '/notes/new-slug/').querySelector('.version-banner')).toBeNull();
  });

  it('shows a change log linking each update to the version it superseded', () => {
    const log = html(site, '/notes/new-slug/').querySelector('#versions');
    expect(log?.textContent).toContain('This is version 2 of 2.');
    expect(log?.textContent).toContain('Corrected the May figure');
    expect(log?.textContent).toContain('1 July 2025');
    const links = [...(log?.querySelectorAll('a') ?? [])].map((a) => a.getAttribute('href'));
    expect(links).toContain('/notes/new-slug/v1/');
  });

  it('reads each version’s charts at its data vintage, ignoring data appended later', () => {
    const [v1] = chartCsvs(site, '/notes/new-slug/v1/');
    expect(v1).toContain('2025-05');
    expect(v1).not.toContain('2025-06');
    const [latest] = chartCsvs(site, '/notes/new-slug/');
    expect(latest).toContain('2025-06');
    expect(latest).not.toContain('2025-07');
  });

  it("says 'data as of' the dataset's own asOf at the vintage, and moves the commit into About this data", () => {
    const first = html(site, '/notes/new-slug/v1/');
    // v1's data vintage predates asOf: no date rather than a commit date.
    expect(first.querySelector('.chart__source')?.textContent).not.toMatch(/data as of|data version/);
    const about = first.querySelector('details.chart__about');
    expect(about?.querySelector('summary')?.textContent).toBe('About this data');
    const v1Commit = repo.git('rev-list', '--max-parents=0', 'HEAD').trim().slice(0, 7);
    expect(about?.textContent).toContain(`Data version ${v1Commit}`);
    expect(about?.textContent).toMatch(/Dataset fingerprint [0-9a-f]{16}/);
    const csv = about?.querySelector('a')?.getAttribute('href');
    expect(csv).toBe(first.querySelector('a.chart__download')?.getAttribute('href'));
    // The latest version's vintage is the correction, whose metadata says 2025-07-20 (not
    // 2025-08-20, written later with July's rows).
    const latest = html(site, '/notes/new-slug/');
    const source = latest.querySelector('.chart__source')?.textContent ?? '';
    expect(source).toContain('data as of 20 July 2025');
    expect(latest.querySelector('.chart__source time')?.getAttribute('datetime')).toBe('2025-07-20');
    expect(latest.querySelector('details.chart__about')?.textContent).not.toContain(v1Commit);
  });

  it('shows content dates only, the same on pages, feeds, the sitemap and /versions.json', () => {
    const manifest = JSON.parse(readFileSync(path.join(site.outDir, 'versions.json'), 'utf8'));
    const noteEntry = manifest.entries.find((e: { id: string }) => e.id === 'new-slug');
    expect(noteEntry).toMatchObject({ firstPublished: '2025-06-20', lastUpdated: '2025-07-01' });
    expect(noteEntry.versions.map((v: { date: string }) => v.date)).toEqual(['2025-06-20', '2025-07-01']);
    // The event: its own `published` (2025-06-18), not its first commit (2025-06-20); its
    // update's date (2025-08-10), not the commit's (2025-11-26).
    const eventEntry = manifest.entries.find((e: { id: string }) => e.id === 'summit');
    expect(eventEntry).toMatchObject({ firstPublished: '2025-06-18', lastUpdated: '2025-08-10' });
    for (const entry of manifest.entries) {
      for (const version of entry.versions) {
        expect(version.date >= entry.firstPublished && version.date <= entry.lastUpdated).toBe(true);
      }
    }
    expect(manifest.entries.map((e: { id: string }) => e.id)).not.toContain('scratch');

    const eventLog = html(site, '/events/summit/').querySelector('#versions')?.textContent ?? '';
    expect(eventLog).toContain('18 June 2025');
    expect(eventLog).toContain('10 August 2025');
    const notePage = html(site, '/notes/new-slug/');
    expect(notePage.querySelector('.note time')?.getAttribute('datetime')).toBe('2025-06-20');
    // No commit date appears as a date anywhere on the pages: 3 July (correction), 2 August (rename), 26 November (venue).
    for (const page of ['/notes/new-slug/', '/notes/new-slug/v1/', '/events/summit/', '/events/summit/v1/']) {
      expect(html(site, page).querySelector('main')?.textContent).not.toMatch(
        /3 July 2025|2 August 2025|26 November 2025/,
      );
    }

    const rss = readFileSync(path.join(site.outDir, 'rss.xml'), 'utf8');
    const item = rss.split('<item>').find((part) => part.includes('/notes/new-slug/')) ?? '';
    expect(item).toContain('<pubDate>Fri, 20 Jun 2025 00:00:00 GMT</pubDate>');
    const feed = JSON.parse(readFileSync(path.join(site.outDir, 'feed.json'), 'utf8'));
    const feedItem = feed.items.find((i: { url: string }) => i.url.endsWith('/notes/new-slug/'));
    expect(feedItem.date_published.slice(0, 10)).toBe(noteEntry.firstPublished);
    expect(feedItem.date_modified.slice(0, 10)).toBe(noteEntry.lastUpdated);
    const atom = readFileSync(path.join(site.outDir, 'atom.xml'), 'utf8');
    const atomEntry = atom.split('<entry>').find((part) => part.includes('/notes/new-slug/')) ?? '';
    expect(atomEntry).toContain(`<updated>${noteEntry.lastUpdated}T00:00:00.000Z</updated>`);
    const sitemap = readdirSync(site.outDir)
      .filter((file) => /^sitemap.*\.xml$/.test(file))
      .map((file) => readFileSync(path.join(site.outDir, file), 'utf8'))
      .join('');
    expect(sitemap).toMatch(/\/notes\/new-slug\/<\/loc><lastmod>2025-07-01<\/lastmod>/);
  });

  it('redirects the old slug and its versions after a rename', () => {
    const redirects = readFileSync(path.join(site.outDir, '_redirects'), 'utf8');
    expect(redirects).toContain('/notes/old-slug/ /notes/new-slug/ 301');
    expect(redirects).toContain('/notes/old-slug/v1/ /notes/new-slug/v1/ 301');
    const page = readFileSync(path.join(site.outDir, 'notes/old-slug/index.html'), 'utf8');
    expect(page).toContain('url=https://assay.example.com/notes/new-slug/');
  });

  it('shows what changed in version 2: words and cells, old and new, readable without colour', () => {
    const diff = html(site, '/notes/new-slug/v2/diff/');
    expect(diff.querySelector('meta[name="robots"]')?.getAttribute('content')).toBe('noindex');
    expect(diff.querySelector('h1')?.textContent).toBe('Version 2 against version 1');
    const text = diff.querySelector('.version-diff__text');
    const removed = [...(text?.querySelectorAll('del') ?? [])].map((d) => d.textContent);
    const added = [...(text?.querySelectorAll('ins') ?? [])].map((d) => d.textContent);
    // The body, the <Value> in it read at each version's data: 1,238 t then 1,290 t.
    expect(removed.join(' ')).toMatch(/removed: first.*removed: 1,238/);
    expect(added.join(' ')).toMatch(/added: corrected.*added: 1,290/);
    // Each mark says what it is in words, for readers who see no colour or no underline.
    for (const mark of text?.querySelectorAll('ins, del') ?? [])
      expect(mark.querySelector('.visually-hidden')?.textContent).toMatch(/^(added|removed): $/);
    const cells = [...diff.querySelectorAll('.version-diff__cells tbody tr')].map((row) =>
      [...row.children].map((cell) => cell.textContent?.replace(/^(removed|added): /, '')),
    );
    expect(cells).toEqual([['May 2025', 'Exports (t)', '1,238', '1,290']]);
    expect(diff.querySelector('.version-diff__figures')?.textContent).toContain('Rows added: Jun 2025.');
    // Linked from the version history; no diff for version 1, and none in the sitemap.
    const history = [...html(site, '/notes/new-slug/').querySelectorAll('#versions a')].map((a) =>
      a.getAttribute('href'),
    );
    expect(history).toContain('/notes/new-slug/v2/diff/');
    expect(existsSync(path.join(site.outDir, 'notes/new-slug/v1/diff/index.html'))).toBe(false);
    expect(readFileSync(path.join(site.outDir, 'sitemap.xml'), 'utf8')).not.toContain('/diff/');
    expect(html(site, '/events/summit/v2/diff/').querySelector('h1')?.textContent).toBe('Version 2 against version 1');
    const manifest = JSON.parse(readFileSync(path.join(site.outDir, 'versions.json'), 'utf8'));
    const entry = manifest.entries.find((e: { id: string }) => e.id === 'new-slug');
    expect(entry.versions.map((v: { diff?: string }) => v.diff)).toEqual([undefined, '/notes/new-slug/v2/diff/']);
  });

  it('joins a rename git cannot see, declared with aliases: old version URLs lead to the same versions', () => {
    const manifest = JSON.parse(readFileSync(path.join(site.outDir, 'versions.json'), 'utf8'));
    const ids = manifest.entries.map((e: { id: string }) => e.id);
    expect(ids).toContain('alias-new');
    expect(ids).not.toContain('alias-old');
    const entry = manifest.entries.find((e: { id: string }) => e.id === 'alias-new');
    expect(entry.versions.map((v: { summary: string }) => v.summary)).toEqual([
      'First published',
      'Corrected the alias note',
      'Rewritten',
    ]);
    expect(resolve(site, '/notes/alias-old/v2/')).toBe('/notes/alias-new/v2/');
    expect(html(site, '/notes/alias-new/v3/diff/').querySelector('.version-diff__text del')?.textContent).toContain(
      'Alias',
    );
  });

  it('serves every /vN/ URL ever published, or redirects it, to that same version of the same note', () => {
    const published: [string, string][] = [
      ['/notes/old-slug/v1/', 'The first text, with a typo fixed.'],
      ['/notes/old-slug/v2/', 'The corrected text.'],
      ['/notes/alias-old/v1/', 'Alias note first text.'],
      ['/notes/alias-old/v2/', 'Alias note corrected.'],
      ['/notes/retracted/v1/', 'Retracted note first text.'],
      ['/notes/retracted/v2/', 'Retracted note corrected.'],
    ];
    const texts = published.map(([, text]) => text);
    for (const [url, text] of published) {
      const main = html(site, resolve(site, url)).querySelector('.prose')?.textContent ?? '';
      expect(main, url).toContain(text);
      for (const other of texts) if (other !== text && !text.startsWith(other)) expect(main, url).not.toContain(other);
    }
    const manifest = JSON.parse(readFileSync(path.join(site.outDir, 'versions.json'), 'utf8'));
    for (const entry of manifest.entries)
      for (const version of entry.versions)
        expect(existsSync(path.join(site.outDir, version.url, 'index.html')), version.url).toBe(true);
  });

  it('keeps a withdrawn note’s URL as a withdrawal notice, every version readable, out of lists, feeds and the sitemap', () => {
    const notice = html(site, '/notes/retracted/');
    expect(notice.querySelector('.withdrawn__kicker')?.textContent).toBe('Withdrawn');
    expect([...notice.querySelectorAll('.withdrawn__notice p')].map((p) => p.textContent?.trim())).toEqual([
      'This note was withdrawn on 1 September 2025.',
      'The source retracted its May figures.',
    ]);
    expect([...notice.querySelectorAll('.withdrawn__versions a')].map((a) => a.getAttribute('href'))).toEqual([
      '/notes/retracted/v2/',
      '/notes/retracted/v2/diff/',
      '/notes/retracted/v1/',
    ]);
    expect(notice.querySelector('meta[name="robots"]')?.getAttribute('content')).toBe('noindex');
    expect(notice.querySelector('[data-pagefind-body]')).toBeNull();
    // Its latest version is at /v2/, as published, with a banner saying it was withdrawn.
    const latest = html(site, '/notes/retracted/v2/');
    expect(latest.querySelector('.prose')?.textContent).toContain('Retracted note corrected.');
    expect(latest.querySelector('.version-banner')?.textContent?.replace(/\s+/g, ' ')).toContain(
      'This note was withdrawn on 1 September 2025: The source retracted its May figures.',
    );
    for (const feed of ['rss.xml', 'atom.xml', 'feed.json', 'sitemap.xml'])
      expect(readFileSync(path.join(site.outDir, feed), 'utf8'), feed).not.toContain('/notes/retracted/');
    expect(html(site, '/notes/').querySelector('main')?.textContent).not.toContain('Retracted');
    const manifest = JSON.parse(readFileSync(path.join(site.outDir, 'versions.json'), 'utf8'));
    expect(manifest.entries.find((e: { id: string }) => e.id === 'retracted')?.withdrawn).toEqual({
      date: '2025-09-01',
      reason: 'The source retracted its May figures.',
    });
    const withdrawal = html(site, '/changes/').querySelector('#notes-retracted-withdrawn');
    expect(withdrawal?.textContent?.replace(/\s+/g, ' ')).toContain(
      'Exports fell was withdrawn: The source retracted its May figures.',
    );
    expect(withdrawal?.querySelector('.changes__versions a')?.getAttribute('href')).toBe('/notes/retracted/v2/');
    // Its month page, April, has no other note: it goes to the archive, not to a made-up URL.
    expect(resolve(site, '/notes/2025/04/')).toBe('/notes/');
    expect(readFileSync(path.join(site.outDir, '_redirects'), 'utf8')).not.toMatch(/\/notes\/2025\/04\/v\d/);
  });

  it('gives every page a preview card in dist/, and the withdrawn note a card that says so', async () => {
    const images = new Set<string>();
    for (const file of htmlFiles(site.outDir).filter((f) => !f.endsWith('email.html'))) {
      const page = readFileSync(path.join(site.outDir, file), 'utf8');
      // Redirect stubs (a renamed note's old URLs) send readers on, with no card of their own.
      if (page.includes('<meta http-equiv="refresh"')) continue;
      const image = metaTags(page).get('og:image')?.[0];
      expect(image, `og:image in ${file}`).toBeTruthy();
      const imageFile = distFileFor(site.outDir, image as string);
      expect(imageFile && existsSync(imageFile), `${image} (from ${file}) in dist`).toBe(true);
      expect(pngFileSize(imageFile as string), image).toEqual({ width: 1200, height: 630 });
      images.add(image as string);
    }
    const card = 'https://assay.example.com/og/notes/retracted.png';
    // The withdrawal notice and every version of the withdrawn note preview with its card.
    for (const page of ['/notes/retracted/', '/notes/retracted/v1/', '/notes/retracted/v2/'])
      expect(metaTags(readFileSync(path.join(site.outDir, page, 'index.html'), 'utf8')).get('og:image'), page).toEqual([
        card,
      ]);
    expect(images).toContain(card);
    // It is the withdrawn card (no chart; "Withdrawn", the date and the reason), not a note's usual card.
    const png = readFileSync(path.join(site.outDir, 'og/notes/retracted.png'));
    const withdrawn = withdrawnNoteCard(RETRACTED);
    expect(withdrawn.status).toBe('Withdrawn');
    expect(png.equals(await drawOgCard(withdrawn))).toBe(true);
    expect(png.equals(readFileSync(path.join(site.outDir, 'og/notes/new-slug.png')))).toBe(false);
  }, 60_000);

  it('lists every version in /versions.json with its commit and data vintage', () => {
    const manifest = JSON.parse(readFileSync(path.join(site.outDir, 'versions.json'), 'utf8'));
    const entry = manifest.entries.find((e: { id: string }) => e.id === 'new-slug');
    expect(entry.versions.map((v: { url: string }) => v.url)).toEqual(['/notes/new-slug/v1/', '/notes/new-slug/v2/']);
    expect(entry.versions[1].summary).toBe('Corrected the May figure');
    expect(entry.versions[0].datasets[0]).toMatchObject({ name: 'exports', latest: false });
    expect(entry.versions[0].datasets[0].hash).not.toBe(entry.versions[1].datasets[0].hash);
  });

  it("copies the latest page to its version's permanent URL exactly as rendering it would", () => {
    // A build copies the latest page instead of rendering /v2/ again (versions/latest-copies.ts);
    // rendered, the page must come out byte for byte the same, or the copy would be wrong.
    const rendered = buildSite(repo.root, { ASSAY_BUILD_DATE: '2025-09-01', [RENDER_LATEST_VERSIONS_ENV]: '1' });
    try {
      expect(rendered.ok, rendered.output).toBe(true);
      const read = (s: BuiltSite) => readFileSync(path.join(s.outDir, 'notes/new-slug/v2/index.html'), 'utf8');
      expect(read(site)).toBe(read(rendered));
      expect(read(site)).not.toContain('data-pagefind-body');
      // new-slug's v2, alias-new's v3 and the event's v2; the withdrawn note's v2 is rendered.
      expect(site.output).toMatch(/3 latest versions' pages copied/);
    } finally {
      removeSite(rendered);
    }
  });

  it('guards the URLs committed history published, and forgets a test note never committed', () => {
    expect(existsSync(path.join(repo.root, 'permalinks.json'))).toBe(false);
    // The scratch note and event were built once; deleting them (and the CSV edit) breaks nothing.
    rmSync(path.join(repo.root, 'content/notes/scratch.mdx'));
    rmSync(path.join(repo.root, 'content/events/new-summit.mdx'));
    repo.git('checkout', '--', 'data/exports.csv');
    const again = buildSite(repo.root, { ASSAY_BUILD_DATE: '2025-12-01' });
    removeSite(again);
    expect(again.ok, again.output).toBe(true);
    expect(again.output).not.toContain('uncommitted changes');
    expect(repo.git('status', '--porcelain')).toBe('');
    // Deleting a published note would break published links.
    rmSync(path.join(repo.root, 'content/notes/new-slug.mdx'));
    const broken = buildSite(repo.root, { ASSAY_BUILD_DATE: '2025-12-01' });
    removeSite(broken);
    repo.git('checkout', '--', '.');
    expect(broken.ok).toBe(false);
    expect(broken.output).toContain(
      'content/notes/new-slug.mdx: this published note was deleted: 6 URLs published in git history would disappear without a redirect:',
    );
    expect(broken.output).toContain('/notes/new-slug/v2/');
    expect(broken.output).toContain('/notes/old-slug/');
    expect(broken.output).toContain('hint: restore it and withdraw it instead');
    expect(broken.output).toContain('withdrawn: { date: YYYY-MM-DD, reason: "…" }');
    expect(repo.git('status', '--porcelain')).toBe('');
  });
});

describe('history the build needs', () => {
  it('fails a shallow clone with the fixes, unless versions are explicitly waived', () => {
    const dir = scratchDir('shallow');
    try {
      execFileSync('git', ['clone', '-q', '--depth', '1', `file://${PROJECT_ROOT}`, dir]);
      const failed = buildSite(dir);
      removeSite(failed);
      expect(failed.ok).toBe(false);
      expect(failed.output).toContain('git fetch --unshallow');
      // The preview (npm run build:preview): it builds, and every page says it is not for publishing.
      const waived = buildSite(dir, { ASSAY_ALLOW_NO_HISTORY: '1' });
      expect(waived.ok, waived.output).toBe(true);
      expect(waived.output).toContain('PREVIEW build, not for publishing');
      for (const page of ['/', '/notes/china-magnet-exports-may-2025/']) {
        const doc = html(waived, page);
        expect(doc.querySelector('meta[name="robots"]')?.getAttribute('content')).toBe('noindex');
        expect(doc.querySelector('.preview-notice')?.textContent).toMatch(
          /^Preview: built without the site's git history/,
        );
      }
      expect(readFileSync(path.join(waived.outDir, 'robots.txt'), 'utf8')).toContain('Disallow: /');
      removeSite(waived);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('builds byte-identical sites from two checkouts of the same commit', () => {
    const a = scratchDir('checkout-a');
    const b = scratchDir('checkout-b');
    try {
      for (const dir of [a, b]) execFileSync('git', ['clone', '-q', PROJECT_ROOT, dir]);
      const first = buildSite(a, { ASSAY_BUILD_DATE: '2026-01-15' });
      const second = buildSite(b, { ASSAY_BUILD_DATE: '2026-01-15' });
      expect(first.ok, first.output).toBe(true);
      expect(second.ok, second.output).toBe(true);
      const files = listFiles(first.outDir);
      expect(listFiles(second.outDir)).toEqual(files);
      const differing = files.filter(
        (file) => !readFileSync(path.join(first.outDir, file)).equals(readFileSync(path.join(second.outDir, file))),
      );
      expect(differing).toEqual([]);
      removeSite(first);
      removeSite(second);
    } finally {
      rmSync(a, { recursive: true, force: true });
      rmSync(b, { recursive: true, force: true });
    }
  });
});

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(path.join(dir, prefix), { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory() ? listFiles(dir, path.join(prefix, entry.name)) : [path.join(prefix, entry.name)],
    )
    .sort();
}
