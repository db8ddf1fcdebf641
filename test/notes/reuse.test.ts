import { describe, expect, it } from 'vitest';
import { keyJson, type NoteInputs, reuseKey, type SiteInputs, siteInputsHash } from '../../src/notes/reuse-key.ts';

describe('the key of a reused note page', () => {
  const site: SiteInputs = {
    code: 'fingerprint',
    notes: [{ id: 'may', data: { title: 'May', published: new Date('2025-06-01') }, datasets: ['exports'] }],
    changes: [{ date: new Date('2025-07-01'), summary: 'Corrected' }],
    data: [['exports.csv', 'abc']],
    history: { available: true, head: undefined },
  };
  const note: NoteInputs = {
    id: 'may',
    file: 'content/notes/may.mdx',
    digest: 'd1',
    versions: { versions: [{ number: 1, vintageCommit: 'c1', date: new Date('2025-06-01') }] },
  };

  it('changes with each of the note’s own inputs', () => {
    const base = reuseKey(siteInputsHash(site), note);
    expect(reuseKey(siteInputsHash(site), { ...note })).toBe(base);
    const changed: NoteInputs[] = [
      { ...note, id: 'june' },
      { ...note, file: 'content/notes/june.mdx' },
      { ...note, digest: 'd2' },
      { ...note, versions: { versions: [{ number: 1, vintageCommit: 'c2', date: new Date('2025-06-01') }] } },
      { ...note, versions: { versions: [{ number: 1, vintageCommit: 'c1', date: new Date('2025-06-02') }] } },
    ];
    for (const other of changed) expect(reuseKey(siteInputsHash(site), other), JSON.stringify(other)).not.toBe(base);
  });

  it('changes with anything of the site a note page shows', () => {
    const base = siteInputsHash(site);
    const changed: SiteInputs[] = [
      { ...site, code: 'other fingerprint' },
      { ...site, notes: [{ ...(site.notes[0] as SiteInputs['notes'][0]), data: { title: 'May, retitled' } }] },
      { ...site, notes: [{ ...(site.notes[0] as SiteInputs['notes'][0]), datasets: ['prices'] }] },
      { ...site, changes: [{ date: new Date('2025-07-02'), summary: 'Corrected' }] },
      { ...site, data: [['exports.csv', 'abd']] },
      { ...site, history: { available: false } },
    ];
    for (const other of changed) expect(siteInputsHash(other), keyJson(other)).not.toBe(base);
  });

  it('sees what is inside Maps, Sets and Dates, and refuses what JSON cannot hold', () => {
    expect(keyJson(new Map([['a', 1]]))).not.toBe(keyJson(new Map([['a', 2]])));
    expect(keyJson({ s: new Set(['x']) })).not.toBe(keyJson({ s: new Set(['y']) }));
    expect(keyJson({ d: new Date('2025-01-01') })).not.toBe(keyJson({ d: new Date('2025-01-02') }));
    expect(keyJson({ d: new Date('nonsense') })).toBe('{"d":{"date":"invalid"}}');
    expect(() => keyJson({ plot: () => 1 })).toThrow(/plot: function/);
  });
});
