import { describe, expect, it } from 'vitest';
import { escapeHtml, serializeJsonLd } from '../../src/lib/escape.ts';
import { smartypants } from '../../src/lib/typography.ts';

describe('smartypants: curly quotes and dashes for frontmatter text', () => {
  it.each([
    ["China's magnet exports fell 77%", 'China’s magnet exports fell 77%'],
    ["July's exports: 'back'.", 'July’s exports: ‘back’.'],
    ['He said "quoted \'nested\' text" today', 'He said “quoted ‘nested’ text” today'],
    ['"\'Nested\' at the start"', '“‘Nested’ at the start”'],
    ['("in brackets")', '(“in brackets”)'],
    ['a "quote"-led title', 'a “quote”-led title'],
    ['exports\u2014"a rebound"', 'exports\u2014“a rebound”'],
    ['the "2025" edition', 'the “2025” edition'],
    ['"77%" fell', '“77%” fell'],
    ["'in 2025' she said", '‘in 2025’ she said'],
    ["the Joneses' magnets, O'Neill's view", 'the Joneses’ magnets, O’Neill’s view'],
    ["in the 1990's", 'in the 1990’s'],
    ["don't, can't, it's", 'don’t, can’t, it’s'],
  ])('%s', (input, expected) => {
    expect(smartypants(input)).toBe(expected);
  });

  it('elisions take an apostrophe, not an opening quote', () => {
    expect(smartypants("the '90s")).toBe('the ’90s');
    expect(smartypants("'90s rock 'n' roll")).toBe('’90s rock ’n’ roll');
    expect(smartypants("Q2 '25 results")).toBe('Q2 ’25 results');
    expect(smartypants("'Tis the season, 'twas ever so")).toBe('’Tis the season, ’twas ever so');
    expect(smartypants("It was 'the '90s' again")).toBe('It was ‘the ’90s’ again');
  });

  it('a spaced double hyphen is a spaced en dash; hyphens and ranges stay as written', () => {
    expect(smartypants('March -- the last month -- before')).toBe('March \u2013 the last month \u2013 before');
    expect(smartypants('2024-2025 and 22-24 September, mine-to-magnet')).toBe(
      '2024-2025 and 22-24 September, mine-to-magnet',
    );
    expect(smartypants('a--b')).toBe('a--b');
  });

  it('leaves text without straight quotes alone, and curly text as it is', () => {
    const text = 'Germany took the most magnets in July';
    expect(smartypants(text)).toBe(text);
    expect(smartypants('China’s “rebound”')).toBe('China’s “rebound”');
  });

  it('writes characters, not entities or markup: escaping for the context still happens after', () => {
    const hostile = `<script>alert("x")</script> & 'y'`;
    const curly = smartypants(hostile);
    expect(curly).toBe('<script>alert(“x”)</script> & ‘y’');
    expect(escapeHtml(curly)).toBe('&lt;script&gt;alert(“x”)&lt;/script&gt; &amp; ‘y’');
    expect(serializeJsonLd({ '@context': 'https://schema.org', headline: curly })).not.toContain('</script>');
  });
});
