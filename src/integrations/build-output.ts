/**
 * What `astro build` and `astro dev` print, made for authors:
 * - author problems once, as `file:line:column problem` and a hint, without stack traces
 *   (`ASSAY_DEBUG=1` shows Astro's full output); see build-log.ts for problems raised while
 *   pages render, and `reportCompileProblems` below for problems raised while MDX compiles;
 * - route lines that stay whole, and no warning a newcomer cannot act on (known-warnings.ts).
 * The content check (content-check.ts) finds most problems before this; these catch the rest.
 */
import { writeSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import type { Plugin } from 'vite';
import { type AssayError, formatProblem } from '../lib/errors.ts';
import { quietKnownWarnings } from './known-warnings.ts';

/** Astro imports the log destination by path; Node 24 loads the TypeScript as is. */
const BUILD_LOG = fileURLToPath(new URL('./build-log.ts', import.meta.url));

export function buildOutput(): AstroIntegration {
  return {
    name: 'assay-build-output',
    hooks: {
      'astro:config:setup': ({ command, updateConfig }) => {
        const build = command === 'build';
        updateConfig({
          logger: { entrypoint: BUILD_LOG, config: { exitOnProblem: build } },
          vite: { plugins: [quietKnownWarnings(), ...(build ? [reportCompileProblems()] : [])] },
        });
      },
    },
  };
}

/** The author problems an error carries, by shape: the MDX plugin renames errors it passes on. */
export function compileProblems(error: unknown): AssayError[] {
  if (!error || typeof error !== 'object') return [];
  // AssayProblems carries `problems`; rolldown reports a failed build as an error carrying `errors`.
  const { problems, errors } = error as { problems?: unknown; errors?: unknown };
  if (Array.isArray(problems)) return problems.flatMap(compileProblems);
  if (Array.isArray(errors)) return errors.flatMap(compileProblems);
  return typeof (error as { problem?: unknown }).problem === 'string' ? [error as AssayError] : [];
}

/**
 * A Vite plugin that, when the bundling fails on an author problem (`<Chrt>` in an MDX file),
 * prints it in the project format and exits 1, instead of Astro's report of the same error with
 * "Location", the hint twice and the compiler's stack. Build only: `astro dev` shows the overlay.
 */
export function reportCompileProblems(exit?: (code: number) => void, print?: (text: string) => void): Plugin {
  return {
    name: 'assay:report-compile-problems',
    buildEnd(error) {
      if (process.env.ASSAY_DEBUG !== '1') exitOnProblems(compileProblems(error), exit, print);
    },
  };
}

/** Prints problems in the project format and exits 1; does nothing without problems. */
export function exitOnProblems(
  problems: readonly AssayError[],
  exit: (code: number) => void = (code) => process.exit(code),
  print: (text: string) => void = (text) => writeSync(2, text),
): void {
  if (problems.length === 0) return;
  print(`${problems.map((problem) => formatProblem(problem)).join('\n')}\n`);
  exit(1);
}
