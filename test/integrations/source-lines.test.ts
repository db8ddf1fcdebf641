import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { mdxToJs } from 'satteri';
import { describe, expect, it } from 'vitest';
import { sourceLines } from '../../src/integrations/source-lines.ts';
import { isAssayError } from '../../src/lib/errors.ts';

const FILE = path.join(process.cwd(), 'content/notes/x.mdx');

function compile(source: string): string {
  return mdxToJs(source, { mdastPlugins: [sourceLines], fileURL: pathToFileURL(FILE) }).code;
}

function failure(source: string) {
  try {
    compile(source);
  } catch (error) {
    if (isAssayError(error)) return error;
    throw error;
  }
  throw new Error('expected an error');
}

describe('MDX source lines', () => {
  it('gives each note component its line and column', () => {
    const code = compile('Intro.\n\nMay was <Value data="d" at="2025-05" />.\n\n<Chart data="d" />\n');
    expect(code).toContain('"3:9"');
    expect(code).toContain('"5:1"');
  });
  it('refuses an unknown component at file:line:column, with the one meant and no talk of imports', () => {
    const error = failure('Intro.\n\n  <Chrt data="d" />\n');
    expect(error.message.split('\n')[0]).toBe(
      'content/notes/x.mdx:3:3 unknown component <Chrt>; did you mean <Chart>? (no import needed)',
    );
    expect(error.hint).toMatch(/<Chart>, <Value>, <Change>, <Callout> without an import line/);
  });
  it('names an unknown component with no close match', () => {
    expect(failure('A <Sparkline data="d" /> here.\n').problem).toBe(
      'unknown component <Sparkline> (no import needed)',
    );
  });
  it('leaves HTML elements and components the file imports itself alone', () => {
    expect(compile('<div>text</div>\n\n<abbr title="t">T</abbr>\n')).toContain('abbr');
    expect(compile("import Local from './local.astro';\n\n<Local />\n")).toContain('Local');
    expect(compile('<Fragment>text</Fragment>\n')).toContain('Fragment');
  });
});
