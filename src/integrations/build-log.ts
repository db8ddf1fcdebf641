/**
 * Astro's log destination for Assay builds (the `logger.entrypoint` the build-output integration
 * sets), so what an author reads is one line per problem, not Astro's internals:
 *
 * - An author problem (an AssayError thrown while a page renders) reached Astro's log three
 *   times: as a stack trace, as "Caught error rendering /atom.xml: …" (whichever route rendered
 *   the note first, often a feed), and as Astro's fatal error with its MDX hint and stack.
 *   Here it is printed once, as `file:line:column problem` and its hint; `astro build` then
 *   exits 1 at once, before Astro prints it again. `ASSAY_DEBUG=1` keeps Astro's output.
 * - Route lines: Astro writes "├─ /path" without a newline and appends the page's time when it
 *   is done; with several pages in flight (build.concurrency) lines ran together and times
 *   landed after other routes. Each route gets its own line, without the time (the build's
 *   total is still printed).
 *
 * Astro imports this file itself (in the build process and in the prerender bundle), so it
 * keeps to erasable TypeScript and imports only what Node can load as is.
 */
import { writeSync } from 'node:fs';
import nodeDestination from 'astro/logger/node';

/** What Astro hands a log destination. */
export interface LogEvent {
  label: string | null;
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  newLine: boolean;
}

export interface LogDestination {
  write(event: LogEvent): void;
}

/** Options, from the integration (JSON: the prerender bundle receives them serialised). */
export interface BuildLogOptions {
  /** Exit with status 1 after printing an author problem (`astro build`; never in `astro dev`). */
  exitOnProblem?: boolean;
}

/** Error names whose message is already in the project format (src/lib/errors.ts). */
const PROBLEM = /\b(?:AssayError|AssayProblems): /;
/** A problem as src/lib/errors.ts formats it, at the start of a message: "file:line:column …\n  hint: …". */
const FORMATTED = /^[^\s:]+(?::\d+)*:? [^\n]+\n {2}hint: /;
/** Where a problem's own text ends: a stack frame, or a section Astro's error report adds. */
const AFTER_PROBLEM = /^(?:\s+at \S| {2}(?:Hint|Stack trace|Caused by|Location|Error reference):)/;
/** The time Astro appends to a route line: " (+12ms)", " (+1.2s) (file not created…)". */
const ROUTE_TIME = /^\s*\(\+[\d.]+m?s\)/;

/**
 * The author-facing text of an AssayError in one of Astro's log messages (a stack,
 * "Caught error rendering /x: AssayError: …", or the dev server's error report with its own
 * "Hint:" and "Stack trace:"), without the error name, route, Astro's hint or stack.
 */
export function problemText(message: string): string | undefined {
  const named = PROBLEM.exec(message);
  if (!named && !FORMATTED.test(message)) return undefined;
  const lines = message.slice(named ? named.index + named[0].length : 0).split('\n');
  const end = lines.findIndex((line) => AFTER_PROBLEM.test(line));
  return (end === -1 ? lines : lines.slice(0, end)).join('\n').trimEnd();
}

/**
 * A destination that prints author problems once and keeps route lines whole, passing every
 * other event to `inner` (Astro's own console format). `exit` and `print` are the process's
 * unless a test replaces them.
 */
export function createBuildLog(
  inner: LogDestination,
  options: BuildLogOptions = {},
  io: { print?: (text: string) => void; exit?: (code: number) => void; debug?: boolean } = {},
): LogDestination {
  const print = io.print ?? ((text: string) => writeSync(2, text));
  const exit = io.exit ?? ((code: number) => process.exit(code));
  const debug = io.debug ?? process.env.ASSAY_DEBUG === '1';
  const printed = new Set<string>();
  /** A route line written without its newline, waiting for its time. */
  let pending: LogEvent | undefined;

  const flush = () => {
    if (pending) inner.write({ ...pending, newLine: true });
    pending = undefined;
  };

  return {
    write(event) {
      const problem = debug || event.level !== 'error' ? undefined : problemText(event.message);
      if (problem !== undefined) {
        flush();
        // Astro reports one error up to three times: print it once.
        if (!printed.has(problem)) {
          printed.add(problem);
          print(`${problem}\n`);
        }
        if (options.exitOnProblem) exit(1);
        return;
      }
      // In dev, the next request may fail the same way again: say so again then.
      if (event.level === 'info') printed.clear();
      // A route's time arrives when the page is done, after other routes' lines when several
      // render at once (build.concurrency): it cannot be placed, so it is not printed.
      if (event.label === 'SKIP_FORMAT' && ROUTE_TIME.test(event.message)) return;
      if (event.label === 'SKIP_FORMAT' && pending) {
        // "(cached)" follows its route line at once: the rest of that line.
        inner.write({ ...pending, newLine: false });
        inner.write(event);
        pending = undefined;
        return;
      }
      flush();
      if (!event.newLine && event.label === null) pending = event;
      else inner.write(event);
    },
  };
}

/** Astro's entrypoint contract: a default export taking the configured options. */
export default function buildLog(options?: BuildLogOptions): LogDestination {
  return createBuildLog(nodeDestination({ level: 'debug' }) as LogDestination, options);
}
