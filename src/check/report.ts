import { formatProblem } from '../lib/errors.ts';
import type { CheckResult } from './index.ts';

/** The check's output: every problem as `file:line:column problem` + hint, then a count; or one line when clean. */
export function reportText(result: CheckResult, seconds: number): string {
  const { problems } = result;
  if (problems.length === 0) {
    return `content check passed: ${count(result.notes, 'note')}, ${count(result.events, 'event')}, ${count(result.datasets, 'dataset')}, ${count(result.charts, 'chart')} (${seconds.toFixed(1)}s)`;
  }
  const files = new Set(problems.map((problem) => problem.file ?? ''));
  return `${problems.map((problem) => formatProblem(problem)).join('\n')}\n\n${count(problems.length, 'problem')} in ${count(files.size, 'file')}`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
