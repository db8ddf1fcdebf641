/**
 * Author-facing problems: what happened, where, and the fix.
 *
 * Every problem prints as one editor-clickable line, then a one-line hint:
 *
 *   content/notes/x.mdx:12:1 <Chart data="…">: column 'tonne' not found …; did you mean 'tonnes'?
 *     hint: set y to one of the columns above
 *
 * A file with several problems (every ragged CSV row, every bad cell) throws one
 * `AssayProblems` listing them all, so an author fixes them in one pass.
 */
export interface AssayErrorOptions {
  /** What to do about it, in one sentence. */
  hint?: string;
  /** Project-relative path of the file at fault. */
  file?: string;
  /** 1-based line in `file`, when known. */
  line?: number;
  /** 1-based column in `line`, when known. */
  column?: number;
  cause?: unknown;
}

/** Most problems listed for one file before the rest are summarised as "and N more". */
export const MAX_PROBLEMS_PER_FILE = 20;

export class AssayError extends Error {
  readonly hint: string | undefined;
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly column: number | undefined;
  /** The message without location and hint, for tests and composed messages. */
  readonly problem: string;

  constructor(problem: string, options: AssayErrorOptions = {}) {
    super(formatProblem({ problem, ...options }), options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AssayError';
    this.problem = problem;
    this.hint = options.hint;
    this.file = options.file;
    this.line = options.line;
    this.column = options.column;
  }

  /** The same error, placed at a file and line (used when the caller knows where and the error does not). */
  at(file: string, line?: number, column?: number): AssayError {
    if (this.file) return this;
    return new AssayError(this.problem, { hint: this.hint, file, line, column, cause: this.cause });
  }
}

/** Several problems found in one pass (one file, or a whole content check). */
export class AssayProblems extends Error {
  readonly problems: readonly AssayError[];

  constructor(problems: readonly AssayError[]) {
    super(formatProblems(problems));
    this.name = 'AssayProblems';
    this.problems = problems;
  }
}

export function isAssayError(error: unknown): error is AssayError {
  return error instanceof Error && error.name === 'AssayError';
}

export function isAssayProblems(error: unknown): error is AssayProblems {
  return error instanceof Error && error.name === 'AssayProblems';
}

/** The author-facing problems an error carries: one, several, or none (an internal error). */
export function problemsOf(error: unknown): readonly AssayError[] {
  if (isAssayProblems(error)) return error.problems;
  if (isAssayError(error)) return [error];
  return [];
}

/** Throws the problems collected, if any: one as itself, several together. */
export function throwProblems(problems: readonly AssayError[]): void {
  if (problems.length === 1) throw problems[0];
  if (problems.length > 1) throw new AssayProblems(problems);
}

/** "file:line:column" (as much as is known), the form editors and terminals make clickable. */
export function location(where: { file?: string; line?: number; column?: number }): string | undefined {
  if (!where.file) return undefined;
  if (!where.line) return where.file;
  return `${where.file}:${where.line}:${where.column ?? 1}`;
}

/** One problem as printed: "file:line:column problem", then "  hint: …" on the next line. */
export function formatProblem(problem: {
  problem: string;
  hint?: string;
  file?: string;
  line?: number;
  column?: number;
}): string {
  const where = location(problem);
  // "file:line:column problem" as the issue format asks; a file without a line reads "file: problem".
  const first = where ? `${where}${problem.line ? '' : ':'} ${problem.problem}` : problem.problem;
  return problem.hint ? `${first}\n  hint: ${problem.hint}` : first;
}

/** Several problems, each as `formatProblem` prints it. */
export function formatProblems(problems: readonly AssayError[]): string {
  return problems.map((problem) => formatProblem(problem)).join('\n');
}
