import { execFileSync } from 'node:child_process';
import { parseCalendarDate } from './calendar-date.ts';
import { AssayError } from './errors.ts';

/**
 * The build date: the single clock for everything in `dist/` (upcoming vs past events,
 * "registration closed", DTSTAMP, feeds). Never the wall clock, so rebuilds are reproducible.
 *
 * In order: `ASSAY_BUILD_DATE` (ISO date or date-time), `SOURCE_DATE_EPOCH` (seconds,
 * the reproducible-builds convention), else the date of the HEAD commit.
 */
export function resolveBuildDate(env: NodeJS.ProcessEnv = process.env, headCommitDate = gitHeadDate): Date {
  const explicit = env.ASSAY_BUILD_DATE?.trim();
  if (explicit) {
    // The calendar rule every date follows (no 2025-09-31 read as 1 October), and a
    // date-time only with its offset: without one, Date would read it in the machine's zone.
    const day = parseCalendarDate(explicit.slice(0, 10));
    const withOffset = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(explicit);
    const date = explicit.length === 10 ? day.date : withOffset && day.date ? new Date(explicit) : undefined;
    if (!date || Number.isNaN(date.getTime())) {
      throw new AssayError(`ASSAY_BUILD_DATE='${explicit}' is not a date`, {
        hint: 'use an ISO date such as 2025-09-30 or 2025-09-30T12:00:00Z',
      });
    }
    return date;
  }
  const epoch = env.SOURCE_DATE_EPOCH?.trim();
  if (epoch) {
    if (!/^\d+$/.test(epoch)) {
      throw new AssayError(`SOURCE_DATE_EPOCH='${epoch}' is not a whole number of seconds`, {
        hint: 'set it to a Unix timestamp, e.g. $(git log -1 --format=%ct)',
      });
    }
    return new Date(Number(epoch) * 1000);
  }
  const head = headCommitDate();
  if (head) return head;
  throw new AssayError('no build date: ASSAY_BUILD_DATE and SOURCE_DATE_EPOCH are unset and there is no git commit', {
    hint: 'set ASSAY_BUILD_DATE=2025-09-30 (or SOURCE_DATE_EPOCH), or commit your work',
  });
}

function gitHeadDate(): Date | undefined {
  try {
    const seconds = execFileSync('git', ['log', '-1', '--format=%ct'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    return seconds ? new Date(Number(seconds) * 1000) : undefined;
  } catch {
    return undefined;
  }
}

let cached: Date | undefined;
/** The build date for this process, resolved once. */
export function buildDate(): Date {
  cached ??= resolveBuildDate();
  return cached;
}
