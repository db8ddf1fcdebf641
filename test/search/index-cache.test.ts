import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isPack, packDirectory, SearchInputs, unpackDirectory } from '../../src/search/index-cache.ts';

const dirs: string[] = [];
const temp = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'assay-search-cache-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A directory shaped like Pagefind's output: nested files, one binary, one empty. */
function indexLike(): string {
  const dir = temp();
  mkdirSync(path.join(dir, 'fragment'));
  writeFileSync(path.join(dir, 'pagefind-entry.json'), '{"version":"1.6.0"}');
  writeFileSync(path.join(dir, 'fragment', 'en_1a2b.pf_fragment'), Buffer.from([0x1f, 0x8b, 0, 255, 7]));
  writeFileSync(path.join(dir, 'fragment', 'empty.pf_fragment'), '');
  return dir;
}

describe('the search index kept between builds', () => {
  it('comes back file for file, byte for byte', () => {
    const from = indexLike();
    const pack = packDirectory(from);
    expect(isPack(pack)).toBe(true);
    const to = temp();
    expect(unpackDirectory(pack, to)).toBe(true);
    for (const file of ['pagefind-entry.json', 'fragment/en_1a2b.pf_fragment', 'fragment/empty.pf_fragment'])
      expect(readFileSync(path.join(to, file)).equals(readFileSync(path.join(from, file))), file).toBe(true);
  });

  it('is a miss, writing nothing, when cut short, damaged, or naming a path outside its directory', () => {
    const pack = packDirectory(indexLike());
    const damaged = [
      pack.subarray(0, pack.length - 1),
      Buffer.concat([pack.subarray(0, 40), pack.subarray(41)]),
      Buffer.from(pack.toString('latin1').replace('ASSAY-SEARCH-1', 'ASSAY-SEARCH-0'), 'latin1'),
      Buffer.from(pack.toString('latin1').replace('fragment/empty', '../fragment/xy'), 'latin1'),
    ];
    for (const bytes of damaged) {
      expect(isPack(bytes)).toBe(false);
      const to = temp();
      expect(unpackDirectory(bytes, to)).toBe(false);
      expect(() => readFileSync(path.join(to, 'pagefind-entry.json'))).toThrow();
    }
  });

  it('is keyed by every page it reads and the setup, not by the order pages come in', () => {
    const key = (setup: string, pages: [string, string][]) => {
      const inputs = new SearchInputs(setup);
      for (const [page, html] of pages) inputs.add(page, html);
      return inputs.key();
    };
    const pages: [string, string][] = [
      ['notes/a/index.html', '<p>Exports fell 12%.</p>'],
      ['notes/b/index.html', '<p>Prices rose.</p>'],
    ];
    const base = key('pagefind 1.6.0', pages);
    expect(key('pagefind 1.6.0', [...pages].reverse())).toBe(base);
    // One changed character in one page, a page more, another Pagefind: each a new index.
    expect(
      key('pagefind 1.6.0', [pages[0] as [string, string], ['notes/b/index.html', '<p>Prices rose!</p>']]),
    ).not.toBe(base);
    expect(key('pagefind 1.6.0', [...pages, ['events/c/index.html', '<p>Summit</p>']])).not.toBe(base);
    expect(key('pagefind 1.6.1', pages)).not.toBe(base);
    // A page moved to another path is another page.
    expect(
      key('pagefind 1.6.0', [pages[0] as [string, string], ['notes/c/index.html', '<p>Prices rose.</p>']]),
    ).not.toBe(base);
  });
});
