/**
 * An author-facing build error: what happened, the fix, and where.
 * Messages follow "what happened and why", then the hint, then file:line,
 * so a terminal shows everything an author needs without a stack trace.
 */
export interface AssayErrorOptions {
  /** What to do about it, in one sentence. */
  hint?: string;
  /** Project-relative path of the file at fault. */
  file?: string;
  /** 1-based line in `file`, when known. */
  line?: number;
  cause?: unknown;
}

export class AssayError extends Error {
  readonly hint: string | undefined;
  readonly file: string | undefined;
  readonly line: number | undefined;
  /** The message without location and hint, for tests and composed messages. */
  readonly problem: string;

  constructor(problem: string, options: AssayErrorOptions = {}) {
    const where = options.file ? `${options.file}${options.line ? `:${options.line}` : ''}` : undefined;
    const lines = [where ? `${where}: ${problem}` : problem];
    if (options.hint) lines.push(`Hint: ${options.hint}`);
    super(lines.join('\n'), options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AssayError';
    this.problem = problem;
    this.hint = options.hint;
    this.file = options.file;
    this.line = options.line;
  }

  /** The same error, placed at a file and line (used when the caller knows where). */
  at(file: string, line?: number): AssayError {
    if (this.file) return this;
    return new AssayError(this.problem, { hint: this.hint, file, line, cause: this.cause });
  }
}

export function isAssayError(error: unknown): error is AssayError {
  return error instanceof Error && error.name === 'AssayError';
}
