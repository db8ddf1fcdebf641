import { AssayError } from '../lib/errors.ts';
import { type GitRepo, openGitRepo } from './git.ts';

/** The setting that lets a build go ahead without git history (and so without versions). */
export const ALLOW_NO_HISTORY_ENV = 'ASSAY_ALLOW_NO_HISTORY';

/** Whether the environment allows building without history (`ASSAY_ALLOW_NO_HISTORY=1`). */
export function allowMissingHistoryFromEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = env[ALLOW_NO_HISTORY_ENV]?.trim().toLowerCase();
  return value === '1' || value === 'true' || value === 'yes';
}

/** The repository, or why versions cannot be read from it. */
export type HistoryCheck = { ok: true; repo: GitRepo } | { ok: false; reason: string; error: AssayError };

/**
 * Checks that `root` is in a git repository with full history. A shallow clone would make
 * every note look first published at the clone's cut-off commit: wrong dates, lost versions.
 */
export function checkHistory(root: string): HistoryCheck {
  const repo = openGitRepo(root);
  if (!repo) {
    const reason = 'versions are unavailable: the project is not in a git repository';
    return {
      ok: false,
      reason,
      error: new AssayError(`${reason}, and versions, dates and change logs are read from git history`, {
        hint: `run "git init" and commit your notes, or set ${ALLOW_NO_HISTORY_ENV}=1 to build without versions`,
      }),
    };
  }
  if (repo.shallow) {
    const reason = 'versions are unavailable: the repository is a shallow clone, so its history is incomplete';
    return {
      ok: false,
      reason,
      error: new AssayError(`${reason}; first-published dates, versions and data vintages would be wrong`, {
        hint:
          'fetch the full history with "git fetch --unshallow" before building, or set the clone depth to 0 on your host ' +
          `(GitHub Actions: actions/checkout with fetch-depth: 0; GitLab: GIT_DEPTH: 0; Netlify/Cloudflare/Vercel: run "git fetch --unshallow" in the build command). ` +
          `To build without versions, set ${ALLOW_NO_HISTORY_ENV}=1.`,
      }),
    };
  }
  return { ok: true, repo };
}
