import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadDataset } from '../../src/data/load.ts';
import type { FileSource } from '../../src/data/source.ts';
import type { AssayError } from '../../src/lib/errors.ts';
import { checkedUrl, historicUrl, isSafeUrl, safeUrl, urlProblem } from '../../src/lib/safe-url.ts';
import { noteSchema, noteVersionSchema } from '../../src/notes/schema.ts';

describe('isSafeUrl', () => {
  it('allows web pages, mail addresses and site paths', () => {
    for (const url of [
      'https://www.customs.gov.cn/x?a=1&b=2#t',
      'HTTPS://EXAMPLE.COM/',
      'http://example.com',
      'mailto:desk@example.com?subject=Hi',
      '/notes/x/',
      '/data/a.csv#row-2',
      '/',
    ]) {
      expect(isSafeUrl(url), url).toBe(true);
    }
  });

  it('refuses schemes that run or embed code, however they are spelled', () => {
    for (const url of [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      'java\tscript:alert(1)',
      ' javascript:alert(1)',
      'javascript://example.com/%0aalert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
      'ftp://example.com/x',
    ]) {
      expect(isSafeUrl(url), url).toBe(false);
    }
  });

  it('refuses links that leave the site while looking like site paths, and incomplete URLs', () => {
    for (const url of ['//evil.example/x', '/\\evil.example/x', 'https:evil.example', 'https://', 'mailto:', '', ' ']) {
      expect(isSafeUrl(url), JSON.stringify(url)).toBe(false);
    }
  });

  it('applies narrower rules where a field asks for them', () => {
    expect(isSafeUrl('mailto:a@example.com', { mailto: false })).toBe(false);
    expect(isSafeUrl('/images/x.png', { sitePath: false })).toBe(false);
    expect(isSafeUrl('https://example.com/', { mailto: false, sitePath: false })).toBe(true);
  });
});

describe('urlProblem', () => {
  it('names the scheme and what is allowed', () => {
    expect(urlProblem('javascript:alert(1)')).toBe(
      "'javascript:alert(1)' is not an allowed link: the javascript: scheme is not allowed (links must be https:, http:, mailto: or a site path starting with /)",
    );
    expect(urlProblem('data:text/html,x')).toMatch(/the data: scheme is not allowed/);
  });

  it('suggests https:// for a host written without a scheme', () => {
    expect(urlProblem('www.example.com/x')).toBe(
      "'www.example.com/x' is not an allowed link: it has no scheme (links must be https:, http:, mailto: or a site path starting with /); did you mean 'https://www.example.com/x'?",
    );
    expect(urlProblem('notes/x/')).not.toMatch(/did you mean/);
  });

  it('shows control characters and cuts long values, so the message stays one line', () => {
    expect(urlProblem('java\nscript:x')).toContain("'java\\u000ascript:x'");
    const message = urlProblem(`data:${'A'.repeat(5000)}`) ?? '';
    expect(message.length).toBeLessThan(250);
    expect(message).not.toMatch(/\n/);
  });

  it('lists only the forms a narrower field allows', () => {
    expect(urlProblem('mailto:a@example.com', { mailto: false, sitePath: false })).toMatch(
      /links must be https: or http:\)$/,
    );
  });
});

describe('schemas', () => {
  afterEach(() => vi.restoreAllMocks());

  it('the working-tree schema fails with the reason', () => {
    const result = safeUrl().safeParse('javascript:alert(1)');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/javascript: scheme is not allowed/);
    expect(safeUrl().parse('https://example.com/')).toBe('https://example.com/');
  });

  it('the history schema drops a link not allowed now, with one warning, and keeps good links', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const schema = historicUrl();
    expect(schema.parse('javascript:alert("old")')).toBeUndefined();
    expect(schema.parse('javascript:alert("old")')).toBeUndefined();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toMatch(/earlier version .* shown as plain text/);
    expect(schema.parse('https://example.com/')).toBe('https://example.com/');
  });
});

describe('earlier versions keep building', () => {
  afterEach(() => vi.restoreAllMocks());
  const frontmatter = {
    title: 'T',
    dek: 'D',
    published: '2025-06-20',
    edition: '2025-05',
    authors: ['A'],
    sources: [
      { name: 'Old source', url: 'javascript:alert("note")' },
      { name: 'Good', url: 'https://example.com/' },
    ],
  };
  const meta = `title: T\ndescription: D\nsource: { name: Agency, url: "javascript:alert('data')" }\nunit: t\nlicence: L\ncolumns:\n  a: { type: number }\n`;

  it('a note: the working tree fails on the link, an earlier version shows the name without it', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const now = noteSchema.safeParse(frontmatter);
    expect(now.success).toBe(false);
    expect(now.error?.issues[0]).toMatchObject({ path: ['sources', 0, 'url'] });
    const before = noteVersionSchema.parse(frontmatter);
    expect(before.sources).toEqual([
      { name: 'Old source', url: undefined },
      { name: 'Good', url: 'https://example.com/' },
    ]);
  });

  it('a dataset: the working tree fails naming source.url, data read at a commit drops the link', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const files: Record<string, string> = { 'data/d.csv': 'a\n1\n', 'data/d.yml': meta };
    const source = (vintage?: FileSource['vintage']): FileSource => ({
      id: vintage ? 'commit' : 'tree',
      read: (file) => files[file],
      list: () => Object.keys(files).map((file) => file.slice('data/'.length)),
      ...(vintage ? { vintage } : {}),
    });
    expect(() => loadDataset('d', source())).toThrow(/source\.url.*javascript: scheme is not allowed/s);
    const old = loadDataset('d', source({ commit: 'abc1234', date: new Date('2025-01-01T00:00:00Z') }));
    expect(old.meta.source).toEqual({ name: 'Agency', url: undefined });
  });
});

describe('site settings', () => {
  it('a site URL that is not a web address fails naming the setting', () => {
    expect(
      checkedUrl('https://research.example.org', { field: 'ASSAY_SITE_URL' }, { mailto: false, sitePath: false }),
    ).toBe('https://research.example.org');
    const error = (() => {
      try {
        checkedUrl(
          'javascript:alert(1)',
          { file: 'src/site.config.ts', field: 'url' },
          { mailto: false, sitePath: false },
        );
      } catch (caught) {
        return caught as AssayError;
      }
    })();
    expect(error).toMatchObject({
      file: 'src/site.config.ts',
      problem:
        "url: 'javascript:alert(1)' is not an allowed link: the javascript: scheme is not allowed (links must be https: or http:)",
    });
  });
});
