import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuiltSite, buildSite, PROJECT_ROOT, removeSite } from '../helpers/build-site.ts';

const FIXTURE_CONFIG = path.join(PROJECT_ROOT, 'test/fixtures/sites/astro.fixture.mjs');
const FIXTURES = path.join(PROJECT_ROOT, 'test/fixtures/charts');
const VALUES = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', 'javascript:alert(1)'];

// The unit tests (test/charts/safety.test.ts) check the engine's strings; this checks the page
// a reader gets, where the component writes them (the description and table as markup).
describe('hostile CSV values on a built page', () => {
  let root: string;
  let site: BuiltSite;
  beforeAll(() => {
    mkdirSync(path.join(PROJECT_ROOT, 'test/.tmp'), { recursive: true });
    root = mkdtempSync(path.join(PROJECT_ROOT, 'test/.tmp/hostile-'));
    const write = (file: string, text: string) => {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), text);
    };
    write('astro.config.mjs', `export { default } from ${JSON.stringify(FIXTURE_CONFIG)};\n`);
    for (const ext of ['csv', 'yml'])
      write(`data/hostile.${ext}`, readFileSync(path.join(FIXTURES, `hostile.${ext}`), 'utf8'));
    mkdirSync(path.join(root, 'content/events'), { recursive: true });
    write(
      'content/notes/hostile.mdx',
      `---\ntitle: Hostile values\ndek: A test note.\npublished: 2025-06-20\nedition: 2025-05\nauthors: [Tester]\n---\n\nIntro.\n\n<Chart data="hostile" type="bar" x="name" y="value" title="Values" />\n`,
    );
    site = buildSite(root, { ASSAY_ALLOW_NO_HISTORY: '1' });
    if (!site.ok) throw new Error(site.output);
  });
  afterAll(() => {
    removeSite(site);
    rmSync(root, { recursive: true, force: true });
  });

  it('shows them as text in the description, the table and the SVG, and runs nothing', () => {
    const html = readFileSync(path.join(site.outDir, 'notes/hostile/index.html'), 'utf8');
    const { document } = parseHTML(html);
    const figure = document.querySelector('figure.chart');
    expect(figure).not.toBeNull();
    // No element, attribute or URL came from the data.
    expect(document.querySelectorAll('script:not([src]):not([type="application/ld+json"]), [onerror]')).toHaveLength(0);
    expect(figure?.querySelectorAll('a[href^="javascript:"]')).toHaveLength(0);
    const description = figure?.querySelector('.chart__description')?.textContent ?? '';
    const cells = [...(figure?.querySelectorAll('details td') ?? [])].map((cell) => cell.textContent);
    const svgText = [...(figure?.querySelectorAll('svg text, svg title') ?? [])]
      .map((node) => node.textContent)
      .join('\n');
    // The description names the dataset and the first and last values plotted, as text.
    expect(description).toContain('Hostile <b>values</b>');
    expect(description).toContain(VALUES[0]);
    for (const value of VALUES) {
      expect(cells).toContain(value);
      expect(svgText).toContain(value);
    }
  });

  it('writes them as quoted CSV text in the download', () => {
    const { document } = parseHTML(readFileSync(path.join(site.outDir, 'notes/hostile/index.html'), 'utf8'));
    const href = document.querySelector('a.chart__download')?.getAttribute('href') ?? '';
    const csv = readFileSync(path.join(site.outDir, href), 'utf8');
    expect(csv).toContain('<script>alert(1)</script>,1');
    expect(csv).toContain('"""><img src=x onerror=alert(1)>",2');
  });
});
