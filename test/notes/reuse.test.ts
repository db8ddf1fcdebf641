import { describe, expect, it } from 'vitest';
import { keyJson, type NoteInputs, reuseKey, type SiteInputs, siteInputsHash } from '../../src/notes/reuse-key.ts';

describe('the key of a reused note page', () => {
  const site: SiteInputs = {
    code: 'fingerprint',
    history: { available: true, head: undefined },
  };
  const note: NoteInputs = {
    id: 'may',
    file: 'content/notes/may.mdx',
    digest: 'd1',
    versions: { versions: [{ number: 1, vintageCommit: 'c1', date: new Date('2025-06-01') }] },
    neighbours: {
      previous: { id: 'april', data: { title: 'April', published: new Date('2025-05-01') } },
      next: undefined,
      related: [{ id: 'march', data: { title: 'March', published: new Date('2025-04-01') } }],
    },
    data: [['exports.csv', 'abc']],
    changes: [{ href: '/changes/#data-exports-r1', dataset: 'exports', revision: { number: 1 } }],
  };

  it('changes with each of the note’s own inputs, and with each note its page shows', () => {
    const neighbours = note.neighbours as { previous: unknown; next: unknown; related: unknown[] };
    const base = reuseKey(siteInputsHash(site), note);
    expect(reuseKey(siteInputsHash(site), { ...note })).toBe(base);
    const changed: NoteInputs[] = [
      { ...note, id: 'june' },
      { ...note, file: 'content/notes/june.mdx' },
      { ...note, digest: 'd2' },
      { ...note, versions: { versions: [{ number: 1, vintageCommit: 'c2', date: new Date('2025-06-01') }] } },
      { ...note, versions: { versions: [{ number: 1, vintageCommit: 'c1', date: new Date('2025-06-02') }] } },
      // A neighbour retitled, a next note published, a related note replaced or reordered.
      { ...note, neighbours: { ...neighbours, previous: { id: 'april', data: { title: 'April, retitled' } } } },
      { ...note, neighbours: { ...neighbours, next: { id: 'june', data: { title: 'June' } } } },
      { ...note, neighbours: { ...neighbours, related: [{ id: 'feb', data: { title: 'March' } }] } },
      { ...note, neighbours: { ...neighbours, related: [...neighbours.related, neighbours.previous] } },
      // Its data revised; its revision notice's entry moved to another page of the log.
      { ...note, data: [['exports.csv', 'abd']] },
      { ...note, changes: [{ href: '/changes/page/2/#data-exports-r1', dataset: 'exports', revision: { number: 1 } }] },
    ];
    for (const other of changed) expect(reuseKey(siteInputsHash(site), other), JSON.stringify(other)).not.toBe(base);
  });

  it('changes with anything of the site a note page shows', () => {
    const base = siteInputsHash(site);
    const changed: SiteInputs[] = [
      { ...site, code: 'other fingerprint' },
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
