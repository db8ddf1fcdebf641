import { describe, expect, it, vi } from 'vitest';
import { parseCalloutProps } from '../../src/components/callout-props.ts';
import { sourcePlace } from '../../src/components/source-place.ts';
import { isAssayError } from '../../src/lib/errors.ts';

const place = { file: 'content/notes/x.mdx', line: 14, column: 1 };

function problem(props: Record<string, unknown>): { problem: string; hint?: string; where: string } {
  try {
    parseCalloutProps(props, place);
  } catch (error) {
    if (!isAssayError(error)) throw error;
    return { problem: error.problem, hint: error.hint, where: `${error.file}:${error.line}:${error.column}` };
  }
  throw new Error('expected an error');
}

describe('<Callout> props', () => {
  it('defaults the tone to note and keeps the title', () => {
    expect(parseCalloutProps({ title: 'Key figure' }, place)).toEqual({ title: 'Key figure', tone: 'note' });
    expect(parseCalloutProps({ tone: 'caution', __line: '3:1' }, place).tone).toBe('caution');
  });
  it('a tone other systems use is refused with ours and the one meant', () => {
    expect(problem({ tone: 'warning' })).toEqual({
      problem: "<Callout>: tone 'warning' is not one of note, key, caution; did you mean 'caution'?",
      hint: 'note is neutral, key highlights a figure, caution marks a caveat',
      where: 'content/notes/x.mdx:14:1',
    });
    expect(problem({ tone: 'kee' }).problem).toContain("did you mean 'key'?");
    expect(problem({ tone: 'purple' }).problem).toBe("<Callout>: tone 'purple' is not one of note, key, caution");
  });
  it('an unknown prop, with did-you-mean', () => {
    expect(problem({ titel: 'Key figure' })).toMatchObject({
      problem: "<Callout>: unknown option 'titel'; did you mean 'title'?",
      hint: 'options are title, tone',
    });
  });
  it('a title that is not text', () => {
    expect(problem({ title: 42 }).problem).toBe('<Callout>: title must be text, not 42');
  });
});

describe('sourcePlace', () => {
  it('reads line:column, a bare line, or nothing', () => {
    expect(sourcePlace('a.mdx', '11:3')).toEqual({ file: 'a.mdx', line: 11, column: 3 });
    expect(sourcePlace('a.mdx', '11')).toEqual({ file: 'a.mdx', line: 11, column: undefined });
    expect(sourcePlace('a.mdx', undefined)).toEqual({ file: 'a.mdx' });
  });
});

describe('<Callout> in an earlier version from history', () => {
  it('a tone written before tones were checked warns and renders as a note', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(parseCalloutProps({ title: 'Careful', tone: 'warning' }, { ...place, history: true })).toEqual({
      title: 'Careful',
      tone: 'note',
    });
    expect(warn).toHaveBeenCalledTimes(1);
    warn.mockRestore();
  });
});
