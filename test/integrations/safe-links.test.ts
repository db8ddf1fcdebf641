import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { mdxToJs } from 'satteri';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { safeLinks } from '../../src/integrations/safe-links.ts';

const FILE = path.join(process.cwd(), 'content/notes/x.mdx');
const compile = (source: string) => mdxToJs(source, { mdastPlugins: [safeLinks], fileURL: pathToFileURL(FILE) }).code;

describe('links in earlier versions rebuilt from history', () => {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  afterEach(() => warn.mockClear());

  it('keeps the text of a link that would run code, without the link, and says where', () => {
    const code = compile('See [the data](javascript:alert(1)) and [the source](https://example.com/).\n');
    expect(code).not.toContain('javascript:');
    expect(code).toContain('the data');
    expect(code).toContain('https://example.com/');
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toMatch(/content\/notes\/x\.mdx:1:5 link .*javascript:/);
  });

  it('drops a reference definition that would run code, so [text][ref] cannot take its target', () => {
    const code = compile('See [the data][d].\n\n[d]: javascript:alert(1)\n');
    expect(code).not.toContain('javascript:');
    expect(code).toContain('the data');
    expect(String(warn.mock.calls[0]?.[0])).toMatch(
      /x\.mdx:3:1 link .*javascript:.*references are shown as plain text/,
    );
  });
});
