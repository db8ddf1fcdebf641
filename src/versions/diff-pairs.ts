import type { Version } from './model.ts';

/** A version with a diff page, and the version it is compared with. */
export interface DiffPair {
  version: Version;
  /** The newest earlier version with text of its own (version k-1, unless it arrived with k). */
  against: Version;
}

/**
 * Every version k ≥ 2 with text of its own (not `sameAs` another) and published (not a draft)
 * has a diff page, against version k-1, or the version before that when k-1 arrived in the
 * same commit as k and so never had text of its own.
 */
export function diffPairs(versions: readonly Version[]): DiffPair[] {
  const pairs: DiffPair[] = [];
  for (const version of versions) {
    if (version.number < 2 || version.sameAs !== undefined || version.draft) continue;
    let against = versions[version.number - 2];
    while (against && against.sameAs === version.number && against.number > 1) against = versions[against.number - 2];
    if (against && against.sameAs !== version.number) pairs.push({ version, against });
  }
  return pairs;
}

/** The version a diff page is compared with (see `diffPairs`), if the version has a diff page. */
export function diffAgainst(versions: readonly Version[], number: number): Version | undefined {
  return diffPairs(versions).find((pair) => pair.version.number === number)?.against;
}
