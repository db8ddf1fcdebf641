/**
 * The troubleshooting catalog, case by case: each author mistake in test/check/mistakes/*.ts
 * is written over a copy of the base fixture site and `checkContent` must report it first,
 * at the file, line and column given, with the problem and hint given. The base site itself
 * must check clean, or every case would pass on the base site's own problem.
 */
import { describe, expect, test } from 'vitest';
import { checkContent } from '../../src/check/index.ts';
import { formatProblems } from '../../src/lib/errors.ts';
import { BASE_SITE, loadCatalog, runMistake } from './catalog.ts';

const catalog = await loadCatalog();

test('the base site checks clean', () => {
  const result = checkContent(BASE_SITE);
  expect(formatProblems(result.problems)).toBe('');
  expect(result).toMatchObject({ notes: 1, events: 1, datasets: 3, charts: 1 });
});

test('the catalog lists at least 30 mistakes with distinct titles', () => {
  const titles = catalog.flatMap((area) => area.mistakes.map((mistake) => mistake.title));
  expect(titles.length).toBeGreaterThanOrEqual(30);
  expect(titles.filter((title, index) => titles.indexOf(title) !== index)).toEqual([]);
});

for (const { area, mistakes } of catalog) {
  describe(area, () => {
    test.each(mistakes.map((mistake) => [mistake.title, mistake] as const))('%s', (_title, mistake) => {
      const problems = runMistake(mistake);
      const first = problems[0];
      expect(first, 'the check reports no problem').toBeDefined();
      if (!first) return;
      const { file, line, column, problem, hint } = mistake.expect;
      const seen = formatProblems(problems);
      expect(first.file, seen).toBe(file);
      if (line !== undefined) expect(first.line, seen).toBe(line);
      if (column !== undefined) expect(first.column, seen).toBe(column);
      if (typeof problem === 'string') expect(first.problem, seen).toBe(problem);
      else expect(first.problem, seen).toMatch(problem);
      expect(first.hint, `every problem carries a hint: ${seen}`).toBeTruthy();
      if (typeof hint === 'string') expect(first.hint, seen).toBe(hint);
      else if (hint) expect(first.hint, seen).toMatch(hint);
    });
  });
}
