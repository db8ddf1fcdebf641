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
      'astro:config:setup': ({ command, config, updateConfig }) => {
        const build = command === 'build';
        // The project's own integrations (versions: no history, a dropped permalink) throw author
        // problems from their hooks, which Astro would print with its hint, location and stack.
        if (build && process.env.ASSAY_DEBUG !== '1') {
          for (const integration of config.integrations)
            if (integration.name.startsWith('assay-')) reportHookProblems(integration);
        }
        updateConfig({
          logger: { entrypoint: BUILD_LOG, config: { exitOnProblem: build } },
          vite: { plugins: [quietKnownWarnings(), ...(build ? [reportCompileProblems()] : [])] },
        });
      },
    },
  };
}

/**
 * Wraps an integration's hooks, in place (Astro reads each hook when it runs it), so an author
 * problem one throws is printed in the project format and the build exits 1; anything else
 * is rethrown for Astro to report.
 */
export function reportHookProblems(
  integration: AstroIntegration,
  exit?: (code: number) => void,
  print?: (text: string) => void,
): void {
  const hooks = integration.hooks as Record<string, ((...args: unknown[]) => unknown) | undefined>;
  for (const [name, hook] of Object.entries(hooks)) {
    if (!hook) continue;
    hooks[name] = async (...args: unknown[]) => {
      try {
        return await hook(...args);
      } catch (error) {
        exitOnProblems(problemsCarried(error), exit, print);
        throw error;
      }
    };
  }
}

/** The author problems an error carries, by shape: the MDX plugin renames errors it passes on (AssayError becomes MDXError). */
export function problemsCarried(error: unknown): AssayError[] {
  if (!error || typeof error !== 'object') return [];
  // AssayProblems carries `problems`; rolldown reports a failed build as an error carrying `errors`.
  const { problems, errors } = error as { problems?: unknown; errors?: unknown };
  if (Array.isArray(problems)) return problems.flatMap(problemsCarried);
  if (Array.isArray(errors)) return errors.flatMap(problemsCarried);
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
      if (process.env.ASSAY_DEBUG !== '1') exitOnProblems(problemsCarried(error), exit, print);
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
