/**
 * Within a built note, a quantity reads one way (issue 19, problem 9: "t" vs "tonnes", 4.8% vs
 * 6% in the same note). Sentences, the note's own and the generated ones (<Value>, <Change>,
 * chart descriptions), say "tonnes"; the short "t" is only on the charts and in table headers,
 * under a subtitle that says "tonnes"; every change in percent is a whole percentage.
 */
import { describe, expect, it } from 'vitest';
import { parsePage, readablePages } from './dist.ts';

const notes = readablePages().filter((page) => page.kind === 'note');
const SHORT_UNIT = /\d[\s\u00a0]t\b/;

describe.each(notes.map((page) => [page.url, page] as const))('%s', (_url, page) => {
  const document = parsePage(page.file);
  const sentences = [
    ...document.querySelectorAll('.dek, .prose p, .prose li, .prose .value, .prose .change, .chart__description'),
  ].map((element) => (element.textContent ?? '').replace(/\s+/g, ' ').trim());

  it('sentences write the unit word, as the dek and the chart subtitles do', () => {
    expect(sentences.length).toBeGreaterThan(0);
    expect(sentences.filter((text) => SHORT_UNIT.test(text))).toEqual([]);
    const values = [...document.querySelectorAll('.prose .value')].map((element) => element.textContent ?? '');
    for (const value of values) expect(value).toMatch(/^[\d,.]+\u00a0(tonnes|%)$|^[\d,.]+%$/);
  });

  it('changes in percent are whole percentages in the text and in chart descriptions alike', () => {
    const percentages = sentences.flatMap((text) => text.match(/\d[\d,.]*%/g) ?? []);
    expect(percentages.length).toBeGreaterThan(0);
    expect(percentages.filter((p) => p.includes('.'))).toEqual([]);
  });
});
