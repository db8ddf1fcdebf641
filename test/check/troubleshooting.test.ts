import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { loadCatalog, PROJECT_ROOT } from './catalog.ts';
import { TROUBLESHOOTING_FILE, troubleshootingMarkdown } from './troubleshooting.ts';

test('docs/troubleshooting.md is what the catalog prints (run npm run docs:troubleshooting after changing a case or a message)', async () => {
  const written = readFileSync(path.join(PROJECT_ROOT, TROUBLESHOOTING_FILE), 'utf8');
  expect(written).toBe(troubleshootingMarkdown(await loadCatalog()));
});
