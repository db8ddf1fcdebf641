import { describe, expect, it } from 'vitest';
import { type DatasetMeta, datasetMetaSchema, type Row } from '../../src/data/schema.ts';
import {
  type CommittedDataset,
  comparedColumns,
  dataRevisions,
  revisedRows,
  revisionText,
} from '../../src/provenance/revisions.ts';

const month = (m: string) => new Date(`${m}-01T00:00:00Z`);
const row = (m: string, tonnes: number, basis = 'stated'): Row => ({ month: month(m), tonnes, basis });

const meta = (extra: Record<string, unknown> = {}): DatasetMeta =>
  datasetMetaSchema.parse({
    title: 'Exports',
    description: 'Monthly exports.',
    source: { name: 'GACC' },
    unit: 'tonnes',
    licence: 'Facts',
    key: ['month'],
    columns: {
      month: { type: 'date', format: '%Y-%m', label: 'Month' },
      tonnes: { type: 'number', unit: 't', format: ',.0f' },
      basis: { type: 'string', values: ['stated', 'derived'] },
    },
    ...extra,
  });

const published = [row('2025-04', 2634, 'derived'), row('2025-05', 1238), row('2025-06', 3188)];
const columns = comparedColumns(meta(), ['month', 'tonnes']);

describe('revisedRows: published rows against today’s, by key', () => {
  it('compares the shown value columns and basis, never the key', () => {
    expect(columns).toEqual(['tonnes', 'basis']);
  });

  it('finds a changed value, with both values', () => {
    const today = [row('2025-04', 2634, 'derived'), row('2025-05', 1290), row('2025-06', 3188)];
    const [revision, ...rest] = revisedRows(published, today, ['month'], columns);
    expect(rest).toEqual([]);
    expect(revision).toMatchObject({ kind: 'changed', columns: ['tonnes'] });
    expect(revisionText(revision as never, meta(), ['month'])).toMatchObject({
      row: 'May 2025',
      change: '1,238\u00a0t \u2192 1,290\u00a0t',
    });
  });

  it('finds a changed basis even when the number stays', () => {
    const today = [row('2025-04', 2634, 'stated'), row('2025-05', 1238), row('2025-06', 3188)];
    const revisions = revisedRows(published, today, ['month'], columns);
    expect(revisions.map((r) => r.columns)).toEqual([['basis']]);
    expect(revisionText(revisions[0] as never, meta(), ['month']).change).toBe('derived \u2192 stated');
  });

  it('says both value and basis when both change', () => {
    const today = [row('2025-04', 2650, 'stated'), row('2025-05', 1238), row('2025-06', 3188)];
    const [revision] = revisedRows(published, today, ['month'], columns);
    expect(revisionText(revision as never, meta(), ['month']).change).toBe(
      '2,634\u00a0t (derived) \u2192 2,650\u00a0t (stated)',
    );
  });

  it('finds a removed row', () => {
    const today = [row('2025-04', 2634, 'derived'), row('2025-06', 3188)];
    const [revision, ...rest] = revisedRows(published, today, ['month'], columns);
    expect(rest).toEqual([]);
    expect(revision).toMatchObject({ kind: 'removed', after: undefined });
    expect(revisionText(revision as never, meta(), ['month'])).toMatchObject({
      row: 'May 2025',
      change: '1,238\u00a0t, removed',
    });
  });

  it('does not count an added row as a revision', () => {
    const today = [...published, row('2025-07', 5577)];
    expect(revisedRows(published, today, ['month'], columns)).toEqual([]);
  });

  it('matches rows by every key column, whatever their order', () => {
    const by = (m: string, destination: string, tonnes: number): Row => ({ month: month(m), destination, tonnes });
    const before = [by('2025-05', 'Germany', 300), by('2025-05', 'Japan', 200), by('2025-06', 'Germany', 310)];
    const after = [by('2025-06', 'Germany', 310), by('2025-05', 'Japan', 215), by('2025-05', 'Germany', 300)];
    const multi = meta({
      key: ['month', 'destination'],
      columns: {
        month: { type: 'date', format: '%Y-%m', label: 'Month' },
        destination: { type: 'string' },
        tonnes: { type: 'number', unit: 't', format: ',.0f' },
      },
    });
    const revisions = revisedRows(before, after, ['month', 'destination'], ['tonnes']);
    expect(revisions).toHaveLength(1);
    expect(revisionText(revisions[0] as never, multi, ['month', 'destination'])).toMatchObject({
      row: 'May 2025, Japan',
      change: '200\u00a0t \u2192 215\u00a0t',
    });
  });

  it('finds nothing once the version already includes the revision (its vintage holds today’s rows)', () => {
    const corrected = [row('2025-04', 2634, 'derived'), row('2025-05', 1290), row('2025-06', 3188)];
    // The correction's own version reads the corrected data at its vintage; July was appended since.
    expect(revisedRows(corrected, [...corrected, row('2025-07', 5577)], ['month'], columns)).toEqual([]);
  });
});

describe('dataRevisions: a dataset’s committed history', () => {
  const state = (position: number, rows: Row[], extra: Record<string, unknown> = {}): CommittedDataset => ({
    commit: `c${position}`,
    position,
    dataset: { hash: JSON.stringify({ rows, extra }), rows, meta: meta(extra) },
  });
  const entry = { date: new Date('2025-07-20T00:00:00Z'), summary: 'GACC revised May' };

  it('lists each commit that changed published rows, not appends, with the entry added with it', () => {
    const states = [
      state(0, [row('2025-04', 2634), row('2025-05', 1238)]),
      state(1, [row('2025-04', 2634), row('2025-05', 1238), row('2025-06', 3188)]),
      state(2, [row('2025-04', 2634), row('2025-05', 1290), row('2025-06', 3188)], { revisions: [entry] }),
      state(3, [row('2025-04', 2634), row('2025-06', 3188)], { revisions: [entry] }),
    ];
    const revisions = dataRevisions('exports', states, ['month']);
    expect(revisions.map((r) => [r.number, r.commit, r.rows.map((x) => x.kind)])).toEqual([
      [1, 'c2', ['changed']],
      [2, 'c3', ['removed']],
    ]);
    expect(revisions[0]?.entries).toEqual([entry]);
    // The removal came without an entry: the change log says so and the build warns.
    expect(revisions[1]?.entries).toEqual([]);
  });

  it('gives a forgotten summary, added in a later commit, to the revision that lacked one, in today’s wording', () => {
    const fixed = { ...entry, summary: 'GACC revised May exports' };
    const states = [
      state(0, [row('2025-05', 1238)]),
      state(1, [row('2025-05', 1290)]),
      state(2, [row('2025-05', 1290)], { revisions: [entry] }),
    ];
    const [revision] = dataRevisions('exports', states, ['month'], [fixed]);
    expect(revision?.entries).toEqual([fixed]);
  });
});
