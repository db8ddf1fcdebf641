/**
 * One author mistake for the troubleshooting catalog (docs/troubleshooting.md is generated
 * from these, and test/check/mistakes.test.ts asserts each through `checkContent`).
 * Each area of the code keeps its own list in test/check/mistakes/<area>.ts.
 */
export interface Mistake {
  /** A short title for the guide: "A date that does not exist". */
  title: string;
  /**
   * Files written over a copy of the base fixture site (test/fixtures/sites/check-base/),
   * path → text (bytes for a file that is not UTF-8); null deletes the file. Keep each case to
   * the smallest change that shows it.
   */
  files: Record<string, string | Uint8Array | null>;
  /** What the author is told: the first problem reported must match all of these. */
  expect: {
    file: string;
    line?: number;
    column?: number;
    /** The problem sentence, exactly (string) or in part (RegExp). */
    problem: string | RegExp;
    hint?: string | RegExp;
  };
  /** The fix, in one sentence, for the guide. */
  fix: string;
}
