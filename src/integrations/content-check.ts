/**
 * The content check (src/check/) inside Astro:
 * - `astro build` checks the working tree before anything else, so a build with author
 *   mistakes fails first with the whole list (the same text as `npm run check:content`) and
 *   no stack trace; `ASSAY_DEBUG=1` throws instead, with the stack;
 * - `astro dev` checks again whenever a note, event or dataset changes and shows the
 *   problems in the browser's error overlay; a CSV edit reloads the open page, as an MDX or
 *   `.yml` edit already does through Astro's content layer.
 */
import { writeSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import type { ViteDevServer } from 'vite';
import { type CheckResult, checkContent } from '../check/index.ts';
import { reportText } from '../check/report.ts';
import { AssayProblems } from '../lib/errors.ts';

/** Files whose edits can change what the check finds or what a page shows. */
const WATCHED = /^(?:content\/(?:notes|events)\/.*\.mdx|data\/[^/]+\.(?:csv|tsv|yml))$/;
/** Data files Astro's content layer does not watch: an edit to one must reload the page itself. */
const DATA_FILE = /^data\/[^/]+\.(?:csv|tsv)$/;

export function contentCheck(): AstroIntegration {
  let root = process.cwd();
  return {
    name: 'assay-content-check',
    hooks: {
      'astro:config:setup': ({ config, command, logger }) => {
        root = fileURLToPath(config.root);
        if (command !== 'build') return;
        const started = performance.now();
        const result = checkContent(root);
        if (result.problems.length === 0) {
          logger.info(reportText(result, (performance.now() - started) / 1000));
          return;
        }
        if (process.env.ASSAY_DEBUG === '1') throw new AssayProblems(result.problems);
        // Straight to stderr and out: Astro would add a stack trace and its own hints.
        writeSync(2, `\n${reportText(result, 0)}\n\nThe build stopped before rendering; fix these and build again.\n`);
        process.exit(1);
      },
      'astro:server:setup': ({ server, logger }) => {
        watchContent(server, root, logger);
      },
    },
  };
}

/** Re-checks on every edit under content/ or data/ and keeps the browser's overlay in step. */
function watchContent(server: ViteDevServer, root: string, logger: AstroIntegrationLogger): void {
  let result = run(root, logger);
  let timer: NodeJS.Timeout | undefined;
  let dataChanged = false;
  // A page opened (or reloaded) while problems stand gets them too.
  server.ws.on('connection', () => {
    if (result && result.problems.length > 0) server.ws.send(overlay(result, root));
  });
  server.watcher.on('all', (_event, absolute) => {
    const file = path.relative(root, absolute).split(path.sep).join('/');
    if (!WATCHED.test(file)) return;
    dataChanged ||= DATA_FILE.test(file);
    // Editors save in bursts (write, rename, touch): check once after the last.
    clearTimeout(timer);
    timer = setTimeout(() => {
      const before = result?.problems.length ?? 0;
      result = run(root, logger);
      if (result && result.problems.length > 0) server.ws.send(overlay(result, root));
      // A fixed mistake clears the overlay; a data edit shows the new numbers.
      else if (dataChanged || before > 0) server.ws.send({ type: 'full-reload', path: '*' });
      dataChanged = false;
    }, 100);
  });
}

function run(root: string, logger: AstroIntegrationLogger): CheckResult | undefined {
  try {
    const result = checkContent(root);
    if (result.problems.length > 0) logger.error(reportText(result, 0));
    return result;
  } catch (error) {
    // The dev server keeps serving; the page itself will show what is wrong.
    logger.error(`content check failed unexpectedly: ${(error as Error).message}`);
    return undefined;
  }
}

/** Vite's error overlay, pointing at the first problem (its location opens in the editor). */
function overlay(result: CheckResult, root: string) {
  const first = result.problems[0];
  const file = first?.file ? path.join(root, first.file) : undefined;
  return {
    type: 'error' as const,
    err: {
      message: reportText(result, 0),
      stack: '',
      plugin: 'assay content check',
      id: file,
      loc: file && first?.line ? { file, line: first.line, column: first.column ?? 1 } : undefined,
    },
  };
}
