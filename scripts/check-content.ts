/**
 * `npm run check:content [-- <site root>]`: checks frontmatter, datasets, components and
 * links of the working tree without a build, prints every problem and exits 1 if any.
 * ASSAY_DEBUG=1 prints the stack of an internal error.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { checkContent } from '../src/check/index.ts';
import { reportText } from '../src/check/report.ts';

const root = path.resolve(process.argv[2] ?? '.');
const started = performance.now();
try {
  const result = checkContent(root);
  const text = reportText(result, (performance.now() - started) / 1000);
  if (result.problems.length > 0) {
    process.stderr.write(`${text}\n`);
    process.exitCode = 1;
  } else process.stdout.write(`${text}\n`);
} catch (error) {
  // An internal error, not an author's: say so, with the stack only when asked.
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`content check failed unexpectedly: ${message}\n`);
  if (process.env.ASSAY_DEBUG === '1' && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  else process.stderr.write('  hint: run again with ASSAY_DEBUG=1 for the stack trace, and report it\n');
  process.exitCode = 2;
}
