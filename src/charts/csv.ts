import { createHash } from 'node:crypto';
import { csvFormatRows } from 'd3-dsv';
import type { Cell } from '../data/schema.ts';
import { csvDateFormatter } from './format.ts';
import type { ChartSpec } from './spec.ts';

/**
 * Text cells that a spreadsheet would run as a formula (=, +, -, @, tab, CR) get a leading
 * apostrophe (OWASP's advice for CSV injection); numbers are written as numbers.
 */
export function csvSafeText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/**
 * The CSV download: `#` comment lines naming the dataset, source and "as of" date (most
 * tools skip them with a comment option), then exactly the plotted rows, values as in the source CSV.
 */
export function chartCsv(spec: ChartSpec): string {
  const { source } = spec;
  const header = [
    `# ${source.title}`,
    `# Source: ${source.name}${source.url ? ` (${source.url})` : ''}`,
    `# Data as of: ${source.asOf ?? 'not stated'}${source.commit ? ` (data commit ${source.commit})` : ''}`,
    `# Licence: ${source.licence}`,
    ...(spec.derived
      ? [
          `# Rows with ${spec.derived.column} = ${spec.derived.value} are derived (estimated), not stated by the source.`,
        ]
      : []),
  ].map((line) => line.replace(/[\r\n]+/g, ' '));
  const columns = spec.tableColumns;
  const formatters = columns.map((c) => (c.type === 'date' ? csvDateFormatter(c.column) : null));
  const body = csvFormatRows([
    columns.map((c) => csvSafeText(c.name)),
    ...spec.rows.map((row) =>
      columns.map((c, i) => {
        const value: Cell = row[c.name] ?? null;
        if (value === null) return '';
        if (value instanceof Date) return (formatters[i] as (d: Date) => string)(value);
        return typeof value === 'number' ? String(value) : csvSafeText(value);
      }),
    ),
  ]);
  return `${header.join('\n')}\n${body}\n`;
}

/** The download's file name: a hash of its bytes, so charts over the same rows share one file. */
export function csvFileId(csv: string): string {
  return createHash('sha256').update(csv).digest('hex').slice(0, 16);
}
