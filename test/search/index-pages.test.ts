/**
 * What Pagefind reads of a page (src/search/index-pages.ts): the page without the elements it
 * would leave out anyway. The built site's index is compared with Pagefind reading the pages
 * themselves in test/search/search.test.ts.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copySearchPages } from '../../src/integrations/search-index.ts';
import { withoutIgnored } from '../../src/search/index-pages.ts';

describe('the pages search reads', () => {
  it('are the latest note and event pages only, copied without what Pagefind ignores', async () => {
    const dist = mkdtempSync(path.join(tmpdir(), 'assay-search-dist-'));
    const copies = mkdtempSync(path.join(tmpdir(), 'assay-search-copies-'));
    try {
      const page = '<main data-pagefind-body><p>Text</p><div data-pagefind-ignore="all"><svg></svg></div></main>';
      for (const file of [
        'notes/a-note/index.html',
        'events/a-summit/index.html',
        'notes/a-note/v1/index.html',
        'notes/a-note/email.html',
        'notes/page/2/index.html',
        'notes/index.html',
        'index.html',
        'topics/magnets/index.html',
        'search/index.html',
      ]) {
        mkdirSync(path.dirname(path.join(dist, file)), { recursive: true });
        writeFileSync(path.join(dist, file), page);
      }
      expect(await copySearchPages(dist, copies)).toBe(2);
      const copied = readdirSync(copies, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => path.relative(copies, path.join(entry.parentPath, entry.name)))
        .sort();
      expect(copied).toEqual(['events/a-summit/index.html', 'notes/a-note/index.html']);
      expect(readFileSync(path.join(copies, 'notes/a-note/index.html'), 'utf8')).toBe(
        '<main data-pagefind-body><p>Text</p></main>',
      );
    } finally {
      rmSync(dist, { recursive: true, force: true });
      rmSync(copies, { recursive: true, force: true });
    }
  });

  it('leave out each element marked data-pagefind-ignore="all", nested elements of its name included', () => {
    const page =
      '<main data-pagefind-body><p>Exports rose.</p>' +
      '<div class="chart__graphic" data-pagefind-ignore="all"><div><svg><text>1,200</text></svg></div><div></div></div>' +
      '<p class="chart__title">Germany led</p>' +
      '<details class="chart__data" data-pagefind-ignore="all"><summary>Data table</summary><table><tr><td>1,116</td></tr></table></details>' +
      '<p>After.</p></main>';
    expect(withoutIgnored(page)).toBe(
      '<main data-pagefind-body><p>Exports rose.</p><p class="chart__title">Germany led</p><p>After.</p></main>',
    );
  });

  it('keep what is only ignored for its text, and what they cannot see the end of', () => {
    const related = '<nav data-pagefind-ignore><a href="/notes/x/">X</a></nav>';
    expect(withoutIgnored(related)).toBe(related);
    // Not our markup: Pagefind is left to ignore it itself.
    const unclosed = '<p>Text</p><div data-pagefind-ignore="all"><div>never closed</div>';
    expect(withoutIgnored(unclosed)).toBe(unclosed);
    expect(withoutIgnored('<p>a</p><span data-pagefind-ignore="all"/><p>b</p>')).toBe('<p>a</p><p>b</p>');
  });
});
