/**
 * Runs the troubleshooting catalog: every case in test/check/mistakes/*.ts, each on a fresh
 * copy of the base fixture site, through `checkContent`. Shared by the harness test and the
 * generator of docs/troubleshooting.md, so the guide shows exactly what the tests assert.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { checkContent } from '../../src/check/index.ts';
import type { AssayError } from '../../src/lib/errors.ts';
import type { Mistake } from './mistake.ts';

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BASE_SITE = path.join(PROJECT_ROOT, 'test/fixtures/sites/check-base');
const MISTAKES_DIR = path.join(PROJECT_ROOT, 'test/check/mistakes');
const TMP = path.join(PROJECT_ROOT, 'test/.tmp');

/** One area's cases: test/check/mistakes/<area>.ts. */
export interface Area {
  area: string;
  mistakes: Mistake[];
}

/** Every area's cases, areas in file-name order, cases in the order each file lists them. */
export async function loadCatalog(): Promise<Area[]> {
  const files = readdirSync(MISTAKES_DIR)
    .filter((file) => file.endsWith('.ts'))
    .sort();
  const areas: Area[] = [];
  for (const file of files) {
    const module = (await import(pathToFileURL(path.join(MISTAKES_DIR, file)).href)) as { mistakes?: Mistake[] };
    areas.push({ area: file.slice(0, -'.ts'.length), mistakes: module.mistakes ?? [] });
  }
  return areas;
}

/** A fresh copy of the base site with `files` written over it (null deletes); remove it with `rmSync`. */
export function siteWith(files: Mistake['files']): string {
  mkdirSync(TMP, { recursive: true });
  const root = mkdtempSync(path.join(TMP, 'check-'));
  cpSync(BASE_SITE, root, { recursive: true });
  for (const [file, text] of Object.entries(files)) {
    const target = path.join(root, file);
    if (text === null) rmSync(target, { force: true });
    else {
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, text);
    }
  }
  return root;
}

/** Every problem the check reports for a case, sorted as printed. */
export function runMistake(mistake: Mistake): AssayError[] {
  const root = siteWith(mistake.files);
  try {
    return checkContent(root).problems;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
