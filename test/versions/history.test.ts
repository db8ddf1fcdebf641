import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/data/load.ts';
import { isAssayError } from '../../src/lib/errors.ts';
import { loadVersionIndex } from '../../src/versions/index.ts';
import { EXPORTS_META, exportsCsv, noteText, ScriptedRepo } from './scripted-repo.ts';

const cleanup: string[] = [];
afterAll(() => {
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
});

function scripted(project?: string): ScriptedRepo {
  const repo = new ScriptedRepo({ project });
  cleanup.push(repo.dir);
  return repo;
}

const update = (summary: string, date = '2025-07-01') => ({ date, summary });

describe('missing history', () => {
  it('fails on a shallow clone, naming the problem and both fixes', () => {
    const origin = scripted();
    origin.write('content/notes/a.mdx', noteText({ body: 'One.' })).commit('one', '2025-06-01');
    origin
      .write('content/notes/a.mdx', noteText({ body: 'Two.', updates: [update('Fixed')] }))
      .commit('two', '2025-07-01');
    const clone = mkdtempSync(path.join(os.tmpdir(), 'assay-shallow-'));
    cleanup.push(clone);
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${origin.dir}`, clone]);

    let error: unknown;
    try {
      loadVersionIndex({ root: clone, allowMissingHistory: false });
    } catch (caught) {
      error = caught;
    }
    expect(isAssayError(error)).toBe(true);
    const message = (error as Error).message;
    expect(message).toMatch(/shallow clone/);
    expect(message).toContain('git fetch --unshallow');
    expect(message).toContain('fetch-depth: 0');
    expect(message).toContain('ASSAY_ALLOW_NO_HISTORY=1');
  });

  it('builds without versions on a shallow clone when allowed, and says so', () => {
    const origin = scripted();
    origin
      .write('content/notes/a.mdx', noteText({ body: 'One.', updates: [update('Fixed')] }))
      .commit('one', '2025-06-01');
    const clone = mkdtempSync(path.join(os.tmpdir(), 'assay-shallow-'));
    cleanup.push(clone);
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${origin.dir}`, clone]);
    const index = loadVersionIndex({ root: clone, allowMissingHistory: true });
    expect(index.available).toBe(false);
    expect(index.unavailableReason).toMatch(/shallow clone/);
    const note = index.files.get('content/notes/a.mdx');
    expect(note?.versions).toHaveLength(1);
    expect(note?.latest).toMatchObject({ number: 2, vintageCommit: undefined, textCommit: undefined });
    expect(index.text('content/notes/a.mdx', 2)).toContain('One.');
  });

  it('fails outside a git repository unless allowed', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'assay-nogit-'));
    cleanup.push(dir);
    mkdirSync(path.join(dir, 'content/notes'), { recursive: true });
    writeFileSync(path.join(dir, 'content/notes/a.mdx'), noteText({ body: 'x' }));
    expect(() => loadVersionIndex({ root: dir, allowMissingHistory: false })).toThrow(/not in a git repository/);
    expect(loadVersionIndex({ root: dir, allowMissingHistory: true }).available).toBe(false);
  });

  it('treats everything as an unpublished draft before the first commit', () => {
    const repo = scripted();
    repo.write('content/notes/a.mdx', noteText({ body: 'x' }));
    const index = loadVersionIndex({ root: repo.root, buildDate: new Date('2025-01-01') });
    expect(index.available).toBe(true);
    expect(index.files.get('content/notes/a.mdx')).toMatchObject({ unpublished: true, uncommitted: true });
  });
});

describe('history edge cases', () => {
  it('reads a project in a subdirectory of the repository', () => {
    const repo = scripted('site');
    repo
      .write('data/exports.yml', EXPORTS_META)
      .write('data/exports.csv', exportsCsv([['2025-05', 46]]))
      .write('content/notes/a.mdx', noteText({ body: 'One.' }));
    const first = repo.commit('one', '2025-06-01');
    repo
      .write(
        'data/exports.csv',
        exportsCsv([
          ['2025-05', 46],
          ['2025-06', 50],
        ]),
      )
      .commit('data', '2025-06-10');
    const index = loadVersionIndex({ root: repo.root });
    const note = index.files.get('content/notes/a.mdx');
    expect(note?.latest.vintageCommit).toBe(first);
    expect(loadDataset('exports', index.data(first)).rows).toHaveLength(1);
  });

  it('counts a merged branch as one commit on the main line', () => {
    const repo = scripted();
    repo.write('content/notes/a.mdx', noteText({ body: 'One.' }));
    const first = repo.commit('one', '2025-06-01');
    repo.git('checkout', '-q', '-b', 'fix');
    repo
      .write('content/notes/a.mdx', noteText({ body: 'One, corrected.', updates: [update('Corrected')] }))
      .commit('wip', '2025-06-05');
    repo
      .write('content/notes/a.mdx', noteText({ body: 'One, corrected again.', updates: [update('Corrected')] }))
      .commit('wip 2', '2025-06-06');
    repo.git('checkout', '-q', 'main');
    repo.write('content/notes/b.mdx', noteText({ body: 'Other.' })).commit('other', '2025-06-07');
    execFileSync('git', ['-c', 'commit.gpgsign=false', 'merge', '-q', '--no-ff', '-m', 'merge fix', 'fix'], {
      cwd: repo.dir,
      env: { ...process.env, GIT_AUTHOR_DATE: '2025-06-08T12:00:00Z', GIT_COMMITTER_DATE: '2025-06-08T12:00:00Z' },
    });
    const merge = repo.git('rev-parse', 'HEAD').trim();
    const index = loadVersionIndex({ root: repo.root });
    const note = index.files.get('content/notes/a.mdx');
    expect(note?.versions.map((v) => [v.number, v.startCommit, v.textCommit])).toEqual([
      [1, first, first],
      [2, merge, merge],
    ]);
    expect(note?.versions[1]?.startDate).toEqual(new Date('2025-06-08T12:00:00Z'));
  });

  it('keeps separate histories when a note is renamed and a new note takes its old path', () => {
    const repo = scripted();
    const original = Array.from(
      { length: 30 },
      (_, i) => `Paragraph ${i} of the original note on magnet exports.`,
    ).join('\n\n');
    repo.write('content/notes/a.mdx', noteText({ body: original }));
    const first = repo.commit('one', '2025-06-01');
    repo.move('content/notes/a.mdx', 'content/notes/b.mdx');
    // Rewritten in place: git -B sees that the old text moved to b.mdx.
    const rewritten = Array.from({ length: 30 }, (_, i) => `Line ${i}: a brand new note about oxide prices.`).join(
      '\n\n',
    );
    repo.write('content/notes/a.mdx', noteText({ title: 'Different', published: '2025-07-01', body: rewritten }));
    const second = repo.commit('two', '2025-07-01');
    const index = loadVersionIndex({ root: repo.root });
    expect(index.files.get('content/notes/b.mdx')?.firstPublished?.commit).toBe(first);
    expect(index.files.get('content/notes/b.mdx')?.oldPaths).toEqual(['content/notes/a.mdx']);
    expect(index.files.get('content/notes/a.mdx')?.firstPublished?.commit).toBe(second);
    expect(index.files.get('content/notes/a.mdx')?.oldPaths).toEqual([]);
  });

  it('continues the history of a note deleted and restored at the same path', () => {
    const repo = scripted();
    repo.write('content/notes/a.mdx', noteText({ body: 'One.' }));
    const first = repo.commit('one', '2025-06-01');
    repo.git('rm', '-q', 'content/notes/a.mdx');
    // Unlike the deleted note, or git would see a rename.
    repo.write('content/other.txt', 'unrelated').commit('delete', '2025-06-02');
    repo.write('content/notes/a.mdx', noteText({ body: 'One again.', updates: [update('Restored')] }));
    const third = repo.commit('restore', '2025-06-03');
    const note = loadVersionIndex({ root: repo.root }).files.get('content/notes/a.mdx');
    expect(note?.versions.map((v) => v.startCommit)).toEqual([first, third]);
  });

  it('reads a file name with spaces and non-ASCII characters', () => {
    const repo = scripted();
    repo.write('content/notes/résumé juin.mdx', noteText({ body: 'x' }));
    const first = repo.commit('one', '2025-06-01');
    const note = loadVersionIndex({ root: repo.root }).files.get('content/notes/résumé juin.mdx');
    expect(note?.firstPublished?.commit).toBe(first);
    expect(note?.id).toBe('résumé juin');
  });
});
