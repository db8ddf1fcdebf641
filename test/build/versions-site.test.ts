import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RENDER_LATEST_VERSIONS_ENV } from '../../src/versions/latest-copies.ts';
import { type BuiltSite, buildSite, PROJECT_ROOT, removeSite } from '../helpers/build-site.ts';
import { EXPORTS_META, ScriptedRepo } from '../versions/scripted-repo.ts';

// Scratch repositories live inside the project so Vite resolves packages from its node_modules.
const SCRATCH = path.join(PROJECT_ROOT, 'test/.tmp');
const FIXTURE_CONFIG = path.join(PROJECT_ROOT, 'test/fixtures/sites/astro.fixture.mjs');

function scratchDir(name: string): string {
  mkdirSync(SCRATCH, { recursive: true });
  return mkdtempSync(path.join(SCRATCH, `${name}-`));
}

function html(site: BuiltSite, urlPath: string): Document {
  return parseHTML(readFileSync(path.join(site.outDir, urlPath, 'index.html'), 'utf8')).document;
}

function chartCsvs(site: BuiltSite, urlPath: string): string[] {
  // Data rows only: the download's '#' header lines name the source and the as-of date.
  return [...html(site, urlPath).querySelectorAll('a.chart__download')].map((a) =>
    readFileSync(path.join(site.outDir, a.getAttribute('href') as string), 'utf8')
      .split('\n')
      .filter((line) => !line.startsWith('#'))
      .join('\n'),
  );
}

const note = (body: string, updates: string[] = [], extra = '') => `---
title: Exports fell
dek: A test note.
published: 2025-06-20
edition: 2025-05
authors: [Tester]
${updates.length > 0 ? `updates:\n${updates.map((u) => `  - { date: 2025-07-01, summary: "${u}" }`).join('\n')}\n` : ''}${extra}---

${body}

<Chart data="exports" type="bar" x="month" y="tonnes" title="Exports" />
`;

describe('versions from a scripted git history', () => {
  let repo: ScriptedRepo;
  let site: BuiltSite;
  beforeAll(() => {
    repo = new ScriptedRepo({ dir: scratchDir('history') });
    repo.write('astro.config.mjs', `export { default } from ${JSON.stringify(FIXTURE_CONFIG)};\n`);
    repo.write('data/exports.yml', EXPORTS_META);
    repo.write('data/exports.csv', 'month,tonnes\n2025-04,2634\n2025-05,1238\n');
    repo.write('content/notes/old-slug.mdx', note('The first text.'));
    repo.commit('v1: publish', '2025-06-20');
    repo.write('data/exports.csv', 'month,tonnes\n2025-04,2634\n2025-05,1238\n2025-06,3188\n');
    repo.commit('append June data', '2025-07-01');
    repo.write('content/notes/old-slug.mdx', note('The first text, with a typo fixed.'));
    repo.commit('typo', '2025-07-02');
    repo.write('content/notes/old-slug.mdx', note('The corrected text.', ['Corrected the May figure']));
    repo.commit('correction', '2025-07-03');
    repo.write('data/exports.csv', 'month,tonnes\n2025-04,2634\n2025-05,1238\n2025-06,3188\n2025-07,5577\n');
    repo.commit('append July data', '2025-08-01');
    repo.move('content/notes/old-slug.mdx', 'content/notes/new-slug.mdx');
    repo.commit('rename', '2025-08-02');
    site = buildSite(repo.root, { ASSAY_BUILD_DATE: '2025-09-01' });
    if (!site.ok) throw new Error(site.output);
  });
  afterAll(() => {
    removeSite(site);
    rmSync(repo.dir, { recursive: true, force: true });
  });

  it('serves the latest version at the note URL and at /v2/, the first at /v1/ with its own text', () => {
    const latest = html(site, '/notes/new-slug/');
    expect(latest.querySelector('main')?.textContent).toContain('The corrected text.');
    expect(html(site, '/notes/new-slug/v2/').querySelector('main')?.textContent).toContain('The corrected text.');
    const first = html(site, '/notes/new-slug/v1/');
    // v1 is the newest text with no updates entries: the typo fix is in, the correction is not.
    expect(first.querySelector('main')?.textContent).toContain('The first text, with a typo fixed.');
    expect(first.querySelector('main')?.textContent).not.toContain('corrected');
  });

  it('marks earlier versions with a banner, noindex and a canonical link to the latest', () => {
    const first = html(site, '/notes/new-slug/v1/');
    expect(first.querySelector('.version-banner')?.textContent).toMatch(
      /You are reading version 1 of 2, published 20 June 2025\.\s*Read the latest version/,
    );
    expect(first.querySelector('.version-banner a')?.getAttribute('href')).toBe('/notes/new-slug/');
    expect(first.querySelector('meta[name="robots"]')?.getAttribute('content')).toBe('noindex');
    expect(first.querySelector('link[rel="canonical"]')?.getAttribute('href')).toMatch(/\/notes\/new-slug\/$/);
    expect(html(site, '/notes/new-slug/').querySelector('.version-banner')).toBeNull();
  });

  it('shows a change log linking each update to the version it superseded', () => {
    const log = html(site, '/notes/new-slug/').querySelector('#versions');
    expect(log?.textContent).toContain('This is version 2 of 2.');
    expect(log?.textContent).toContain('Corrected the May figure');
    expect(log?.textContent).toContain('1 July 2025');
    const links = [...(log?.querySelectorAll('a') ?? [])].map((a) => a.getAttribute('href'));
    expect(links).toContain('/notes/new-slug/v1/');
  });

  it('reads each version’s charts at its data vintage, ignoring data appended later', () => {
    const [v1] = chartCsvs(site, '/notes/new-slug/v1/');
    expect(v1).toContain('2025-05');
    expect(v1).not.toContain('2025-06');
    const [latest] = chartCsvs(site, '/notes/new-slug/');
    expect(latest).toContain('2025-06');
    expect(latest).not.toContain('2025-07');
    const source = html(site, '/notes/new-slug/v1/').querySelector('.chart__source')?.textContent ?? '';
    expect(source).toContain('data as of 20 June 2025');
    expect(source).toContain(repo.git('rev-list', '--max-parents=0', 'HEAD').trim().slice(0, 7));
  });

  it('redirects the old slug and its versions after a rename', () => {
    const redirects = readFileSync(path.join(site.outDir, '_redirects'), 'utf8');
    expect(redirects).toContain('/notes/old-slug/ /notes/new-slug/ 301');
    expect(redirects).toContain('/notes/old-slug/v1/ /notes/new-slug/v1/ 301');
    const page = readFileSync(path.join(site.outDir, 'notes/old-slug/index.html'), 'utf8');
    expect(page).toContain('url=https://assay.example.com/notes/new-slug/');
  });

  it('lists every version in /versions.json with its commit and data vintage', () => {
    const manifest = JSON.parse(readFileSync(path.join(site.outDir, 'versions.json'), 'utf8'));
    const entry = manifest.entries.find((e: { id: string }) => e.id === 'new-slug');
    expect(entry.versions.map((v: { url: string }) => v.url)).toEqual(['/notes/new-slug/v1/', '/notes/new-slug/v2/']);
    expect(entry.versions[1].summary).toBe('Corrected the May figure');
    expect(entry.versions[0].datasets[0]).toMatchObject({ name: 'exports', latest: false });
    expect(entry.versions[0].datasets[0].hash).not.toBe(entry.versions[1].datasets[0].hash);
  });

  it("copies the latest page to its version's permanent URL exactly as rendering it would", () => {
    // A build copies the latest page instead of rendering /v2/ again (versions/latest-copies.ts);
    // rendered, the page must come out byte for byte the same, or the copy would be wrong.
    const rendered = buildSite(repo.root, { ASSAY_BUILD_DATE: '2025-09-01', [RENDER_LATEST_VERSIONS_ENV]: '1' });
    try {
      expect(rendered.ok, rendered.output).toBe(true);
      const read = (s: BuiltSite) => readFileSync(path.join(s.outDir, 'notes/new-slug/v2/index.html'), 'utf8');
      expect(read(site)).toBe(read(rendered));
      expect(read(site)).not.toContain('data-pagefind-body');
      expect(site.output).toMatch(/1 latest versions' pages copied/);
    } finally {
      removeSite(rendered);
    }
  });

  it('records every URL in permalinks.json and fails a build that would drop one', () => {
    const permalinks = JSON.parse(readFileSync(path.join(repo.root, 'permalinks.json'), 'utf8'));
    expect(permalinks).toContain('/notes/new-slug/v1/');
    expect(permalinks).toContain('/notes/old-slug/');
    // Deleting the note would break published links.
    rmSync(path.join(repo.root, 'content/notes/new-slug.mdx'));
    const broken = buildSite(repo.root, { ASSAY_BUILD_DATE: '2025-09-01' });
    removeSite(broken);
    repo.git('checkout', '--', '.');
    expect(broken.ok).toBe(false);
    expect(broken.output).toContain('would disappear without a redirect');
    expect(broken.output).toContain('/notes/new-slug/');
    expect(broken.output).toContain('aliases');
  });
});

describe('history the build needs', () => {
  it('fails a shallow clone with the fixes, unless versions are explicitly waived', () => {
    const dir = scratchDir('shallow');
    try {
      execFileSync('git', ['clone', '-q', '--depth', '1', `file://${PROJECT_ROOT}`, dir]);
      const failed = buildSite(dir);
      removeSite(failed);
      expect(failed.ok).toBe(false);
      expect(failed.output).toContain('git fetch --unshallow');
      const waived = buildSite(dir, { ASSAY_ALLOW_NO_HISTORY: '1' });
      removeSite(waived);
      expect(waived.ok, waived.output).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('builds byte-identical sites from two checkouts of the same commit', () => {
    const a = scratchDir('checkout-a');
    const b = scratchDir('checkout-b');
    try {
      for (const dir of [a, b]) execFileSync('git', ['clone', '-q', PROJECT_ROOT, dir]);
      const first = buildSite(a, { ASSAY_BUILD_DATE: '2026-01-15' });
      const second = buildSite(b, { ASSAY_BUILD_DATE: '2026-01-15' });
      expect(first.ok, first.output).toBe(true);
      expect(second.ok, second.output).toBe(true);
      const files = listFiles(first.outDir);
      expect(listFiles(second.outDir)).toEqual(files);
      const differing = files.filter(
        (file) => !readFileSync(path.join(first.outDir, file)).equals(readFileSync(path.join(second.outDir, file))),
      );
      expect(differing).toEqual([]);
      removeSite(first);
      removeSite(second);
    } finally {
      rmSync(a, { recursive: true, force: true });
      rmSync(b, { recursive: true, force: true });
    }
  });
});

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(path.join(dir, prefix), { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory() ? listFiles(dir, path.join(prefix, entry.name)) : [path.join(prefix, entry.name)],
    )
    .sort();
}
