import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { scaffold } from '../../src/lib/scaffold.ts';
import { noteSchema } from '../../src/notes/schema.ts';

const date = new Date(Date.UTC(2025, 8, 3));

function frontmatter(text: string): unknown {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(text);
  if (!match) throw new Error('no frontmatter');
  return parse(match[1] as string);
}

describe('scaffold', () => {
  it('makes a draft note whose frontmatter passes the note schema', () => {
    const { file, text } = scaffold('note', 'magnets-august-2025', { date, title: 'A "quoted" title' });
    expect(file).toBe('content/notes/magnets-august-2025.mdx');
    const data = noteSchema.parse(frontmatter(text));
    expect(data.title).toBe('A "quoted" title');
    expect(data.edition).toBe('2025-08');
    expect(data.draft).toBe(true);
    expect(text).toContain('<Chart');
  });

  it('makes an event file', () => {
    expect(scaffold('event', 'summit-2026', { date }).file).toBe('content/events/summit-2026.mdx');
  });

  it('rejects unknown kinds and unusable slugs with a fix', () => {
    expect(() => scaffold('page', 'x', { date })).toThrow(/expected note or event/);
    expect(() => scaffold('note', 'My Note', { date })).toThrow(/not a usable slug/);
  });
});
