import { describe, expect, it } from 'vitest';
import { createBuildLog, type LogEvent, problemText } from '../../src/integrations/build-log.ts';

const PROBLEM = `content/notes/x.mdx:11:1 <Chart data="w">: column 'tonne' (option y) not found; did you mean 'tonnes'?
  hint: set y to one of the columns above`;
const STACK = `AssayError: ${PROBLEM}\n    at fail (file:///x/chunks/mdx.mjs:3123:9)\n    at column (file:///x/chunks/mdx.mjs:3133:21)`;

const error = (message: string, label: string | null = null): LogEvent => ({
  label,
  level: 'error',
  message,
  newLine: true,
});
const info = (message: string, label: string | null = null, newLine = true): LogEvent => ({
  label,
  level: 'info',
  message,
  newLine,
});

/** A build log over a recording destination; `exitOnProblem` as in `astro build`. */
function harness(options = { exitOnProblem: true }, debug = false) {
  const written: string[] = [];
  const printed: string[] = [];
  const exits: number[] = [];
  const log = createBuildLog(
    { write: (event) => written.push(`${event.message}${event.newLine ? '\n' : ''}`) },
    options,
    { print: (text) => printed.push(text), exit: (code) => exits.push(code), debug },
  );
  return { log, written, printed, exits };
}

describe('problemText', () => {
  it('reads the problem out of a stack or a "Caught error rendering" line', () => {
    expect(problemText(STACK)).toBe(PROBLEM);
    expect(problemText(`Caught error rendering /atom.xml: AssayError: ${PROBLEM}`)).toBe(PROBLEM);
    expect(problemText('TypeError: x is undefined\n    at y (z.js:1:1)')).toBeUndefined();
    // The dev server's report: the message, then Astro's own hint and stack.
    const devReport = `${PROBLEM}\n  Hint:\n    This issue often occurs when your MDX component encounters runtime errors.\n  Stack trace:\n    at escapeHatch (/src/charts/render.ts:99:3)`;
    expect(problemText(devReport)).toBe(PROBLEM);
    expect(problemText('content/notes/x.mdx:3:1 is not a problem without a hint')).toBeUndefined();
  });
});

describe('build log', () => {
  it('prints an author problem once, without stack or route, and exits 1 in a build', () => {
    const { log, written, printed, exits } = harness();
    log.write(error(STACK));
    log.write(error(`Caught error rendering /atom.xml: AssayError: ${PROBLEM}`, 'build'));
    expect(printed).toEqual([`${PROBLEM}\n`]);
    expect(written).toEqual([]);
    expect(exits[0]).toBe(1);
  });
  it("in dev, prints it once per request and drops Astro's formatted repeat", () => {
    const { log, written, printed, exits } = harness({ exitOnProblem: false });
    log.write(error(STACK));
    log.write(
      error(`${PROBLEM}\n  Hint:\n    This issue often occurs when your MDX component encounters runtime errors.`),
    );
    log.write(info('[500] /notes/x/'));
    log.write(error(STACK));
    expect(printed).toEqual([`${PROBLEM}\n`, `${PROBLEM}\n`]);
    expect(written).toEqual(['[500] /notes/x/\n']);
    expect(exits).toEqual([]);
  });
  it('passes other errors, and everything under ASSAY_DEBUG=1, to Astro', () => {
    const { log, written } = harness();
    log.write(error('TypeError: x is undefined\n    at y (z.js:1:1)'));
    expect(written).toEqual(['TypeError: x is undefined\n    at y (z.js:1:1)\n']);
    const debug = harness({ exitOnProblem: true }, true);
    debug.log.write(error(STACK));
    expect(debug.written).toEqual([`${STACK}\n`]);
    expect(debug.exits).toEqual([]);
  });
  it('keeps each route on its own line when pages render concurrently', () => {
    const { log, written } = harness();
    log.write(info('  ├─ /a/index.html', null, false));
    log.write(info('  ├─ /b/index.html', null, false));
    log.write(info(' (+12ms) ', 'SKIP_FORMAT'));
    log.write(info('  ├─ /c/index.html', null, false));
    log.write(info(' (cached)', 'SKIP_FORMAT'));
    log.write(info('✓ Completed in 1.2s.'));
    expect(written.join('')).toBe(
      '  ├─ /a/index.html\n  ├─ /b/index.html\n  ├─ /c/index.html (cached)\n✓ Completed in 1.2s.\n',
    );
  });
});
