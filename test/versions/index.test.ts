import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/data/load.ts';
import { isAssayError } from '../../src/lib/errors.ts';
import {
  buildVersionsManifest,
  checkPermalinks,
  loadVersionIndex,
  permalinkError,
  redirectsFromIndex,
  renderRedirectsFile,
  type VersionIndex,
} from '../../src/versions/index.ts';
import { isUnpublishedData, versionData } from '../../src/versions/site.ts';
import { EXPORTS_META, exportsCsv, noteText, ScriptedRepo } from './scripted-repo.ts';

const NOTE = 'content/notes/june.mdx';
const RENAMED = 'content/notes/2025-06-magnets.mdx';
const EVENT = 'content/events/summit.mdx';
const DRAFT = 'content/notes/draft.mdx';
const BODY = [
  'Exports of magnets to the US fell to 46 t in May.',
  '',
  '<Chart data="exports" type="bar" x="month" y="tonnes" />',
  '',
  'April was 58% below March, and May was 81% below April.',
  'Licences have been required since 4 April.',
].join('\n');

function eventText(updates: string[] = []): string {
  const list = updates.length
    ? `updates:\n${updates.map((u) => `  - date: 2025-09-01\n    summary: ${u}`).join('\n')}\n`
    : '';
  return `---\nname: Magnet Summit\nsummary: Annual meeting of magnet buyers.\npublished: 2025-06-18\nstart: 2025-09-22T09:00\nend: 2025-09-23T17:00\ntimezone: America/Toronto\nvenue: { name: Hall A, city: Toronto, country: Canada }\norganiser: { name: Assay }\n${list}---\n\nAgenda to follow.\n`;
}

/** The scripted history every test in this file reads. */
const repo = new ScriptedRepo();
const commits: Record<string, string> = {};
let index: VersionIndex;

beforeAll(() => {
  repo
    .write('data/exports.yml', EXPORTS_META)
    .write(
      'data/exports.csv',
      exportsCsv([
        ['2025-03', 576],
        ['2025-04', 242],
        ['2025-05', 46],
      ]),
    )
    .write(NOTE, noteText({ body: BODY.replace('fell', 'flel') }))
    .write(EVENT, eventText());
  commits.v1 = repo.commit('Publish June note', '2025-06-20');
  repo.write(NOTE, noteText({ body: BODY }));
  commits.typo = repo.commit('Fix a typo', '2025-06-22');
  repo.write(
    'data/exports.csv',
    exportsCsv([
      ['2025-03', 576],
      ['2025-04', 242],
      ['2025-05', 46],
      ['2025-06', 53],
    ]),
  );
  commits.june = repo.commit('Add June exports', '2025-07-15');
  const correction = [{ date: '2025-07-20', summary: 'Corrected April figure' }];
  repo.write(NOTE, noteText({ body: BODY, updates: correction })).write(
    'data/exports.csv',
    exportsCsv([
      ['2025-03', 576],
      ['2025-04', 244],
      ['2025-05', 46],
      ['2025-06', 53],
    ]),
  );
  commits.v2 = repo.commit('Correct April', '2025-07-20');
  repo.write(
    'data/exports.csv',
    exportsCsv([
      ['2025-03', 576],
      ['2025-04', 244],
      ['2025-05', 46],
      ['2025-06', 53],
      ['2025-07', 60],
    ]),
  );
  commits.july = repo.commit('Add July exports', '2025-08-01');
  repo
    .move(NOTE, RENAMED)
    .write(RENAMED, noteText({ body: BODY, updates: correction, aliases: ['/notes/june-exports/'] }));
  commits.rename = repo.commit('Rename the June note', '2025-08-05');
  repo.write(EVENT, eventText(['Venue changed']));
  commits.venue = repo.commit('Move the summit', '2025-09-01');
  // Not committed: a draft note, and August figures being typed in.
  repo.write(DRAFT, noteText({ title: 'August draft', published: '2025-09-10', body: 'Work in progress.' }));
  repo.write(
    'data/exports.csv',
    exportsCsv([
      ['2025-03', 576],
      ['2025-04', 244],
      ['2025-05', 46],
      ['2025-06', 53],
      ['2025-07', 60],
      ['2025-08', 61],
    ]),
  );
  index = loadVersionIndex({
    root: repo.root,
    allowMissingHistory: false,
    buildDate: new Date('2025-09-30T00:00:00Z'),
  });
});

afterAll(() => repo.remove());

describe('loadVersionIndex on a scripted history', () => {
  it('lists every note and event in the working tree under its current path', () => {
    expect([...index.files.keys()]).toEqual([EVENT, RENAMED, DRAFT].sort());
    expect(index.available).toBe(true);
    expect(index.head).toBe(commits.venue);
  });

  it('starts version 1 at first publication and version 2 at the updates entry, ignoring the typo commit', () => {
    const note = index.files.get(RENAMED);
    expect(
      note?.versions.map((v) => [v.number, v.startCommit, v.summary, v.date.toISOString().slice(0, 10), v.latest]),
    ).toEqual([
      [1, commits.v1, 'First published', '2025-06-20', false],
      [2, commits.v2, 'Corrected April figure', '2025-07-20', true],
    ]);
    expect(note?.firstPublished).toEqual({ commit: commits.v1, date: new Date('2025-06-20T12:00:00Z') });
    expect(note?.lastUpdated).toEqual(new Date('2025-07-20T00:00:00Z'));
    expect(note?.lastCommit?.commit).toBe(commits.rename);
    expect(note?.unpublished).toBe(false);
    expect(note?.uncommitted).toBe(false);
  });

  it('takes the text of version 1 from the newest commit before the correction, at the old path', () => {
    const v1 = index.files.get(RENAMED)?.versions[0];
    expect(v1?.textCommit).toBe(commits.typo);
    expect(v1?.textPath).toBe(NOTE);
    const text = index.text(RENAMED, 1);
    expect(text).toContain('Exports of magnets to the US fell to 46 t');
    expect(text).not.toContain('updates:');
    expect(index.text(RENAMED, 2)).toContain('Corrected April figure');
    expect(index.text(RENAMED, 2)).toContain('/notes/june-exports/');
  });

  it('pins each version to the data at the commit that started it', () => {
    const [v1, v2] = index.files.get(RENAMED)?.versions ?? [];
    const rowsAt = (commit: string | undefined) =>
      loadDataset('exports', index.data(commit)).rows.map((row) => [
        (row.month as Date).toISOString().slice(0, 7),
        row.tonnes,
      ]);
    expect(v1?.vintageCommit).toBe(commits.v1);
    expect(rowsAt(v1?.vintageCommit)).toEqual([
      ['2025-03', 576],
      ['2025-04', 242],
      ['2025-05', 46],
    ]);
    // The correction's commit: corrected April and June, but not July appended later.
    expect(v2?.vintageCommit).toBe(commits.v2);
    expect(rowsAt(v2?.vintageCommit)).toEqual([
      ['2025-03', 576],
      ['2025-04', 244],
      ['2025-05', 46],
      ['2025-06', 53],
    ]);
    expect(rowsAt(undefined)).toHaveLength(6);
    expect(index.data(commits.v1).id).toBe(commits.v1);
    expect(index.data(commits.v1).list('data')).toEqual(['exports.csv', 'exports.yml']);
    expect(index.dataUncommitted).toBe(true);
  });

  it('follows the rename and reports the old path', () => {
    const note = index.files.get(RENAMED);
    expect(note?.oldPaths).toEqual([NOTE]);
    expect(note?.oldIds).toEqual([{ file: NOTE, collection: 'notes', id: 'june' }]);
    expect(note?.aliases).toEqual(['/notes/june-exports/']);
  });

  it('applies the same model to events', () => {
    const event = index.files.get(EVENT);
    expect(event?.collection).toBe('events');
    expect(event?.versions.map((v) => [v.number, v.startCommit, v.summary])).toEqual([
      [1, commits.v1, 'First published'],
      [2, commits.venue, 'Venue changed'],
    ]);
    // Version 1 is dated by the event's own `published`, never by its commit (20 June).
    expect(event?.versions.map((v) => v.date)).toEqual([
      new Date('2025-06-18T00:00:00Z'),
      new Date('2025-09-01T00:00:00Z'),
    ]);
    expect(index.text(EVENT, 1)).not.toContain('Venue changed');
  });

  it('marks a note no commit contains as an unpublished draft reading the working tree', () => {
    const draft = index.files.get(DRAFT);
    expect(draft?.unpublished).toBe(true);
    expect(draft?.uncommitted).toBe(true);
    expect(draft?.firstPublished).toBeUndefined();
    expect(draft?.versions).toHaveLength(1);
    expect(draft?.latest).toMatchObject({ number: 1, draft: true, startCommit: undefined, vintageCommit: undefined });
    expect(index.data(draft?.latest.vintageCommit).id).toBe('working-tree');
  });

  it('redirects the old URL and its version URLs to the renamed note, and an alias with no history alone', () => {
    const redirects = redirectsFromIndex(index);
    expect(redirects.map((r) => `${r.from} ${r.to}`)).toEqual([
      // No history published /notes/june-exports/vN/: those URLs are not made up.
      '/notes/june-exports/ /notes/2025-06-magnets/',
      '/notes/june/ /notes/2025-06-magnets/',
      '/notes/june/v1/ /notes/2025-06-magnets/v1/',
      '/notes/june/v2/ /notes/2025-06-magnets/v2/',
      '/notes/june/v2/diff/ /notes/2025-06-magnets/v2/diff/',
    ]);
    expect(renderRedirectsFile(redirects)).toContain('/notes/june/ /notes/2025-06-magnets/ 301\n');
  });

  it('derives the published URLs from committed history: old paths too, never the uncommitted draft', () => {
    expect(index.publishedUrls).toEqual([
      '/events/summit/',
      '/events/summit/v1/',
      '/events/summit/v2/',
      '/notes/2025-06-magnets/',
      '/notes/2025-06-magnets/v1/',
      '/notes/2025-06-magnets/v2/',
      '/notes/2025/06/',
      '/notes/june/',
      '/notes/june/v1/',
      '/notes/june/v2/',
    ]);
    expect(index.uncommittedData).toEqual(['data/exports.csv']);
  });

  it('builds /versions.json with every version, its commit and the vintage and hash of each dataset', () => {
    const manifest = buildVersionsManifest(index, {
      datasetsUsed: (entry) => (entry.collection === 'notes' ? ['exports'] : []),
    });
    expect(manifest.versionsAvailable).toBe(true);
    expect(manifest.entries.map((e) => e.url)).toEqual(['/events/summit/', '/notes/2025-06-magnets/']);
    const note = manifest.entries[1];
    expect(note?.firstPublished).toBe('2025-06-20');
    expect(note?.lastUpdated).toBe('2025-07-20');
    // The event's first publication is its `published` date, not its first commit (2025-06-20).
    expect(manifest.entries[0]).toMatchObject({ firstPublished: '2025-06-18', lastUpdated: '2025-09-01' });
    expect(note?.versions.map((v) => [v.url, v.date, v.summary, v.commit, v.datasets[0]?.vintage])).toEqual([
      ['/notes/2025-06-magnets/v1/', '2025-06-20', 'First published', commits.v1, commits.v1],
      ['/notes/2025-06-magnets/v2/', '2025-07-20', 'Corrected April figure', commits.v2, commits.v2],
    ]);
    const [h1, h2] = note?.versions.map((v) => v.datasets[0]?.hash) ?? [];
    expect(h1).toMatch(/^[0-9a-f]{16}$/);
    expect(h1).not.toBe(h2);
    expect(h1).toBe(loadDataset('exports', index.data(commits.v1)).hash);
  });

  it('fails the permanent-links guard for a published URL that would vanish, naming it and the fix', () => {
    const current = [
      '/notes/2025-06-magnets/',
      '/notes/2025-06-magnets/v1/',
      '/notes/2025-06-magnets/v2/',
      '/notes/2025-06-magnets/v2/diff/',
      '/events/summit/',
    ];
    const redirects = redirectsFromIndex(index);
    const published = ['/notes/june/', '/notes/june/v1/', '/notes/gone', '/events/summit/'];
    const check = checkPermalinks({ published, current, redirects });
    expect(check.missing).toEqual(['/notes/gone/']);
    const error = permalinkError(check);
    expect(error && isAssayError(error)).toBe(true);
    expect(error?.message).toContain('/notes/gone/');
    expect(error?.message).toContain('aliases');
    expect(permalinkError(checkPermalinks({ published: published.slice(0, 2), current, redirects }))).toBeUndefined();
  });
});

describe('the working tree', () => {
  it('reads a new, uncommitted event with several updates entries (it crashed: "no text for … at undefined")', () => {
    const fresh = new ScriptedRepo();
    try {
      fresh.write('content/notes/a.mdx', noteText({ body: 'Text.' }));
      fresh.commit('Publish', '2025-06-20');
      fresh.write(EVENT, eventText(['Venue changed', 'Date confirmed']));
      const loaded = loadVersionIndex({ root: fresh.root, allowMissingHistory: false, buildDate: new Date(0) });
      const event = loaded.files.get(EVENT);
      expect(event?.unpublished).toBe(true);
      expect(event?.versions.map((v) => [v.number, v.draft, v.sameAs])).toEqual([
        [1, true, 3],
        [2, true, 3],
        [3, true, undefined],
      ]);
      expect(loaded.text(EVENT, 1)).toBe(loaded.text(EVENT, 3));
      expect(loaded.publishedUrls).not.toContain('/events/summit/');
    } finally {
      fresh.remove();
    }
  });

  it('fails when an update is dated before publication or before the update above it, at its line', () => {
    const fresh = new ScriptedRepo();
    try {
      const early = noteText({ body: 'Text.', updates: [{ date: '2025-06-01', summary: 'Too early' }] });
      fresh.write(NOTE, early);
      let error: unknown;
      try {
        loadVersionIndex({ root: fresh.root, allowMissingHistory: false, buildDate: new Date(0) });
      } catch (caught) {
        error = caught;
      }
      expect(isAssayError(error)).toBe(true);
      expect(error).toMatchObject({
        file: NOTE,
        line: early.split('\n').findIndex((line) => line.includes('2025-06-01')) + 1,
        problem:
          'updates.0.date: 2025-06-01 is before the publication date (published: 2025-06-20); an update cannot come before what it updates',
      });
      expect((error as { hint?: string }).hint).toMatch(/on or after the publication date/);
      const backwards = noteText({
        body: 'Text.',
        updates: [
          { date: '2025-07-20', summary: 'Second' },
          { date: '2025-07-01', summary: 'First' },
        ],
      });
      fresh.write(NOTE, backwards);
      expect(() => loadVersionIndex({ root: fresh.root, allowMissingHistory: false, buildDate: new Date(0) })).toThrow(
        /updates\.1\.date: 2025-07-01 is before the update above it \(updates\.0\.date: 2025-07-20\)/,
      );
    } finally {
      fresh.remove();
    }
  });
});

describe('uncommitted data in npm run dev', () => {
  it('labels the latest version’s data as unpublished in dev only, per dataset', () => {
    const note = index.files.get(RENAMED);
    if (!note) throw new Error('no note');
    const dev = versionData(index, note.latest, { dev: true });
    expect(isUnpublishedData(dev, 'exports')).toBe(true);
    expect(isUnpublishedData(dev, 'other')).toBe(false);
    expect(dev.id).toBe('working-tree');
    // A build shows the committed vintage, which is not labelled.
    const built = versionData(index, note.latest);
    expect(isUnpublishedData(built, 'exports')).toBe(false);
    expect(loadDataset('exports', built).rows).toHaveLength(4);
    const first = note.versions[0];
    if (first) expect(isUnpublishedData(versionData(index, first, { dev: true }), 'exports')).toBe(false);
  });
});
