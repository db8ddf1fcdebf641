import { fileURLToPath } from 'node:url';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import { formatDate } from '../lib/dates.ts';
import { AssayError, formatProblem, throwProblems } from '../lib/errors.ts';
import { DEFAULT_REVISION_SUMMARY } from '../provenance/changelog.ts';
import { revisionText } from '../provenance/revisions.ts';
import { comparable, latestRevisions, siteDataRevisions } from '../provenance/site.ts';
import { loadVersionIndex, type VersionIndex } from '../versions/index.ts';
import { sharedVersionIndex } from '../versions/site.ts';

/** Set to 1 to fail the build when a published note shows figures revised since (CI for careful publishers). */
export const STRICT_REVISIONS_ENV = 'ASSAY_STRICT_REVISIONS';

/**
 * Revisions in the build log (docs/versions.md, "Revisions"): one line per published note or
 * event whose latest version shows figures the data has revised since its vintage (its page
 * shows a notice), one warning per dataset that cannot be compared (no `key`) and per data
 * revision without a `revisions` entry. With ASSAY_STRICT_REVISIONS=1 a revised note fails
 * the build instead, at its file, with the fix.
 */
export function revisions(): AstroIntegration {
  return {
    name: 'assay-revisions',
    hooks: {
      'astro:config:setup': ({ config, command, logger }) => {
        const dev = command === 'dev';
        const root = fileURLToPath(config.root);
        // The versions integration has already failed a build without history.
        const index = (!dev && sharedVersionIndex()) || loadVersionIndex({ root, allowMissingHistory: true });
        if (!index.available) return;
        const strict = !dev && process.env[STRICT_REVISIONS_ENV] === '1';
        reportRevisions(index, root, { dev, strict, logger });
      },
    },
  };
}

/** Logs (or, strict, throws) what `revisions()` describes. Exported for tests. */
export function reportRevisions(
  index: VersionIndex,
  root: string,
  options: { dev: boolean; strict: boolean; logger: Pick<AstroIntegrationLogger, 'info' | 'warn'> },
): void {
  const { dev, strict, logger } = options;
  const problems: AssayError[] = [];
  const keyless = new Set<string>();
  let affected = 0;
  for (const entry of index.files.values()) {
    if (!comparable(entry)) continue;
    const found = latestRevisions(index, entry, { dev });
    for (const name of found.uncomparable) keyless.add(name);
    if (found.figures.length === 0) continue;
    affected++;
    const rows = new Set<string>();
    for (const figure of found.figures) {
      for (const revision of figure.revisions) {
        const text = revisionText(revision, figure.current.meta, figure.key);
        // Plain spaces in a log line (values carry a no-break space before their unit).
        rows.add(`${figure.figure.dataset}: ${text.row}, ${text.change}`.replaceAll('\u00a0', ' '));
      }
    }
    const first = found.figures[0]?.figure;
    const problem = `figures revised since version ${entry.latest.number} was published (${[...rows].join('; ')})`;
    const hint = `add an updates entry to ${entry.file} to publish the revised figures as a new version; until then its latest page shows a notice`;
    if (strict)
      problems.push(new AssayError(problem, { file: entry.file, line: first?.line, column: first?.column, hint }));
    else logger.warn(`${entry.file}: ${problem}; its latest page shows a notice`);
  }
  throwProblems(problems);
  const data = siteDataRevisions(index, root);
  for (const name of data.keyless) keyless.add(name);
  for (const name of [...keyless].sort()) {
    logger.warn(
      formatProblem({
        problem: `dataset '${name}' declares no key, so revisions of its published figures cannot be told from added rows: they are not compared`,
        file: `data/${name}.yml`,
        hint: 'name the columns that identify a row, e.g. key: [month] or key: [month, destination]',
      }),
    );
  }
  for (const revision of data.revisions) {
    if (revision.entries.length > 0) continue;
    const asOf = revision.meta.asOf;
    logger.warn(
      formatProblem({
        problem: `a revision of published rows${asOf ? ` (data as of ${formatDate(asOf)})` : ''} has no revisions: entry, so the change log says "${DEFAULT_REVISION_SUMMARY}"`,
        file: `data/${revision.dataset}.yml`,
        hint: `add revisions: [{ date: ${asOf ? asOf.toISOString().slice(0, 10) : 'YYYY-MM-DD'}, summary: "what the source revised" }], with the data change or after it`,
      }),
    );
  }
  if (affected === 0 && data.revisions.length > 0) {
    logger.info(
      `${data.revisions.length} data revision${data.revisions.length === 1 ? '' : 's'} in history; no published note shows revised figures without saying so`,
    );
  }
}
