import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeRuntime } from '../../src/runtime/index.ts';
import {
  latestCopyPlan,
  permanentPageHtml,
  planLatestCopy,
  plannedLatestCopies,
  writeLatestCopies,
} from '../../src/versions/latest-copies.ts';

const latest = (kind = 'Note') =>
  `<!DOCTYPE html><html><body><main id="main" data-pagefind-body data-pagefind-filter="type:${kind}"><h1>Title</h1></main></body></html>`;

afterEach(() => closeRuntime());

describe("a latest version's permanent page, copied from the latest page", () => {
  it('is the same HTML without the search attributes, for notes and events', () => {
    expect(permanentPageHtml(latest())).toBe(
      '<!DOCTYPE html><html><body><main id="main"><h1>Title</h1></main></body></html>',
    );
    expect(permanentPageHtml(latest('Event'))).not.toContain('pagefind');
  });

  it('refuses a page that is not a searchable latest page, naming it', () => {
    expect(() => permanentPageHtml('<main id="main"></main>', '/notes/x/')).toThrow(
      /\/notes\/x\/ has 0 searchable <main> tags/,
    );
    expect(() => permanentPageHtml(latest() + latest())).toThrow(/has 2 searchable/);
  });

  it('writes each planned copy once into dist/ and reports the paths', () => {
    const dist = mkdtempSync(path.join(tmpdir(), 'assay-copies-'));
    mkdirSync(path.join(dist, 'notes/a'), { recursive: true });
    writeFileSync(path.join(dist, 'notes/a/index.html'), latest());
    planLatestCopy({ page: 'notes/a/', permanent: 'notes/a/v2/' });
    planLatestCopy({ page: 'notes/a/', permanent: 'notes/a/v2/' });
    expect(plannedLatestCopies()).toHaveLength(1);
    expect(writeLatestCopies(dist)).toEqual(['notes/a/v2/']);
    expect(readFileSync(path.join(dist, 'notes/a/v2/index.html'), 'utf8')).toContain('<main id="main"><h1>');
  });

  it("are planned in the build's runtime: a new build starts with none, the plan taken stays whole", async () => {
    const plan = latestCopyPlan();
    planLatestCopy({ page: 'notes/a/', permanent: 'notes/a/v2/' });
    await closeRuntime();
    expect(plannedLatestCopies()).toEqual([]);
    expect(plannedLatestCopies(plan)).toEqual([{ page: 'notes/a/', permanent: 'notes/a/v2/' }]);
  });
});
