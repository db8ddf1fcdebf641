import { createHash } from 'node:crypto';
import type { Cell } from '../data/schema.ts';
import { csvDateFormatter } from './format.ts';
import type { ChartSpec } from './spec.ts';

/**
 * Text cells that a spreadsheet would run as a formula (=, +, -, @, also after leading spaces,
 * or a leading tab or CR) get a leading apostrophe (OWASP's advice for CSV injection); numbers
 * are written as numbers.
 */
export function csvSafeText(text: string): string {
  return /^\s*[=+\-@]|^[\t\r]/.test(text) ? `'${text}` : text;
}

/**
 * One CSV cell: quoted when it holds a quote, a line break, a comma, or the separators a
 * spreadsheet may split on instead (";" in many European locales, tab), so text after one of
 * them can never start a cell of its own, and a formula with it.
 */
export function csvCell(text: string): string {
  return /[",;\t\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * A `#` comment line. It stays unquoted so tools that skip comments (pandas' and R's `comment`
 * option) still skip it, but every cell a spreadsheet would split it into (at ",", ";" or a
 * tab) is neutralised: a source or licence "x,=HYPERLINK(…)" gives the cell "'=HYPERLINK(…)",
 * and a cell opening with a quote cannot start a quoted field that swallows the lines below.
 */
export function csvCommentLine(text: string): string {
  return `# ${text.replace(/[\r\n]+/g, ' ')}`.replace(
    /([,;\t])([^,;\t]*)/g,
    (_, separator: string, cell: string) => separator + (/^\s*"/.test(cell) ? `'${cell}` : csvSafeText(cell)),
  );
}

/**
 * The CSV download: `#` comment lines naming the dataset, source and "as of" date, then exactly
 * the plotted rows, values as in the source CSV. Every text cell, comment lines included, is
 * neutralised and quoted by `csvCell` and `csvSafeText`.
 */
export function chartCsv(spec: ChartSpec): string {
  const { source } = spec;
  const header = [
    source.title,
    `Source: ${source.name}${source.url ? ` (${source.url})` : ''}`,
    `Data as of: ${source.asOf ?? 'not stated'}${source.commit ? ` (data commit ${source.commit})` : ''}`,
    `Licence: ${source.licence}`,
    ...(spec.derived
      ? [`Rows with ${spec.derived.column} = ${spec.derived.value} are derived (estimated), not stated by the source.`]
      : []),
  ].map(csvCommentLine);
  const columns = spec.tableColumns;
  const formatters = columns.map((c) => (c.type === 'date' ? csvDateFormatter(c.column) : null));
  const rows = [
    columns.map((c) => csvCell(csvSafeText(c.name))),
    ...spec.rows.map((row) =>
      columns.map((c, i) => {
        const value: Cell = row[c.name] ?? null;
        if (value === null) return '';
        if (value instanceof Date) return csvCell((formatters[i] as (d: Date) => string)(value));
        return typeof value === 'number' ? String(value) : csvCell(csvSafeText(value));
      }),
    ),
  ];
  return `${[...header, ...rows.map((cells) => cells.join(','))].join('\n')}\n`;
}

/** The download's file name: a hash of its bytes, so charts over the same rows share one file. */
export function csvFileId(csv: string): string {
  return createHash('sha256').update(csv).digest('hex').slice(0, 16);
}
