import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportRevisions } from '../../src/integrations/revisions.ts';
import { loadVersionIndex } from '../../src/versions/index.ts';
import { elements, parseStrictXml, textOf } from '../feeds/strict-xml.ts';
import { type BuiltSite, buildSite, PROJECT_ROOT, removeSite } from '../helpers/build-site.ts';
import { ScriptedRepo } from '../versions/scripted-repo.ts';

// Scratch repositories live inside the project so Vite resolves packages from its node_modules.
const SCRATCH = path.join(PROJECT_ROOT, 'test/.tmp');
const FIXTURE_CONFIG = path.join(PROJECT_ROOT, 'test/fixtures/sites/astro.fixture.mjs');

const exportsMeta = (asOf: string, revisions: [string, string][] = []) => `title: Magnet exports
description: Monthly exports in tonnes, made up for revision tests.
source:
  name: Test customs office
unit: tonnes
licence: Test data.
asOf: ${asOf}
key: [month]
${revisions.length > 0 ? `revisions:\n${revisions.map(([date, summary]) => `  - { date: ${date}, summary: "${summary}" }`).join('\n')}\n` : ''}columns:
  month: { type: date, format: "%Y-%m", label: Month }
  tonnes: { type: number, label: Exports, unit: t, format: ",.0f" }
  basis: { type: string, label: Basis, values: [stated, derived] }
`;
const exportsCsv = (rows: [string, number, string?][]) =>
  `month,tonnes,basis\n${rows.map(([month, tonnes, basis = 'stated']) => `${month},${tonnes},${basis}`).join('\n')}\n`;

/** Prices declare no key: their revisions cannot be told from additions. */
const pricesMeta = `title: Magnet prices
description: Made up.
source:
  name: Test exchange
unit: USD/kg
licence: Test data.
asOf: 2025-06-20
columns:
  month: { type: date, format: "%Y-%m" }
  usd: { type: number, unit: USD/kg }
`;

const note = (title: string, published: string, body: string, updates: [string, string][] = [], chart = '') => `---
title: ${title}
dek: A test note.
published: ${published}
edition: ${published.slice(0, 7)}
authors: [Tester]
${updates.length > 0 ? `updates:\n${updates.map(([date, summary]) => `  - { date: ${date}, summary: "${summary}" }`).join('\n')}\n` : ''}---

${body}

<Chart data="exports" type="bar" x="month" y="tonnes" title="Exports"${chart} />
`;

const MAY_BODY = 'May exports were <Value data="exports" at="2025-05" />.';
const JUNE_BODY =
  'April exports were <Value data="exports" at="2025-04" />; prices stood at <Value data="prices" at="2025-05" />.';

describe('revisions and the change log from a scripted git history', () => {
  let repo: ScriptedRepo;
  let site: BuiltSite;
  let statusBefore: string;
  const html = (urlPath: string) =>
    parseHTML(readFileSync(path.join(site.outDir, urlPath, 'index.html'), 'utf8')).document;
  const file = (name: string) => readFileSync(path.join(site.outDir, name), 'utf8');

  beforeAll(() => {
    mkdirSync(SCRATCH, { recursive: true });
    repo = new ScriptedRepo({ dir: mkdtempSync(path.join(SCRATCH, 'revisions-')) });
    repo.write('.gitignore', readFileSync(path.join(PROJECT_ROOT, '.gitignore'), 'utf8'));
    repo.write('astro.config.mjs', `export { default } from ${JSON.stringify(FIXTURE_CONFIG)};\n`);
    const april = (tonnes = 2634): [string, number] => ['2025-04', tonnes];
    // 1. The May note, on March to May.
    repo.write('data/exports.yml', exportsMeta('2025-06-20'));
    repo.write('data/exports.csv', exportsCsv([['2025-03', 5383, 'derived'], april(), ['2025-05', 1238]]));
    repo.write('data/prices.yml', pricesMeta);
    repo.write('data/prices.csv', 'month,usd\n2025-05,80\n');
    repo.write('content/notes/may.mdx', note('Exports fell in May', '2025-06-20', MAY_BODY));
    repo.commit('may note', '2025-06-20');
    // 2. June rows appended (no revision) and the June note, which shows May too.
    const june: [string, number] = ['2025-06', 3188];
    repo.write('data/exports.yml', exportsMeta('2025-07-20'));
    repo.write('data/exports.csv', exportsCsv([['2025-03', 5383, 'derived'], april(), ['2025-05', 1238], june]));
    repo.write(
      'content/notes/june.mdx',
      note('Exports rebounded in June', '2025-07-20', JUNE_BODY, [], ' from="2025-05"'),
    );
    repo.commit('june note', '2025-07-20');
    // 3. A correction with an entry: May revised, the May note updated in the same commit.
    const may: [string, number] = ['2025-05', 1290];
    const revised: [string, string][] = [['2025-07-25', 'The customs office revised May exports']];
    repo.write('data/exports.yml', exportsMeta('2025-07-25', revised));
    repo.write('data/exports.csv', exportsCsv([['2025-03', 5383, 'derived'], april(), may, june]));
    const mayUpdates: [string, string][] = [['2025-07-25', 'Corrected the May figure']];
    repo.write('content/notes/may.mdx', note('Exports fell in May', '2025-06-20', MAY_BODY, mayUpdates));
    repo.commit('correct may', '2025-07-25');
    // 4. July appended; 5. April corrected without an entry anywhere; prices revised (no key).
    const july: [string, number] = ['2025-07', 5577];
    repo.write('data/exports.yml', exportsMeta('2025-08-20', revised));
    repo.write('data/exports.csv', exportsCsv([['2025-03', 5383, 'derived'], april(), may, june, july]));
    repo.commit('july rows', '2025-08-20');
    repo.write('data/exports.yml', exportsMeta('2025-08-25', revised));
    repo.write('data/exports.csv', exportsCsv([['2025-03', 5383, 'derived'], april(2650), may, june, july]));
    repo.write('data/prices.csv', 'month,usd\n2025-05,82\n');
    repo.commit('april revised', '2025-08-25');
    // 6. The derived March row removed, with an entry.
    const dropped: [string, string][] = [...revised, ['2025-09-20', 'Dropped the derived March estimate']];
    repo.write('data/exports.yml', exportsMeta('2025-09-20', dropped));
    repo.write('data/exports.csv', exportsCsv([april(2650), may, june, july]));
    repo.commit('drop march', '2025-09-20');
    // 7. Two entries in one commit: the May note takes in both revisions.
    const twoMore: [string, string][] = [
      ...mayUpdates,
      ['2025-09-21', 'Took in the revised April figure'],
      ['2025-09-22', 'Dropped the March estimate'],
    ];
    repo.write('content/notes/may.mdx', note('Exports fell in May', '2025-06-20', MAY_BODY, twoMore));
    repo.commit('may note takes in revisions', '2025-09-22');
    statusBefore = repo.git('status', '--porcelain');
    site = buildSite(repo.root, { ASSAY_BUILD_DATE: '2025-10-01' });
    if (!site.ok) throw new Error(site.output);
  });
  afterAll(() => {
    if (site) removeSite(site);
    repo?.remove();
  });

  it('shows a notice under the chart of a note whose figures were revised since, with both values', () => {
    const page = html('/notes/june/');
    const notice = page.querySelector('figure.chart .revision-notice');
    expect(notice?.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      'Revised since publication: May 2025, 1,238 t → 1,290 t (data as of 20 September 2025). See the change log.',
    );
    expect(notice?.querySelector('time')?.getAttribute('datetime')).toBe('2025-09-20');
    expect(notice?.querySelector('a')?.getAttribute('href')).toBe('/changes/#data-exports-r1');
    // The page still shows the figures as published: the notice does not change them.
    expect(page.querySelector('.chart__data')?.textContent).toContain('1,238');
  });

  it('reports a revised figure quoted in the text that no chart shows, once, under the text', () => {
    const page = html('/notes/june/');
    const notices = [...page.querySelectorAll('.revision-notice')];
    expect(notices).toHaveLength(2);
    const text = page.querySelector('.prose + .revision-notice');
    expect(text?.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      'Revised since publication, figures quoted above: April 2025, 2,634 t → 2,650 t (data as of 20 September 2025). See the change log.',
    );
    expect(text?.querySelector('a')?.getAttribute('href')).toBe('/changes/#data-exports-r2');
    expect(page.querySelector('.prose .value')?.textContent).toBe('2,634\u00a0tonnes');
  });

  it('shows no notice where the latest version includes the revisions, nor on earlier versions', () => {
    expect(html('/notes/may/').querySelector('.revision-notice')).toBeNull();
    expect(html('/notes/may/').querySelector('.chart__data')?.textContent).toContain('1,290');
    for (const version of ['/notes/may/v1/', '/notes/may/v2/']) {
      const page = html(version);
      expect(page.querySelector('.revision-notice'), version).toBeNull();
      expect(page.querySelector('.version-banner')).not.toBeNull();
    }
    expect(html('/notes/may/v1/').querySelector('.value')?.textContent).toBe('1,238\u00a0tonnes');
  });

  it('prints one line per affected note, warns about keyless data and missing summaries', () => {
    const lines = site.output.split('\n');
    const affected = lines.filter((line) => line.includes('figures revised since version'));
    expect(affected).toHaveLength(1);
    expect(affected[0]).toContain('content/notes/june.mdx: figures revised since version 1 was published');
    expect(affected[0]).toContain('exports: May 2025, 1,238 t → 1,290 t');
    expect(affected[0]).toContain('exports: April 2025, 2,634 t → 2,650 t');
    expect(affected[0]).not.toContain('March');
    expect(lines.filter((line) => line.includes("dataset 'prices' declares no key"))).toHaveLength(1);
    const missing = lines.filter((line) => line.includes('has no revisions: entry'));
    expect(missing).toHaveLength(1);
    expect(missing[0]).toContain('data/exports.yml');
    expect(missing[0]).toContain('data as of 25 August 2025');
  });

  it('fails with ASSAY_STRICT_REVISIONS=1 at the note, with the fix', () => {
    const index = loadVersionIndex({ root: repo.root });
    const quiet = { info: () => {}, warn: () => {} };
    expect(() => reportRevisions(index, repo.root, { dev: false, strict: true, logger: quiet })).toThrow(
      /^content\/notes\/june\.mdx:\d+:\d+ figures revised since version 1 was published .*\n {2}hint: add an updates entry to content\/notes\/june\.mdx/,
    );
  });

  /** Entries on /changes/ as [id, date, text]. */
  const changeLog = () =>
    [...html('/changes/').querySelectorAll('li.changes__entry')].map((li) => [
      li.getAttribute('id'),
      li.querySelector('.changes__meta time')?.getAttribute('datetime') ?? null,
      li.textContent?.replace(/\s+/g, ' ').trim() ?? '',
    ]);

  it('lists every update and data revision on /changes/, newest first, by content dates', () => {
    const entries = changeLog();
    expect(entries.map(([id, date]) => [id, date])).toEqual([
      ['notes-may-v4', '2025-09-22'],
      ['notes-may-v3', '2025-09-21'],
      ['data-exports-r3', '2025-09-20'],
      ['data-exports-r2', '2025-08-25'],
      ['data-exports-r1', '2025-07-25'],
      ['notes-may-v2', '2025-07-25'],
    ]);
    const text = Object.fromEntries(entries.map(([id, , body]) => [id, body]));
    expect(text['data-exports-r1']).toContain('The customs office revised May exports (data as of 25 July 2025).');
    expect(text['data-exports-r1']).toContain('May 2025: 1,238 t → 1,290 t');
    expect(text['data-exports-r2']).toContain('Figures revised by the source');
    expect(text['data-exports-r2']).toContain('April 2025: 2,634 t → 2,650 t');
    expect(text['data-exports-r3']).toContain('March 2025: 5,383 t, removed');
    expect(text['notes-may-v2']).toContain('Exports fell in May: Corrected the May figure');
    // No commit message or hash reaches readers.
    expect(html('/changes/').querySelector('main')?.textContent).not.toMatch(/correct may|drop march|[0-9a-f]{7,}/);
  });

  it('links each entry to the versions before and after it', () => {
    const links = (id: string) =>
      [...(html('/changes/').querySelector(`#${id}`)?.querySelectorAll('a') ?? [])].map((a) => [
        a.textContent?.trim(),
        a.getAttribute('href'),
      ]);
    expect(links('notes-may-v2')).toEqual([
      ['Exports fell in May', '/notes/may/'],
      ['version 1', '/notes/may/v1/'],
      ['read version 2', '/notes/may/v2/'],
    ]);
    // The correction with an entry: the May note's v2 took it in; the June note shows a notice.
    expect(links('data-exports-r1')).toEqual([
      ['Exports rebounded in June', '/notes/june/'],
      ['version 1', '/notes/june/v1/'],
      ['latest version, with a notice', '/notes/june/'],
      ['Exports fell in May', '/notes/may/'],
      ['version 1', '/notes/may/v1/'],
      ['version 2', '/notes/may/v2/'],
    ]);
    // Two entries in one commit: v3 never existed on its own, so the link goes to v4 (the latest).
    expect(links('data-exports-r2').slice(3)).toEqual([
      ['Exports fell in May', '/notes/may/'],
      ['version 2', '/notes/may/v2/'],
      ['version 4', '/notes/may/'],
    ]);
  });

  it('publishes the change log as RSS, Atom and JSON Feed with the same entries and dates', () => {
    const expected = changeLog().map(([id, date]) => [`https://assay.example.com/changes/#${id}`, date]);
    const rss = parseStrictXml(file('changes/rss.xml'));
    const items = elements(rss, 'item').map((item) => [
      textOf(elements(item, 'link')[0]),
      new Date(textOf(elements(item, 'pubDate')[0])).toISOString().slice(0, 10),
    ]);
    expect(items.map(([, date]) => date)).toEqual(expected.map(([, date]) => date));
    const atom = parseStrictXml(file('changes/atom.xml'));
    expect(
      elements(atom, 'entry').map((entry) => [
        textOf(elements(entry, 'id')[0]),
        textOf(elements(entry, 'updated')[0]).slice(0, 10),
      ]),
    ).toEqual(expected);
    const json = JSON.parse(file('changes/feed.json'));
    expect(
      json.items.map((item: { id: string; date_published: string }) => [item.id, item.date_published.slice(0, 10)]),
    ).toEqual(expected);
    const titles = json.items.map((item: { title: string }) => item.title);
    expect(titles).toContain('Data revised: Magnet exports');
    expect(titles).toContain('Exports fell in May: Corrected the May figure');
  });

  it('is linked from the footer and leaves git status unchanged', () => {
    const footer = [...html('/').querySelectorAll('footer a')].map((a) => a.getAttribute('href'));
    expect(footer).toContain('/changes/');
    expect(repo.git('status', '--porcelain')).toBe(statusBefore);
  });
});
