import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type BuiltSite, buildSite, PROJECT_ROOT, removeSite } from '../helpers/build-site.ts';

const FIXTURE_CONFIG = path.join(PROJECT_ROOT, 'test/fixtures/sites/astro.fixture.mjs');
const WORLD = 'china-magnet-exports-world';

/** A throwaway site (inside the project, so packages resolve) with the sample datasets and one note. */
function siteWith(note: string, csv?: string): string {
  mkdirSync(path.join(PROJECT_ROOT, 'test/.tmp'), { recursive: true });
  const root = mkdtempSync(path.join(PROJECT_ROOT, 'test/.tmp/errors-'));
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  };
  write('astro.config.mjs', `export { default } from ${JSON.stringify(FIXTURE_CONFIG)};\n`);
  write(`data/${WORLD}.yml`, readFileSync(path.join(PROJECT_ROOT, `data/${WORLD}.yml`), 'utf8'));
  write(`data/${WORLD}.csv`, csv ?? readFileSync(path.join(PROJECT_ROOT, `data/${WORLD}.csv`), 'utf8'));
  mkdirSync(path.join(root, 'content/events'), { recursive: true });
  write('content/notes/x.mdx', note);
  return root;
}

const note = (body: string) => `---
title: A note
dek: A test note.
published: 2025-06-20
edition: 2025-05
authors: [Tester]
---

Intro paragraph.

${body}
`;

describe('author mistakes fail the build with the file, the problem and a fix', () => {
  const built: BuiltSite[] = [];
  const roots: string[] = [];
  afterAll(() => {
    built.forEach(removeSite);
    for (const root of roots) rmSync(root, { recursive: true, force: true });
  });

  function build(root: string): BuiltSite {
    roots.push(root);
    const site = buildSite(root, { ASSAY_ALLOW_NO_HISTORY: '1' });
    built.push(site);
    expect(site.ok).toBe(false);
    return site;
  }

  it('bad or missing frontmatter fields', () => {
    const site = buildSite(path.join(PROJECT_ROOT, 'test/fixtures/sites/bad-frontmatter'), {
      ASSAY_ALLOW_NO_HISTORY: '1',
    });
    built.push(site);
    expect(site.ok).toBe(false);
    expect(site.output).toContain('broken.mdx');
    expect(site.output).toMatch(/dek.*needs a one-sentence summary/);
    expect(site.output).toMatch(/edition.*as YYYY-MM/);
  });

  it('an unknown dataset name, with the closest name', () => {
    const site = build(siteWith(note(`<Chart data="china-magnet-exports-wrld" type="bar" x="month" y="tonnes" />`)));
    expect(site.output).toContain('content/notes/x.mdx:11');
    expect(site.output).toContain("no dataset named 'china-magnet-exports-wrld'");
    expect(site.output).toContain(`did you mean '${WORLD}'?`);
  });

  it('an unknown column, with "did you mean" and the columns there are', () => {
    const site = build(siteWith(note(`<Chart data="${WORLD}" type="bar" x="month" y="tonne" />`)));
    expect(site.output).toContain('content/notes/x.mdx:11');
    expect(site.output).toContain("'tonne'");
    expect(site.output).toContain("did you mean 'tonnes'?");
    expect(site.output).toMatch(/month, tonnes, basis/);
  });

  it('a value that does not parse as its declared type', () => {
    const csv = 'month,tonnes,basis\n2025-04,2634,derived\n2025-05,"1,238",stated\n';
    const site = build(siteWith(note(`<Chart data="${WORLD}" type="bar" x="month" y="tonnes" />`), csv));
    expect(site.output).toContain(`data/${WORLD}.csv:3`);
    expect(site.output).toContain("value '1,238' is not a number");
    expect(site.output).toContain('write it as 1238');
  });

  it('a bad chart option, listing the allowed ones', () => {
    const site = build(siteWith(note(`<Chart data="${WORLD}" type="pie" x="month" y="tonnes" />`)));
    expect(site.output).toContain('content/notes/x.mdx:11');
    expect(site.output).toMatch(/option type is invalid.*pie/s);
    expect(site.output).toMatch(/bar.*line.*area/s);
  });

  it('a Value pointing at a row that does not exist', () => {
    const site = build(siteWith(note(`May was <Value data="${WORLD}" at="2031-05" column="tonnes" />.`)));
    expect(site.output).toContain('content/notes/x.mdx:11');
    expect(site.output).toContain('2031-05');
  });
});
