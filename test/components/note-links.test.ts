import { describe, expect, it } from 'vitest';
import {
  adjacentNotes,
  chartPropsOf,
  datasetsReadBy,
  noteDatasets,
  noteNeighbours,
  relatedNotes,
} from '../../src/components/notes/note-links.ts';

const note = (id: string, topics: string[], data: string[], digest?: string) => ({
  id,
  digest,
  data: { topics },
  body: data.map((name) => `<Value data="${name}" at="2025-05" />`).join('\n\n'),
});

describe('related notes', () => {
  it('ranks a shared dataset above a shared topic, keeps list order on ties, and leaves out unrelated notes', () => {
    const self = note('self', ['Magnets', 'Export controls'], ['exports'], 'd0');
    const notes = [
      note('topic-only', ['Magnets'], ['prices'], 'd1'),
      self,
      note('unrelated', ['Mining'], ['prices'], 'd2'),
      note('data-only', ['Mining'], ['exports'], 'd3'),
      note('both', ['Export controls'], ['exports'], 'd4'),
      note('topic-only-2', ['Export controls'], [], 'd5'),
    ];
    expect(relatedNotes(self, notes).map((n) => n.id)).toEqual(['both', 'data-only', 'topic-only']);
    expect(relatedNotes(self, notes, 5).map((n) => n.id)).toEqual(['both', 'data-only', 'topic-only', 'topic-only-2']);
  });

  it('ranks notes that share as much by nearness in the list, the newer of two as near first', () => {
    // Newest first, as publishedNotes lists them; every note shares the same dataset.
    const notes = ['n7', 'n6', 'n5', 'n4', 'n3', 'n2', 'n1'].map((id) => note(id, [], ['exports'], id));
    const self = notes[3] as (typeof notes)[number];
    expect(relatedNotes(self, notes).map((n) => n.id)).toEqual(['n5', 'n3', 'n6']);
    expect(relatedNotes(self, notes, 3, new Set(['n5', 'n3'])).map((n) => n.id)).toEqual(['n6', 'n2', 'n7']);
    // A closer tie still beats nearness.
    const closer = [...notes, note('n0', ['Magnets'], ['exports'], 'n0')];
    const magnets = note('n4', ['Magnets'], ['exports'], 'n4-magnets');
    expect(
      relatedNotes(
        magnets,
        closer.map((n) => (n.id === 'n4' ? magnets : n)),
      )[0]?.id,
    ).toBe('n0');
  });

  it("does not repeat the previous and next notes among a page's related notes", () => {
    const notes = ['n5', 'n4', 'n3', 'n2', 'n1'].map((id) => note(id, ['Magnets'], [], id));
    const { previous, next, related } = noteNeighbours(notes[2] as (typeof notes)[number], notes);
    expect([previous?.id, next?.id]).toEqual(['n2', 'n4']);
    expect(related.map((n) => n.id)).toEqual(['n5', 'n1']);
  });

  it('adds a newly published note to the related notes of the notes just before it only', () => {
    const archive = Array.from({ length: 40 }, (_, i) => note(`n${40 - i}`, ['Magnets'], ['exports'], `d${i}`));
    const withNew = [note('n41', ['Magnets'], ['exports'], 'new'), ...archive];
    const changed = archive.filter((self) => {
      const before = noteNeighbours(self, archive);
      const after = noteNeighbours(self, withNew);
      const ids = (n: ReturnType<typeof noteNeighbours>) => [n.previous?.id, n.next?.id, ...n.related.map((r) => r.id)];
      return ids(before).join() !== ids(after).join();
    });
    expect(changed.map((n) => n.id)).toEqual(['n40', 'n39', 'n38']);
  });

  it('scores a note outside the list, and a new list (the dev server makes one per request) afresh', () => {
    const self = note('outside', ['Mining'], ['prices'], 'o1');
    const first = Object.freeze([note('p1', ['Mining'], [], 'p1'), note('p2', [], ['prices'], 'p2')]);
    expect(relatedNotes(self, first).map((n) => n.id)).toEqual(['p2', 'p1']);
    // Asked again with the same list (as every page of a build is): the same answer.
    expect(relatedNotes(self, first).map((n) => n.id)).toEqual(['p2', 'p1']);
    // A later list in which p2 was edited to chart other data and a note was added.
    const second = [
      note('p3', ['Mining'], ['prices'], 'p3'),
      note('p1', ['Mining'], [], 'p1'),
      note('p2', [], ['exports'], 'p2b'),
    ];
    expect(relatedNotes(self, second).map((n) => n.id)).toEqual(['p3', 'p1']);
    // Names the list has never seen count for nothing, and fail nothing.
    expect(relatedNotes(note('lonely', ['Recycling'], ['tariffs'], 'l1'), second)).toEqual([]);
  });

  it('sees a note edited in the dev server: a new digest is read again, not served from the memo', () => {
    const before = note('edited', ['Mining'], ['prices'], 'v1');
    expect([...noteDatasets(before)]).toEqual(['prices']);
    const after = note('edited', ['Mining'], ['exports'], 'v2');
    expect([...noteDatasets(after)]).toEqual(['exports']);
    // Without a digest, the body itself tells the versions apart.
    expect([...noteDatasets(note('edited', ['Mining'], ['prices']))]).toEqual(['prices']);
  });

  it('tells every dataset a page reads, or nothing when its MDX cannot tell them all', () => {
    const withBody = (id: string, body: string) => ({ id, data: { topics: [] }, body });
    const plain = withBody('plain', '<Chart data="exports" type="bar" />\n\n<Value data="prices" at="2025-05" />');
    expect([...(datasetsReadBy(plain) ?? [])].sort()).toEqual(['exports', 'prices']);
    expect(datasetsReadBy(withBody('none', 'Prose only.'))).toEqual(new Set());
    expect(datasetsReadBy(withBody('named', '<Value data={name} at="2025-05" />'))).toBeUndefined();
    expect(datasetsReadBy(withBody('spread', '<Change {...props} />'))).toBeUndefined();
  });

  it('finds the previous (older) and next (newer) notes in a newest-first list', () => {
    const notes = [note('c', [], []), note('b', [], []), note('a', [], [])];
    expect(adjacentNotes(notes[1] as (typeof notes)[number], notes)).toEqual({ previous: notes[2], next: notes[0] });
    expect(adjacentNotes(note('x', [], []), notes)).toEqual({ previous: undefined, next: undefined });
  });
});

describe("a note's charts read from its MDX", () => {
  const withBody = (id: string, body: string) => ({ id, data: { topics: [] }, body });

  it('are the props of every <Chart>, in order, as the page passes them (nested ones too)', () => {
    const body = [
      '<Chart data="exports" mark="bar" title="Exports" y="tonnes" />',
      '<Callout>',
      '  <Chart data="prices" mark="line" from={2024} series={["a", "b"]} />',
      '</Callout>',
      'Text with {1 + 1} in it.',
    ].join('\n\n');
    expect(chartPropsOf(withBody('static', body))).toEqual([
      { data: 'exports', mark: 'bar', title: 'Exports', y: 'tonnes' },
      { data: 'prices', mark: 'line', from: 2024, series: ['a', 'b'] },
    ]);
    expect(chartPropsOf(withBody('none', 'Just prose.'))).toEqual([]);
  });

  it('cannot be told, so the note is always rendered, when code may make or change a chart', () => {
    const unknowable = {
      spread: '<Chart {...props} />',
      import: 'import Extra from \'./extra.astro\';\n\n<Chart data="exports" />',
      export: 'export const data = "exports";\n\n<Chart data={data} />',
      'tag in an expression': '{["a", "b"].map((name) => <Chart data={name} />)}',
      'tag in a prop': '<Callout title={<Chart data="exports" />}>Text</Callout>',
      'name defined nowhere': '<Chart data={missing} />',
    };
    for (const [what, body] of Object.entries(unknowable))
      expect(chartPropsOf(withBody(`code-${what}`, body)), what).toBeUndefined();
  });
});
