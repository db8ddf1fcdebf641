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

  /** The problem is printed once, in the project format, with no stack trace and no route blamed. */
  function expectPrintedOnce(site: BuiltSite, first: string): void {
    expect(site.output.split(first).length - 1).toBe(1);
    expect(site.output).not.toMatch(/^\s+at /m);
    expect(site.output).not.toMatch(/Caught error|Stack trace|MDX component encounters runtime errors/);
    expect(site.output).not.toMatch(/error.*\/atom\.xml|\/atom\.xml.*error/i);
  }

  it('a note in a subfolder builds at /notes/<file name>/', () => {
    const root = siteWith(note(`<Chart data="${WORLD}" type="bar" x="month" y="tonnes" />`));
    roots.push(root);
    mkdirSync(path.join(root, 'content/notes/2025'));
    writeFileSync(path.join(root, 'content/notes/2025/sub.mdx'), note('A note in a folder.'));
    const site = buildSite(root, { ASSAY_ALLOW_NO_HISTORY: '1' });
    built.push(site);
    expect(site.output).not.toContain('Missing parameter');
    expect(site.ok).toBe(true);
    expect(readFileSync(path.join(site.outDir, 'notes/sub/index.html'), 'utf8')).toContain('A note in a folder.');
  });

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
    expect(site.output).toContain('content/notes/x.mdx:11:1 ');
    expect(site.output).toContain("no dataset named 'china-magnet-exports-wrld'");
    expect(site.output).toContain(`did you mean '${WORLD}'?`);
  });

  it('an unknown column: once, as file:line:column problem then the hint, nothing else', () => {
    const site = build(siteWith(note(`<Chart data="${WORLD}" type="bar" x="month" y="tonne" />`)));
    const first = `content/notes/x.mdx:11:1 <Chart data="${WORLD}">: column 'tonne' (option y) not found in data/${WORLD}.csv; columns are month, tonnes, basis; did you mean 'tonnes'?`;
    expect(site.output).toContain(`${first}\n  hint: set y to one of the columns above\n`);
    expectPrintedOnce(site, first);
  });

  it('a problem found only while the page renders: once, without stack, no route blamed', () => {
    // The content check does not run plot functions, so this one surfaces in the render.
    const plot = 'plot={(data, Plot) => { throw new Error("no marks yet"); }}';
    const site = build(siteWith(note(`<Chart data="${WORLD}" ${plot} />`)));
    const first = `content/notes/x.mdx:11:1 <Chart data="${WORLD}">: the plot function threw: no marks yet`;
    expect(site.output).toContain(first);
    expectPrintedOnce(site, first);
  });

  it('an unknown component, at compile time, without talk of imports', () => {
    const site = build(siteWith(note(`Text and <Chrt data="${WORLD}" /> here.`)));
    const first = 'content/notes/x.mdx:11:10 unknown component <Chrt>; did you mean <Chart>? (no import needed)';
    expect(site.output).toContain(first);
    expectPrintedOnce(site, first);
    expect(site.output).not.toMatch(/forgot to import|Location:/);
  });

  it('two notes whose names differ only in case fail with both paths', () => {
    const root = siteWith(note('Body.'));
    writeFileSync(path.join(root, 'content/notes/X.mdx'), note('Other body.'));
    const site = build(root);
    // Reported by the content check before the build renders anything; neither file is dropped silently.
    expect(site.output).toMatch(
      /content\/notes\/X\.mdx.*content\/notes\/x\.mdx|content\/notes\/x\.mdx.*content\/notes\/X\.mdx/,
    );
    expect(site.output).toContain('differ only in case');
  });

  it('a value that does not parse as its declared type', () => {
    const csv = 'month,tonnes,basis\n2025-04,2634,derived\n2025-05,"1,238",stated\n';
    const site = build(siteWith(note(`<Chart data="${WORLD}" type="bar" x="month" y="tonnes" />`), csv));
    expect(site.output).toContain(`data/${WORLD}.csv:3`);
    expect(site.output).toContain("value '1,238'");
  });

  it('a bad chart option, listing the allowed ones', () => {
    const site = build(siteWith(note(`<Chart data="${WORLD}" type="pie" x="month" y="tonnes" />`)));
    expect(site.output).toContain(
      `content/notes/x.mdx:11:1 <Chart data="${WORLD}">: type 'pie' is not one of bar, line, area, dot, scatter`,
    );
    expect(site.output).not.toMatch(/Invalid option|expected one of/);
  });

  it('a Value pointing at a row that does not exist', () => {
    const site = build(siteWith(note(`May was <Value data="${WORLD}" at="2031-05" column="tonnes" />.`)));
    const first = `content/notes/x.mdx:11:9 <Value data="${WORLD}">: no row with month = '2031-05' in data/${WORLD}.csv`;
    expect(site.output).toContain(first);
    expectPrintedOnce(site, first);
  });
});
