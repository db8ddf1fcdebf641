import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type BuiltSite, buildSite, PROJECT_ROOT, removeSite } from '../helpers/build-site.ts';

const fixture = (name: string) => path.join(PROJECT_ROOT, 'test/fixtures/sites', name);

describe('author mistakes fail the build with the file, the problem and a fix', () => {
  const built: BuiltSite[] = [];
  afterAll(() => built.forEach(removeSite));

  it('bad or missing frontmatter fields', () => {
    const site = buildSite(fixture('bad-frontmatter'));
    built.push(site);
    expect(site.ok).toBe(false);
    expect(site.output).toContain('broken.mdx');
    expect(site.output).toMatch(/dek.*needs a one-sentence summary/);
    expect(site.output).toMatch(/edition.*as YYYY-MM/);
  });
});
