import { afterEach, describe, expect, it } from 'vitest';
import { isAssayError } from '../../src/lib/errors.ts';
import { buildChangeLog } from '../../src/provenance/changelog.ts';
import {
  buildVersionsManifest,
  checkPermalinks,
  indexRedirects,
  loadVersionIndex,
  permalinkProblems,
  redirectsFromIndex,
} from '../../src/versions/index.ts';
import { EXPORTS_META, exportsCsv, noteText, ScriptedRepo } from './scripted-repo.ts';

const OLD = 'content/notes/june.mdx';
const NEW = 'content/notes/magnets-june.mdx';
/** A body git cannot see as the same file as `text` (under half its lines shared). */
const rewritten = Array.from({ length: 30 }, (_, i) => `Rewritten paragraph ${i} about magnet exports.`).join('\n\n');

let repo: ScriptedRepo;
afterEach(() => repo?.remove());

function published(): ScriptedRepo {
  repo = new ScriptedRepo();
  repo.write('data/exports.yml', EXPORTS_META).write('data/exports.csv', exportsCsv([['2025-05', 46]]));
  repo.write(OLD, noteText({ body: 'The first text.' }));
  repo.commit('publish', '2025-06-20');
  repo.write(OLD, noteText({ body: 'The corrected text.', updates: [{ date: '2025-07-01', summary: 'Corrected' }] }));
  repo.commit('correct', '2025-07-01');
  return repo;
}

const updates = [
  { date: '2025-07-01', summary: 'Corrected' },
  { date: '2025-08-01', summary: 'Rewritten' },
];

describe('a rename git cannot see, declared with aliases', () => {
  it('joins the histories: the old versions keep their numbers and text under the new slug', () => {
    published();
    repo.git('rm', '-q', OLD);
    repo.write(NEW, noteText({ body: rewritten, updates, aliases: ['/notes/june/'] }));
    repo.commit('rewrite under a new name', '2025-08-01');
    const index = loadVersionIndex({ root: repo.root });
    const entry = index.files.get(NEW);
    expect(entry?.versions.map((v) => v.number)).toEqual([1, 2, 3]);
    expect(index.text(NEW, 1)).toContain('The first text.');
    expect(index.text(NEW, 2)).toContain('The corrected text.');
    expect(index.text(NEW, 3)).toContain('Rewritten paragraph 0');
    expect(index.deleted).toEqual([]);
    const redirects = redirectsFromIndex(index).map((r) => `${r.from} ${r.to}`);
    expect(redirects).toEqual(
      expect.arrayContaining([
        '/notes/june/ /notes/magnets-june/',
        '/notes/june/v1/ /notes/magnets-june/v1/',
        '/notes/june/v2/ /notes/magnets-june/v2/',
        '/notes/june/v2/diff/ /notes/magnets-june/v2/diff/',
      ]),
    );
    // Every URL the old note published is kept, each by the same version.
    const current = [
      '/notes/magnets-june/',
      '/notes/magnets-june/v1/',
      '/notes/magnets-june/v2/',
      '/notes/magnets-june/v3/',
      '/notes/magnets-june/v2/diff/',
      '/notes/magnets-june/v3/diff/',
      '/notes/2025/06/',
    ];
    const check = checkPermalinks({ published: index.publishedUrls, current, redirects: redirectsFromIndex(index) });
    expect(check).toEqual({ missing: [], brokenRedirects: [], shadowedRedirects: [] });
  });

  it('fails when the note that continues another drops its updates entries, saying which', () => {
    published();
    repo.git('rm', '-q', OLD);
    repo.write(NEW, noteText({ body: rewritten, aliases: ['/notes/june/'] }));
    repo.commit('rewrite under a new name', '2025-08-01');
    const error = catchError(() => loadVersionIndex({ root: repo.root }));
    expect(error.message).toMatch(/^content\/notes\/magnets-june\.mdx: the updates list has 0 entries but had 1/);
    expect(error.message).toContain('its history continues content/notes/june.mdx, named in aliases');
    expect(error.message).toContain('withdrawn: { date, reason }');
  });

  it('never lets a different note, published alongside, take over the old version URLs', () => {
    published();
    repo.write(NEW, noteText({ body: rewritten }));
    repo.commit('another note', '2025-07-10');
    repo.git('rm', '-q', OLD);
    repo.write(NEW, noteText({ body: rewritten, aliases: ['/notes/june/'] }));
    repo.commit('delete the June note, alias it', '2025-08-01');
    const error = catchError(() => loadVersionIndex({ root: repo.root }));
    expect(error.message).toMatch(
      /^content\/notes\/magnets-june\.mdx:\d+:\d+ aliases: '\/notes\/june\/' is the address of content\/notes\/june\.mdx, which was published alongside this note/,
    );
    expect(error.message).toContain('a different document cannot take over its version URLs');
    expect(error.message).toContain('hint: remove the alias and restore content/notes/june.mdx with withdrawn:');
  });

  it('redirects an alias with no history of its own, and none of the version URLs it never had', () => {
    published();
    repo.write(
      OLD,
      noteText({
        body: 'The corrected text.',
        updates: [updates[0] as (typeof updates)[0]],
        aliases: ['/2019/old-cms-page/'],
      }),
    );
    repo.commit('alias', '2025-07-02');
    const redirects = redirectsFromIndex(loadVersionIndex({ root: repo.root }));
    expect(redirects.map((r) => `${r.from} ${r.to}`)).toEqual(['/2019/old-cms-page/ /notes/june/']);
  });
});

describe('deleting a published note', () => {
  it('fails the guard at the deleted file, asking to withdraw it instead', () => {
    published();
    repo.git('rm', '-q', OLD);
    repo.commit('delete', '2025-08-01');
    const index = loadVersionIndex({ root: repo.root });
    expect(index.deleted).toEqual([
      { file: OLD, collection: 'notes', id: 'june', urls: ['/notes/june/', '/notes/june/v1/', '/notes/june/v2/'] },
    ]);
    const current = ['/notes/', '/topics/'];
    // Its month page goes to the archive's index, not to a note.
    const redirects = indexRedirects(index.publishedUrls, current);
    expect(redirects).toEqual([{ from: '/notes/2025/06/', to: '/notes/', reason: 'no note is filed there any more' }]);
    const problems = permalinkProblems(
      checkPermalinks({ published: index.publishedUrls, current, redirects }),
      index.deleted,
    );
    expect(problems.map((p) => p.message.split('\n')[0])).toEqual([
      'content/notes/june.mdx: this published note was deleted: 3 URLs published in git history would disappear without a redirect:',
    ]);
    expect(problems[0]?.hint).toMatch(
      /^restore it and withdraw it instead \(git checkout HEAD -- content\/notes\/june\.mdx\), adding withdrawn: \{ date: YYYY-MM-DD, reason: "…" \}/,
    );
  });
});

describe('before committing', () => {
  it('names a note deleted in the working tree, and joins one renamed there with an alias', () => {
    published();
    repo.git('rm', '-q', OLD);
    expect(loadVersionIndex({ root: repo.root }).deleted.map((gone) => gone.file)).toEqual([OLD]);
    repo.write(NEW, noteText({ body: rewritten, updates, aliases: ['/notes/june/'] }));
    const index = loadVersionIndex({ root: repo.root });
    expect(index.deleted).toEqual([]);
    expect(index.files.get(NEW)?.versions.map((v) => [v.number, v.draft])).toEqual([
      [1, false],
      [2, false],
      [3, true],
    ]);
    expect(index.text(NEW, 2)).toContain('The corrected text.');
  });
});

describe('withdrawal', () => {
  it('keeps every version and marks the note withdrawn in versions.json', () => {
    published();
    repo.write(
      OLD,
      noteText({ body: 'The corrected text.', updates: [updates[0] as (typeof updates)[0]] }).replace(
        'authors:',
        'withdrawn: { date: 2025-09-01, reason: "The source retracted its figures." }\nauthors:',
      ),
    );
    repo.commit('withdraw', '2025-09-01');
    const index = loadVersionIndex({ root: repo.root });
    const entry = index.files.get(OLD);
    expect(entry?.withdrawn).toEqual({
      date: new Date('2025-09-01T00:00:00Z'),
      reason: 'The source retracted its figures.',
    });
    expect(entry?.versions.map((v) => v.number)).toEqual([1, 2]);
    const manifest = buildVersionsManifest(index, { hashDataset: () => 'x' });
    expect(manifest.entries[0]).toMatchObject({
      url: '/notes/june/',
      withdrawn: { date: '2025-09-01', reason: 'The source retracted its figures.' },
    });
    expect(manifest.entries[0]?.versions[1]?.diff).toBe('/notes/june/v2/diff/');
    // The change log lists the withdrawal after the note's updates, linking its last version.
    const log = buildChangeLog({
      documents: [
        {
          collection: 'notes',
          slug: 'june',
          title: 'June',
          url: '/notes/june/',
          versions: entry?.versions ?? [],
          withdrawn: entry?.withdrawn,
        },
      ],
      revisions: [],
      positions: new Map(),
      shows: () => false,
    });
    expect(log.map((change) => [change.kind, change.date?.toISOString().slice(0, 10)])).toEqual([
      ['withdrawal', '2025-09-01'],
      ['update', '2025-07-01'],
    ]);
    expect(log[0]).toMatchObject({ reason: 'The source retracted its figures.', last: { url: '/notes/june/v2/' } });
  });
});

function catchError(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    if (isAssayError(error)) return error;
    throw error;
  }
  throw new Error('expected an error');
}
