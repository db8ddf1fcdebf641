/**
 * Scaffolds a note or an event:
 *   npm run new -- note <slug> [--edition 2025-08] [--title "…"]
 *   npm run new -- event <slug> [--title "…"]
 * Dates default to the build date setting (ASSAY_BUILD_DATE, SOURCE_DATE_EPOCH, HEAD commit).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildDate } from '../src/lib/build-date.ts';
import { isAssayError } from '../src/lib/errors.ts';
import { scaffold } from '../src/lib/scaffold.ts';

try {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { edition: { type: 'string' }, title: { type: 'string' } },
  });
  const [kind, slug] = positionals;
  const { file, text } = scaffold(kind, slug, { date: buildDate(), ...values });
  if (existsSync(file)) throw new Error(`${file} already exists; pick another slug`);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  console.log(`Created ${file}. Preview it with: npm run dev`);
} catch (error) {
  console.error(isAssayError(error) ? error.message : String((error as Error).message ?? error));
  process.exitCode = 1;
}
