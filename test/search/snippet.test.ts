import { describe, expect, it } from 'vitest';
import { excerptStart, type SnippetPart, sentenceSnippet } from '../../src/search/snippet.ts';

const text = (parts: SnippetPart[]) => parts.map((part) => part.text).join('');
const marks = (parts: SnippetPart[]) => parts.filter((part) => part.mark).map((part) => part.text);
const words = (content: string) => content.split(/\s+/);

// The August note's text around "Germany", as Pagefind stores it (headings end with a full stop).
const CONTENT =
  'Licences are granted case by case, and customs do not give them month by month in our sources. ' +
  'Germany leads, the US is back above last year. Germany was the largest destination in July, taking 1,116 t, up 46% on June. ' +
  'Shipments to the United States reached 619 t.';
const at = (word: string) => words(CONTENT).flatMap((w, i) => (w.startsWith(word) ? [i] : []));

describe('sentenceSnippet', () => {
  it('moves a mid-sentence excerpt back to where its sentence starts, marks kept', () => {
    const plain = 'customs do not give them month by month in our sources. Germany leads, the US';
    const parts = sentenceSnippet(CONTENT, at('Germany'), plain);
    expect(text(parts)).toMatch(/^Licences are granted case by case, and customs/);
    expect(marks(parts)).toEqual(['Germany', 'Germany']);
  });

  it('starts at the next sentence when its own began long before and a match follows', () => {
    const plain = 'customs do not give them month by month in our sources. Germany leads, the US';
    const parts = sentenceSnippet(CONTENT, at('Germany'), plain, { maxLead: 3 });
    expect(text(parts)).toMatch(/^Germany leads, the US is back above last year\. Germany was/);
    expect(parts[0]).toEqual({ text: 'Germany', mark: true });
  });

  it('ends with an ellipsis only when it stops mid-sentence', () => {
    // Four words asked for, and eight after the first match so that it reads in context.
    expect(text(sentenceSnippet(CONTENT, at('Licences'), 'Licences are granted', { length: 4, maxTail: 0 }))).toBe(
      'Licences are granted case by case, and customs …',
    );
    // On to the end of the sentence when it is near, and then no ellipsis.
    expect(text(sentenceSnippet(CONTENT, at('Licences'), 'Licences are granted', { length: 4 }))).toBe(
      'Licences are granted case by case, and customs do not give them month by month in our sources.',
    );
    expect(text(sentenceSnippet(CONTENT, at('Shipments'), 'Shipments to the'))).toMatch(/619 t\.$/);
  });

  it('does not take a full stop inside a number or before a lower-case word for a sentence end', () => {
    const content = 'Prices rose 1.5 per cent. in May, e.g. the spot price doubled.';
    const parts = sentenceSnippet(content, [8], 'the spot price');
    expect(text(parts)).toMatch(/^Prices rose/);
  });

  it('is empty for an empty page and finds no start for an excerpt the page lacks', () => {
    expect(sentenceSnippet('', [], '')).toEqual([]);
    expect(excerptStart(words(CONTENT), 'nowhere in the text')).toBeUndefined();
  });
});
