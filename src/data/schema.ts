import { z } from 'astro/zod';
import { calendarDate } from '../lib/calendar-date.ts';
import { historicUrl, safeUrl } from '../lib/safe-url.ts';
import { didYouMean } from '../lib/suggest.ts';

/** What `asOf` is, as its messages say it. */
export const AS_OF_NEEDED = 'needs the date its newest figures became public, as YYYY-MM-DD, e.g. asOf: 2025-06-20';

/** One declared CSV column. The CSV is parsed with these types; nothing is guessed. */
export const columnSchema = z
  .object({
    /** How cells are read: dates in the declared pattern, numbers in the file's dialect, or text. */
    type: z.enum(['date', 'number', 'string']),
    /** Human label for axes, tables and descriptions; defaults to the column name. */
    label: z.string().optional(),
    /** Unit of a number column, e.g. "t" or "%"; shown after values. */
    unit: z.string().optional(),
    /**
     * For numbers, a d3-format specifier used in tables and prose (",.0f").
     * For dates, the d3-time-format pattern the CSV uses ("%Y-%m", default "%Y-%m-%d"), or
     * "excel-serial" for a spreadsheet's day numbers (45808 is 30 May 2025).
     */
    format: z.string().optional(),
    /** Numbers written with a percent sign ("12%"), read as fractions (0.12). */
    percent: z.boolean().optional(),
    /** "parentheses" reads accountants' negatives, "(1,234)", as -1234. */
    negatives: z.enum(['parentheses']).optional(),
    /** For strings, the only values allowed (e.g. stated, derived). */
    values: z.array(z.string()).optional(),
    /** Whether empty cells are allowed (read as missing, never as zero). */
    optional: z.boolean().default(false),
  })
  .strict();

/** Who publishes the figures, and a link that only opens a page or a mail client (src/lib/safe-url.ts). */
function sourceSchema<T extends z.ZodType<string | undefined, string>>(url: T) {
  return z.object({ name: z.string().min(1), url: url.optional() }).strict();
}

/**
 * How the CSV file is written, as a spreadsheet exported it. Declared, never guessed: an
 * undeclared file that looks otherwise fails with the line to add.
 */
export const dialectSchema = z
  .object({
    /** Field separator: "," (default for .csv), ";", or tab ("\t", or the word tab; default for .tsv). */
    delimiter: z.enum([',', ';', '\t', 'tab']).optional(),
    /** Decimal mark: "." (default) or ",". */
    decimal: z.enum(['.', ',']).optional(),
    /** Thousands separator inside numbers: ",", ".", "'" or space (a plain, no-break or narrow no-break space). */
    thousands: z.enum([',', '.', "'", 'space', ' ', '\u00A0', '\u202F']).optional(),
    /** Character encoding when not UTF-8 (UTF-16 files are read by their byte-order mark). */
    encoding: z.enum(['utf-8', 'windows-1252']).optional(),
  })
  .strict()
  .refine((dialect) => !dialect.decimal || dialect.decimal !== dialect.thousands, {
    message: 'the decimal mark and the thousands separator must differ',
  });

/** Metadata for one dataset: a `data/<name>.yml` sidecar beside `data/<name>.csv`. */
export const datasetMetaSchema = z
  .object({
    /** What the data is, as a chart subtitle would say it. */
    title: z.string().min(1),
    /** One or two sentences on coverage and method. */
    description: z.string().min(1),
    /** Who publishes the figures, with a link to them. */
    source: sourceSchema(safeUrl()),
    /** Unit of the main measure, e.g. "tonnes". */
    unit: z.string().min(1),
    /** Licence or terms under which the figures are republished. */
    licence: z.string().min(1),
    /**
     * The data's own "as of" date: when the newest figures in the file became public (GACC's
     * May figures: 2025-06-20). Charts say "data as of" this date, read at the note's data
     * vintage; never a commit date. Required for a dataset a published note or event uses.
     */
    asOf: calendarDate(AS_OF_NEEDED).optional(),
    /**
     * The columns that name a row, e.g. [month] or [month, destination]: no two rows may share
     * them, so a revised figure can be matched with the one it replaces.
     */
    key: z.array(z.string().min(1)).min(1, 'name at least one column, e.g. key: [month]').optional(),
    /**
     * The one entity a single-series dataset measures, e.g. `entity: United States`: its charts
     * take that entity's colour from the site settings (`seriesColors`), as the entity's series
     * does in any other chart.
     */
    entity: z.string().min(1).optional(),
    /**
     * Revisions of figures already published, oldest first: add one, in the same commit as the
     * data change, saying what the source revised. The site's change log (/changes/) shows its
     * summary next to the rows that changed; a revision without one says "Figures revised by the source".
     */
    revisions: z
      .array(
        z
          .object({
            /** When the source published the revision (YYYY-MM-DD). */
            date: calendarDate(
              'needs the date the source published the revision, as YYYY-MM-DD, e.g. date: 2025-07-20',
            ),
            /** What the source revised, for the change log: "GACC revised May exports". */
            summary: z.string().min(1),
          })
          .strict(),
      )
      .optional(),
    /** Notes readers should see with the data, e.g. how derived values were computed. */
    notes: z.string().optional(),
    /** How the CSV file is written; omit it for a plain UTF-8, comma-separated file with "." decimals. */
    dialect: dialectSchema.optional(),
    /** Every CSV column, in any order; the CSV must have exactly these columns. */
    columns: z.record(z.string(), columnSchema).refine((columns) => Object.keys(columns).length > 0, {
      message: 'declare at least one column',
    }),
  })
  .strict()
  .superRefine((meta, ctx) => {
    const declared = Object.keys(meta.columns);
    meta.key?.forEach((column, index) => {
      const problem = !declared.includes(column)
        ? `'${column}' is not one of the columns (${declared.join(', ')})${didYouMean(column, declared)}`
        : meta.key?.indexOf(column) !== index
          ? `'${column}' is listed twice`
          : undefined;
      if (problem) {
        ctx.addIssue({
          code: 'custom',
          path: ['key', index],
          message: problem,
          params: { hint: 'list the columns that together name one row, e.g. key: [month, destination]' },
        });
      }
    });
  });

/**
 * Metadata read at an earlier commit (a version's data vintage): a source link that is not
 * allowed now is dropped to plain text with a warning, so history that built once keeps building.
 */
export const datasetVersionMetaSchema = datasetMetaSchema.safeExtend({ source: sourceSchema(historicUrl()) });

export type ColumnSpec = z.output<typeof columnSchema>;
export type DatasetMeta = z.output<typeof datasetMetaSchema>;
export type Dialect = z.output<typeof dialectSchema>;

/** A parsed cell: null only where the column is declared optional and the cell is empty. */
export type Cell = Date | number | string | null;
export type Row = Record<string, Cell>;

/** A dataset ready for charts: metadata plus typed rows. */
export interface Dataset {
  /** Name used in MDX: the file name without extension. */
  name: string;
  /** Project-relative path of the CSV, for messages and source lines. */
  file: string;
  meta: DatasetMeta;
  /** Column names in CSV order. */
  columns: string[];
  rows: Row[];
  /** Content hash of the CSV and metadata text, for caches and the versions manifest. */
  hash: string;
  /** The git commit the data was read at, when versions supply one. */
  vintage?: { commit: string; date: Date; latest?: boolean };
}
