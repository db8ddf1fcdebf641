import { describe, expect, it } from 'vitest';
import { slugOf } from '../../src/integrations/content-slugs.ts';
import { contentFile } from '../../src/versions/index.ts';

describe('content slugs', () => {
  it('is the file name, whatever the folder, as pages and versions both read it', () => {
    expect(slugOf('content/notes/2025/china-magnets.mdx')).toBe('china-magnets');
    expect(slugOf('content/notes/China-Magnets.mdx')).toBe('china-magnets');
    expect(contentFile('content/notes/2025/x.mdx', ['content/notes'])).toEqual({
      file: 'content/notes/2025/x.mdx',
      collection: 'notes',
      id: 'x',
    });
  });
});
