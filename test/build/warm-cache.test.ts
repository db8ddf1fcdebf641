import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { cacheRoot } from '../../src/charts/cache.ts';
import { type BuiltSite, buildSite, PROJECT_ROOT, removeSite } from '../helpers/build-site.ts';

const BASE = path.join(PROJECT_ROOT, 'test/fixtures/sites/check-base');
const FIXTURE_CONFIG = path.join(PROJECT_ROOT, 'test/fixtures/sites/astro.fixture.mjs');

/** A checkout of the small fixture site in its own directory, as a fresh CI clone would be. */
function checkout(parent: string, name: string): string {
  const root = path.join(parent, name);
  cpSync(BASE, root, { recursive: true });
  writeFileSync(path.join(root, 'astro.config.mjs'), `export { default } from ${JSON.stringify(FIXTURE_CONFIG)};\n`);
  return root;
}

/** "(N PNGs rendered, M from cache" from the chart integration's log line. */
function pngCounts(output: string): { rendered: number; cached: number } {
  const match = /\((\d+) PNGs rendered, (\d+) from cache/.exec(output);
  expect(match, output.slice(-2000)).not.toBeNull();
  return { rendered: Number(match?.[1]), cached: Number(match?.[2]) };
}

const files = (dir: string) =>
  Object.fromEntries(readdirSync(dir).map((name) => [name, readFileSync(path.join(dir, name))]));

/** Every file under `dir`, nested ones included, with its bytes. */
const tree = (dir: string) =>
  Object.fromEntries(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => {
        const file = path.join(entry.parentPath, entry.name);
        return [path.relative(dir, file), readFileSync(file)];
      })
      .sort(([a], [b]) => ((a as string) < (b as string) ? -1 : 1)),
  );

describe('a kept cache makes the next CI build warm', () => {
  mkdirSync(path.join(PROJECT_ROOT, 'test/.tmp'), { recursive: true });
  const parent = mkdtempSync(path.join(PROJECT_ROOT, 'test/.tmp/warm-cache-'));
  const built: BuiltSite[] = [];
  afterAll(() => {
    built.forEach(removeSite);
    rmSync(parent, { recursive: true, force: true });
  });

  it('a second checkout elsewhere, given the first build cache directory, draws nothing again and writes the same files', () => {
    // What a CI cache step does: the cache directory outlives the checkout it was made in.
    const env = { ASSAY_ALLOW_NO_HISTORY: '1', ASSAY_CACHE_DIR: path.join(parent, 'kept-cache') };
    const first = buildSite(checkout(parent, 'first-clone'), env);
    built.push(first);
    expect(first.ok, first.output.slice(-3000)).toBe(true);
    const cold = pngCounts(first.output);
    expect(cold.rendered).toBeGreaterThan(0);

    const second = buildSite(checkout(parent, 'second-clone'), env);
    built.push(second);
    expect(second.ok, second.output.slice(-3000)).toBe(true);
    expect(pngCounts(second.output)).toEqual({ rendered: 0, cached: cold.rendered + cold.cached });
    expect(files(path.join(second.outDir, 'charts'))).toEqual(files(path.join(first.outDir, 'charts')));
    expect(readdirSync(path.join(second.outDir, 'og/notes'))).toEqual(readdirSync(path.join(first.outDir, 'og/notes')));
    // The same pages: the search index is the first build's, not made again.
    expect(first.output).toMatch(/search index: \d+ pages indexed by Pagefind/);
    expect(second.output).toMatch(
      /search index: the same \d+ latest note and event pages as a build before; its index reused/,
    );
    expect(tree(path.join(second.outDir, 'pagefind'))).toEqual(tree(path.join(first.outDir, 'pagefind')));
  });

  it('runs Pagefind again when one word of one page changed', () => {
    const env = { ASSAY_ALLOW_NO_HISTORY: '1', ASSAY_CACHE_DIR: path.join(parent, 'kept-cache') };
    const root = checkout(parent, 'edited-clone');
    const notes = path.join(root, 'content/notes');
    const note = path.join(
      notes,
      readdirSync(notes)
        .filter((name) => name.endsWith('.mdx'))
        .sort()[0] as string,
    );
    const text = readFileSync(note, 'utf8');
    const body = text.indexOf('\n---', 3) + 4;
    writeFileSync(note, `${text.slice(0, body)}\nAn added sentence about magnets.\n${text.slice(body)}`);
    const edited = buildSite(root, env);
    built.push(edited);
    expect(edited.ok, edited.output.slice(-3000)).toBe(true);
    expect(edited.output).toMatch(/search index: \d+ pages indexed by Pagefind/);
    const first = built[0] as BuiltSite;
    expect(tree(path.join(edited.outDir, 'pagefind'))).not.toEqual(tree(path.join(first.outDir, 'pagefind')));
  });
});

describe('the GitHub Pages workflow', () => {
  type Step = { uses?: string; run?: string; with?: Record<string, unknown> };
  const workflow = parseYaml(readFileSync(path.join(PROJECT_ROOT, '.github/workflows/pages.yml'), 'utf8')) as {
    jobs: { build: { steps: Step[] } };
  };
  const steps = workflow.jobs.build.steps;
  const index = (test: (step: Step) => boolean) => steps.findIndex(test);

  it('clones the whole history and keeps the directory the caches are in, restored after npm ci', () => {
    const checkoutStep = steps[index((step) => step.uses?.startsWith('actions/checkout') ?? false)];
    expect(checkoutStep?.with?.['fetch-depth']).toBe(0);
    const cache = index((step) => step.uses?.startsWith('actions/cache') ?? false);
    const install = index((step) => step.run === 'npm ci');
    const build = index((step) => step.run === 'npm run build');
    expect(install).toBeGreaterThan(-1);
    expect(cache).toBeGreaterThan(install);
    expect(build).toBeGreaterThan(cache);
    // cacheRoot's default is under the working directory, the project root here as in CI.
    const kept = path.join(process.cwd(), String(steps[cache]?.with?.path));
    expect(cacheRoot({}).startsWith(`${kept}${path.sep}`)).toBe(true);
  });
});
