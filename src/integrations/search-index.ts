/**
 * Builds the site's search index when `astro build` is done, so any command that builds the
 * site (`npm run build`, a host running `astro build` itself) also builds its search. Pagefind
 * reads copies of the latest note and event pages without their charts' drawings and data
 * tables (src/search/index-pages.ts) and writes `dist/pagefind/`. When those pages are the
 * same as an earlier build's, that build's index is put in place instead (src/search/index-cache.ts).
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { AstroIntegration } from 'astro';
import { readBinaryCache, writeBinaryCache } from '../charts/cache.ts';
import { codeFingerprint } from '../lib/code-fingerprint.ts';
import { isPack, packDirectory, SearchInputs, unpackDirectory } from '../search/index-cache.ts';
import { SEARCH_SECTIONS, withoutIgnored } from '../search/index-pages.ts';

/** Pagefind's command line, run with this Node (its package exports only the service API, which is slower). */
const PAGEFIND = fileURLToPath(new URL('./runner/bin.cjs', import.meta.resolve('pagefind')));

/**
 * What decides the index besides its pages: Pagefind's version (its binary comes with it), its
 * settings from the environment, and Assay's code fingerprint (the lockfile and src/).
 */
function searchSetup(): string {
  const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.resolve('pagefind')), 'utf8')) as {
    version: string;
  };
  const settings = Object.entries(process.env)
    .filter(([name]) => name.startsWith('PAGEFIND_'))
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return JSON.stringify({ pagefind: version, settings, code: codeFingerprint() });
}

export function searchIndex(): AstroIntegration {
  return {
    name: 'assay-search-index',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const out = fileURLToPath(dir);
        const started = performance.now();
        const pages = await mkdtemp(path.join(tmpdir(), 'assay-search-'));
        try {
          const inputs = new SearchInputs(searchSetup());
          const files = await copySearchPages(out, pages, inputs);
          const output = path.join(out, 'pagefind');
          const key = inputs.key();
          const ms = () => Math.round(performance.now() - started);
          const cached = readBinaryCache('search', key, 'pack', isPack);
          if (cached && unpackDirectory(cached, output)) {
            logger.info(
              `search index: the same ${files} latest note and event pages as a build before; its index reused (${ms()} ms)`,
            );
            return;
          }
          const said = await runPagefind(pages, output);
          writeBinaryCache('search', key, 'pack', packDirectory(output));
          const indexed = /Indexed (\d+) pages?/.exec(said)?.[1] ?? '0';
          logger.info(
            `search index: ${indexed} pages indexed by Pagefind, of ${files} latest note and event pages read (${ms()} ms)`,
          );
        } finally {
          await rm(pages, { recursive: true, force: true });
        }
      },
    },
  };
}

/**
 * Writes the pages search reads, without what Pagefind would ignore, under `to`, and adds each to
 * `inputs` (the index's cache key); returns how many.
 */
export async function copySearchPages(out: string, to: string, inputs?: SearchInputs): Promise<number> {
  const candidates: string[] = [];
  for (const section of SEARCH_SECTIONS) {
    const entries = await readdir(path.join(out, section), { withFileTypes: true }).catch(() => []);
    for (const entry of entries) if (entry.isDirectory()) candidates.push(path.join(section, entry.name, 'index.html'));
  }
  let copied = 0;
  // A few at a time: each is a read and a write on libuv's thread pool. A directory without an
  // index.html (a list's /page/ folder) has nothing to read.
  for (let i = 0; i < candidates.length; i += 16) {
    await Promise.all(
      candidates.slice(i, i + 16).map(async (file) => {
        const html = await readFile(path.join(out, file), 'utf8').catch((error: NodeJS.ErrnoException) => {
          if (error.code === 'ENOENT') return undefined;
          throw error;
        });
        if (html === undefined) return;
        const target = path.join(to, file);
        const kept = withoutIgnored(html);
        inputs?.add(file.split(path.sep).join('/'), kept);
        await mkdir(path.dirname(target), { recursive: true });
        await writeFile(target, kept);
        copied += 1;
      }),
    );
  }
  return copied;
}

/** Runs Pagefind over `site`, writing the index to `output`; returns what it printed. */
async function runPagefind(site: string, output: string): Promise<string> {
  try {
    // In the pages' directory: Pagefind would read a pagefind.yml from where it runs.
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [PAGEFIND, '--site', site, '--output-path', output],
      {
        cwd: site,
        maxBuffer: 64 * 2 ** 20,
      },
    );
    return stdout;
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`Pagefind could not build the search index:\n${stdout}${stderr}`);
  }
}
