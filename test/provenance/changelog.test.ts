import { describe, expect, it } from 'vitest';
import { datasetMetaSchema } from '../../src/data/schema.ts';
import {
  buildChangeLog,
  type DataRevisionChange,
  DEFAULT_REVISION_SUMMARY,
  type DocumentVersions,
  revisionEntryFor,
} from '../../src/provenance/changelog.ts';
import type { DataRevision } from '../../src/provenance/revisions.ts';
import type { Version } from '../../src/versions/model.ts';

const day = (text: string) => new Date(`${text}T00:00:00Z`);
const version = (number: number, commit: string, date: string, extra: Partial<Version> = {}): Version => ({
  number,
  startCommit: commit,
  startDate: day(date),
  textCommit: commit,
  textPath: 'content/notes/x.mdx',
  vintageCommit: commit,
  summary: number === 1 ? 'First published' : `Update ${number}`,
  date: day(date),
  latest: false,
  draft: false,
  ...extra,
});
const positions = new Map(['c0', 'c1', 'c2', 'c3', 'c4'].map((commit, i) => [commit, i]));
const meta = datasetMetaSchema.parse({
  title: 'Exports',
  description: 'd',
  source: { name: 's' },
  unit: 't',
  licence: 'l',
  asOf: '2025-08-20',
  key: ['month'],
  columns: { month: { type: 'date', format: '%Y-%m' }, tonnes: { type: 'number', unit: 't' } },
});
const revision = (number: number, commit: string, entries: DataRevision['entries'] = []): DataRevision => ({
  dataset: 'exports',
  number,
  commit,
  position: positions.get(commit) as number,
  rows: [
    {
      id: 'may',
      kind: 'changed',
      before: { month: day('2025-05-01'), tonnes: 1238 },
      after: { month: day('2025-05-01'), tonnes: 1290 },
      columns: ['tonnes'],
    },
  ],
  meta,
  entries,
});

// The may note: v1 at c0, v2 and v3 in one commit (c3, v2 sameAs v3), and a draft v4.
const may: DocumentVersions = {
  collection: 'notes',
  slug: 'may',
  title: 'May',
  url: '/notes/may/',
  versions: [
    version(1, 'c0', '2025-06-20'),
    version(2, 'c3', '2025-08-01', { sameAs: 3 }),
    version(3, 'c3', '2025-08-02'),
    version(4, 'c3', '2025-09-01', { latest: true, draft: true, startCommit: undefined, vintageCommit: undefined }),
  ],
};
// The june note: one version at c1, never updated.
const june: DocumentVersions = {
  collection: 'notes',
  slug: 'june',
  title: 'June',
  url: '/notes/june/',
  versions: [version(1, 'c1', '2025-07-20', { latest: true })],
};

describe('buildChangeLog', () => {
  const log = buildChangeLog({
    documents: [may, june],
    revisions: [revision(1, 'c2', [{ date: day('2025-07-25'), summary: 'May revised' }]), revision(2, 'c4')],
    positions,
    shows: () => true,
  });

  it('lists published updates and data revisions newest first by content date; drafts never', () => {
    expect(log.map((entry) => [entry.id, entry.date?.toISOString().slice(0, 10)])).toEqual([
      ['data-exports-r2', '2025-08-20'],
      ['notes-may-v3', '2025-08-02'],
      ['notes-may-v2', '2025-08-01'],
      ['data-exports-r1', '2025-07-25'],
    ]);
  });

  it('links a revision to the version before it and the one that took it in, or the latest page with a notice', () => {
    const first = log.find((entry) => entry.id === 'data-exports-r1') as DataRevisionChange;
    expect(first.summary).toBe('May revised');
    expect(first.shownIn).toEqual([
      {
        title: 'May',
        url: '/notes/may/',
        before: { label: 'version 1', url: '/notes/may/v1/' },
        // v2 never existed on its own: the link goes to v3, the version it is the same as.
        after: { label: 'version 3', url: '/notes/may/v3/' },
        notice: false,
      },
      {
        title: 'June',
        url: '/notes/june/',
        before: { label: 'version 1', url: '/notes/june/v1/' },
        after: { label: 'latest version, with a notice', url: '/notes/june/' },
        notice: true,
      },
    ]);
    const second = log.find((entry) => entry.id === 'data-exports-r2') as DataRevisionChange;
    expect(second.summary).toBe(DEFAULT_REVISION_SUMMARY);
    expect(second.summaryGiven).toBe(false);
    expect(second.rows).toEqual([
      { row: 'May 2025', change: '1,238\u00a0t \u2192 1,290\u00a0t', before: '1,238\u00a0t', after: '1,290\u00a0t' },
    ]);
  });

  it('leaves out pages that did not show the revised rows', () => {
    const none = buildChangeLog({
      documents: [may, june],
      revisions: [revision(1, 'c2')],
      positions,
      shows: () => false,
    });
    expect((none.find((entry) => entry.kind === 'data') as DataRevisionChange).shownIn).toEqual([]);
  });

  it('points a notice at the newest revision after the vintage that changed a row it shows', () => {
    expect(revisionEntryFor(log, 'exports', 1, ['may'])?.id).toBe('data-exports-r2');
    expect(revisionEntryFor(log, 'exports', 4, ['may'])).toBeUndefined();
    expect(revisionEntryFor(log, 'exports', 1, ['june'])).toBeUndefined();
  });
});
