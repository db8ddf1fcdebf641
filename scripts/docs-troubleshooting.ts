/**
 * `npm run docs:troubleshooting`: writes docs/troubleshooting.md from the troubleshooting
 * catalog (test/check/mistakes/*.ts), running each case for the exact message it prints.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadCatalog, PROJECT_ROOT } from '../test/check/catalog.ts';
import { TROUBLESHOOTING_FILE, troubleshootingMarkdown } from '../test/check/troubleshooting.ts';

const text = troubleshootingMarkdown(await loadCatalog());
writeFileSync(path.join(PROJECT_ROOT, TROUBLESHOOTING_FILE), text);
const count = (text.match(/^### /gm) ?? []).length;
process.stdout.write(`wrote ${TROUBLESHOOTING_FILE}: ${count} mistakes\n`);
