import { describe, expect, it } from 'vitest';
import {
  diffParagraphs,
  type FigureReader,
  type FigureUse,
  figureDiffs,
  pairFigures,
  readerText,
  type TableLike,
  tableDiff,
  versionDiff,
  wordDiff,
} from '../../src/provenance/diff.ts';

const note = (body: string, title = 'Exports fell', dek = 'A test note.') =>
  `---\ntitle: ${title}\ndek: ${dek}\npublished: 2025-06-20\n---\n\n${body}\n`;

const table = (rows: [string, string][]): TableLike => ({
  headers: ['Month', 'Tonnes (t)'],
  numeric: [false, true],
  rows: rows.map((cells) => ({ cells })),
});

describe('wordDiff', () => {
  it('marks whole numbers as changed, not the digits after the separator', () => {
    expect(wordDiff('Exports fell to 1,238 t in May.', 'Exports fell to 1,290 t in May.')).toEqual([
      { kind: 'same', text: 'Exports fell to ' },
      { kind: 'removed', text: '1,238' },
      { kind: 'added', text: '1,290' },
      { kind: 'same', text: ' t in May.' },
    ]);
  });

  it('finds nothing in identical text and everything in new text', () => {
    expect(wordDiff('Same words.', 'Same words.')).toEqual([{ kind: 'same', text: 'Same words.' }]);
    expect(wordDiff('', 'New.')).toEqual([{ kind: 'added', text: 'New.' }]);
  });

  it('splits a body diff into paragraphs', () => {
    const parts = wordDiff('One.\n\nTwo stays.', 'One more.\n\nTwo stays.\n\nThree.');
    const paragraphs = diffParagraphs(parts);
    expect(paragraphs).toHaveLength(3);
    expect(paragraphs[0]?.some((part) => part.kind === 'added' && part.text.includes('more'))).toBe(true);
    expect(paragraphs[1]).toEqual([{ kind: 'same', text: 'Two stays.' }]);
    expect(paragraphs[2]?.map((part) => part.kind)).toContain('added');
  });
});

describe('readerText', () => {
  it('reads headline, dek and prose as readers see them, with figures rendered in sentences', () => {
    const text = readerText(
      note(
        '## What *changed*\n\nExports were <Value data="exports" at="2025-05" /> in [May](https://example.com).\n\n<Chart data="exports" type="bar" x="month" y="tonnes" title="Exports" />\n\n- First point\n- Second point\n\n<Callout title="Note">Inside a callout.</Callout>',
        "It's down",
      ),
      {
        typeset: (text) => text.replace("'", '’'),
        inline: (use) => (use.kind === 'Value' ? '1,238 t' : undefined),
      },
    );
    expect(text.title).toBe('It’s down');
    expect(text.dek).toBe('A test note.');
    expect(text.body.split('\n\n')).toEqual([
      'What changed',
      'Exports were 1,238 t in May.',
      'First point',
      'Second point',
      'Inside a callout.',
    ]);
    expect(text.figures.map((figure) => [figure.kind, figure.data, figure.line])).toEqual([
      ['Value', 'exports', 9],
      ['Chart', 'exports', 11],
    ]);
    expect(text.figures[1]?.props).toMatchObject({ type: 'bar', title: 'Exports' });
  });

  it('reads event fields by name', () => {
    const text = readerText('---\nname: Magnet Summit\nsummary: Annual meeting.\n---\n\nAgenda.\n', {
      titleField: 'name',
      dekField: 'summary',
    });
    expect([text.title, text.dek, text.body]).toEqual(['Magnet Summit', 'Annual meeting.', 'Agenda.']);
  });
});

describe('tableDiff', () => {
  it('lists changed cells old → new by row and column, and rows added or removed', () => {
    const diff = tableDiff(
      table([
        ['April 2025', '2,634'],
        ['May 2025', '1,238'],
        ['June 2025', '3,188'],
      ]),
      table([
        ['May 2025', '1,290'],
        ['June 2025', '3,188'],
        ['July 2025', '5,577'],
      ]),
    );
    expect(diff).toEqual({
      changed: [{ row: 'May 2025', column: 'Tonnes (t)', before: '1,238', after: '1,290' }],
      added: ['July 2025'],
      removed: ['April 2025'],
    });
  });

  it('names a row by all its non-numeric cells', () => {
    const wide: TableLike = {
      headers: ['Month', 'Destination', 'Tonnes'],
      numeric: [false, false, true],
      rows: [{ cells: ['May 2025', 'Germany', '100'] }],
    };
    const after = { ...wide, rows: [{ cells: ['May 2025', 'Germany', '120'] }] };
    expect(tableDiff(wide, after).changed).toEqual([
      { row: 'May 2025, Germany', column: 'Tonnes', before: '100', after: '120' },
    ]);
  });
});

describe('figures', () => {
  const use = (kind: FigureUse['kind'], data: string, line: number): FigureUse => ({
    kind,
    data,
    props: { data },
    line,
  });

  it('pairs figures by kind, dataset and place, whatever moved around them', () => {
    const before = [use('Chart', 'a', 1), use('Chart', 'b', 2), use('Value', 'a', 3)];
    const after = [use('Chart', 'b', 1), use('Chart', 'a', 5), use('Chart', 'a', 9)];
    const pairs = pairFigures(before, after);
    expect(pairs.map((p) => [p.after?.line, p.before?.line, p.position])).toEqual([
      [1, 2, 1],
      [5, 1, 1],
      [9, undefined, 2],
      [undefined, 3, 1],
    ]);
  });

  it('reports each chart’s changed cells and each value’s old and new text at its own vintage', () => {
    const reader = (tonnes: string, value: string): FigureReader => ({
      table: () =>
        table([
          ['April 2025', '2,634'],
          ['May 2025', tonnes],
        ]),
      text: () => value,
      title: (figure) => (figure.kind === 'Chart' ? 'Exports' : undefined),
    });
    const text = (extra: string) => readerText(note(`Body.\n\n<Chart data="exports" />\n\n${extra}`));
    const diffs = figureDiffs(
      text('<Value data="exports" at="2025-05" />\n\n<Change data="exports" from="2025-04" to="2025-05" />'),
      text('<Value data="exports" at="2025-05" />'),
      reader('1,238', '1,238 t'),
      reader('1,290', '1,290 t'),
    );
    expect(diffs.map((d) => [d.kind, d.label, d.status])).toEqual([
      ['Chart', 'Exports', 'changed'],
      ['Value', '“1,290 t”', 'changed'],
      ['Change', '“1,238 t”', 'removed'],
    ]);
    expect(diffs[0]?.cells?.changed).toEqual([
      { row: 'May 2025', column: 'Tonnes (t)', before: '1,238', after: '1,290' },
    ]);
    expect(diffs[1]?.text).toEqual({ before: '1,238 t', after: '1,290 t' });
  });

  it('reports a chart whose title was corrected, even when its cells are the same', () => {
    const reader = (title: string): FigureReader => ({
      table: () => table([['May 2025', '1,238']]),
      text: () => '',
      title: () => title,
    });
    const text = readerText(note('<Chart data="exports" />'));
    const [diff] = figureDiffs(
      text,
      text,
      reader('June recovered more than half of the ground lost'),
      reader('June recovered almost half of the ground lost'),
    );
    expect(diff?.status).toBe('changed');
    expect(diff?.cells?.changed).toEqual([]);
    expect(diff?.title?.filter((part) => part.kind !== 'same').map((part) => [part.kind, part.text])).toEqual([
      ['removed', 'more than'],
      ['added', 'almost'],
    ]);
  });

  it('says a figure could not be compared rather than guess', () => {
    const broken: FigureReader = {
      table: () => {
        throw new Error('column gone');
      },
      text: () => '',
    };
    const text = readerText(note('<Chart data="exports" />'));
    expect(figureDiffs(text, text, broken, broken)[0]?.status).toBe('unreadable');
  });
});

describe('versionDiff', () => {
  it('says whether the words changed, and diffs headline, dek and body', () => {
    const none: FigureReader = { table: () => table([]), text: () => '' };
    const same = versionDiff(readerText(note('Body.')), readerText(note('Body.')), none, none);
    expect(same.textChanged).toBe(false);
    const diff = versionDiff(
      readerText(note('May fell.', 'Exports fell')),
      readerText(note('May fell further.', 'Exports collapsed')),
      none,
      none,
    );
    expect(diff.textChanged).toBe(true);
    expect(diff.title.filter((p) => p.kind !== 'same').map((p) => p.text)).toEqual(['fell', 'collapsed']);
    expect(diff.body[0]?.find((p) => p.kind === 'added')?.text).toContain('further');
  });
});
