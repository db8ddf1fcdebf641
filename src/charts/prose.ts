import { z } from 'astro/zod';
import type { Dataset, Row } from '../data/schema.ts';
import { AssayError } from '../lib/errors.ts';
import { didYouMean } from '../lib/suggest.ts';
import { measureStyle, type NumberStyle, numberFormatter, percentChange, resolveSpecifier } from './format.ts';
import { columnValues, issueSentence, laterCheck, listSome } from './prop-messages.ts';
import type { AxisValue, ChartPlace, ColumnRef } from './spec.ts';
import { compareCells, parseAxisValue, sameCell } from './values.ts';

const cellKey = z.union([z.string(), z.number()]);

/** Props of `<Value>`: one number from a dataset, formatted like its column. */
export const valuePropsSchema = z
  .object({
    /** Dataset name. */
    data: z.string().min(1),
    /** The row: a value of the key column, e.g. "2025-05". */
    at: cellKey,
    /** Number column to read. Default: the first number column. */
    column: z.string().optional(),
    /** Key column `at` refers to. Default: the first date column, else the first column. */
    by: z.string().optional(),
    /** Narrow rows first, e.g. {{ destination: "Germany" }}. */
    where: z.record(z.string(), cellKey).optional(),
    /** d3-format specifier or keyword; default the column's format. */
    format: z.string().optional(),
    /** Unit after the number; default the column's unit; "" for none. */
    unit: z.string().optional(),
    /** Read the newest data instead of the note's pinned vintage. */
    vintage: z.literal('latest').optional(),
    __line: z.string().optional(),
  })
  .strict();

/** Props of `<Change>`: the change of a number between two rows. */
export const changePropsSchema = valuePropsSchema
  .omit({ at: true })
  .extend({
    /** Row of the starting value. */
    from: cellKey,
    /** Row of the ending value. */
    to: cellKey,
    /** percent (default: "down 53%") or absolute ("down 1,396 t"). */
    as: z.enum(['percent', 'absolute']).default('percent'),
    /** Words ("up 157%", "down 53%") or signs ("+157%", "−53%"). */
    words: z.boolean().default(true),
  })
  .strict();

export type ValueProps = z.input<typeof valuePropsSchema>;
export type ChangeProps = z.input<typeof changePropsSchema>;

interface Lookup {
  column: ColumnRef;
  by: ColumnRef;
  style: NumberStyle;
  /** The key value an author wrote, parsed against the `by` column. */
  key(at: string | number, option: string): AxisValue;
  find(at: string | number, option: string): number;
}

function lookup(
  tag: string,
  props: {
    data: string;
    column?: string;
    by?: string;
    where?: Record<string, string | number>;
    format?: string;
    unit?: string;
  },
  dataset: Dataset,
  place: ChartPlace,
): Lookup {
  const fail = (problem: string, hint?: string): never => {
    throw new AssayError(`<${tag} data="${props.data}">: ${problem}`, {
      file: place.file,
      line: place.line,
      column: place.column,
      hint,
    });
  };
  const ref = (name: string, option: string): ColumnRef => {
    const spec = dataset.meta.columns[name];
    if (!spec) {
      return fail(
        `column '${name}' (option ${option}) not found in ${dataset.file}; columns are ${dataset.columns.join(', ')}${didYouMean(name, dataset.columns)}`,
        `set ${option} to one of the columns above`,
      );
    }
    return { name, label: spec.label ?? name, type: spec.type, column: spec };
  };
  const by = ref(
    props.by ?? dataset.columns.find((c) => dataset.meta.columns[c]?.type === 'date') ?? (dataset.columns[0] as string),
    'by',
  );
  const columnName =
    props.column ?? dataset.columns.find((c) => c !== by.name && dataset.meta.columns[c]?.type === 'number');
  if (!columnName) return fail(`${dataset.file} has no number column`);
  const column = ref(columnName, 'column');
  if (column.type !== 'number')
    fail(`column '${column.name}' is not a number column`, 'choose a column declared type: number');
  let rows: Row[] = dataset.rows;
  for (const [name, value] of Object.entries(props.where ?? {})) {
    const where = ref(name, `where.${name}`);
    const parsed = parseAxisValue(value, where);
    if (parsed === undefined) return fail(`where.${name} '${value}' is not a valid ${where.type}`);
    // A value no row has is a typo, not an empty selection: say so rather than report a missing row.
    if (!dataset.rows.some((row) => sameCell(row[name] ?? null, parsed))) {
      const values = columnValues(dataset.rows, where);
      laterCheck(place.history, fail)(
        `where.${name} '${value}' matches no row of ${dataset.file}${didYouMean(String(value), values)}`,
        `${name} values are ${listSome(values)}`,
      );
    }
    rows = rows.filter((row) => sameCell(row[name] ?? null, parsed));
  }
  let specifier: string | undefined;
  if (props.format !== undefined) {
    specifier = resolveSpecifier(props.format);
    if (!specifier)
      fail(`format '${props.format}' is not a d3-format specifier or format name`, 'e.g. ",.0f", ".1%", thousands, si');
  }
  // The same unit and format as the dataset's charts and their descriptions (format.ts).
  const style = measureStyle(dataset, column.name, { specifier, unit: props.unit });
  const key = (at: string | number, option: string): AxisValue => {
    const parsed = parseAxisValue(at, by);
    if (parsed === undefined)
      return fail(
        `${option} '${at}' is not a valid ${by.type} for column '${by.name}'`,
        by.type === 'date' ? 'write a date like 2025-05' : undefined,
      );
    return parsed;
  };
  return {
    column,
    by,
    style,
    key,
    find(at, option) {
      const parsed = key(at, option);
      const matches = rows.filter((row) => sameCell(row[by.name] ?? null, parsed));
      if (matches.length === 0) {
        const keys = columnValues(rows, by);
        return fail(
          `no row with ${by.name} = '${at}' in ${dataset.file}${didYouMean(String(at), keys)}`,
          `${by.name} values are ${listSome(keys)}`,
        );
      }
      if (matches.length > 1)
        return fail(
          `${matches.length} rows have ${by.name} = '${at}' in ${dataset.file}`,
          'narrow them with where={{ column: "value" }}',
        );
      const value = (matches[0] as Row)[column.name];
      if (typeof value !== 'number')
        return fail(`the row with ${by.name} = '${at}' has no value in column '${column.name}'`);
      return value;
    },
  };
}

function parse<T extends z.ZodType>(
  tag: string,
  schema: T,
  props: Record<string, unknown>,
  place: ChartPlace,
): z.output<T> {
  const names = Object.keys((schema as unknown as z.ZodObject).shape).filter((n) => n !== '__line');
  // Unknown names first: a typo ("too") would otherwise surface as a missing option.
  const unknown = Object.keys(props).find((name) => name !== '__line' && !names.includes(name));
  const result = unknown ? undefined : schema.safeParse(props);
  if (result?.success) return result.data;
  const issue = result?.error.issues[0];
  throw new AssayError(
    unknown
      ? `<${tag}>: unknown option '${unknown}'${didYouMean(unknown, names)}`
      : `<${tag}>: ${issue ? issueSentence(issue, props) : 'invalid options'}`,
    { file: place.file, line: place.line, column: place.column, hint: `options are ${names.join(', ')}` },
  );
}

/** The text of `<Value>`: "1,238 t". */
export function valueText(props: Record<string, unknown>, dataset: Dataset, place: ChartPlace): string {
  const options = parse('Value', valuePropsSchema, props, place);
  const table = lookup('Value', options, dataset, place);
  return numberFormatter(table.style, { sentence: true })(table.find(options.at, 'at'));
}

/** The text of `<Change>`: "down 53%", "up 1,950 t", or "−53%" with words={false}. */
export function changeText(props: Record<string, unknown>, dataset: Dataset, place: ChartPlace): string {
  const options = parse('Change', changePropsSchema, props, place);
  const table = lookup('Change', options, dataset, place);
  const fail = (problem: string, hint?: string): never => {
    throw new AssayError(`<Change data="${options.data}">: ${problem}`, {
      file: place.file,
      line: place.line,
      column: place.column,
      hint,
    });
  };
  // Reversed ends print the opposite change ("up 113%" for a fall of 53%): refuse them.
  // Text keys have no order, so only dates and numbers are checked.
  if (table.by.type !== 'string' && compareCells(table.key(options.from, 'from'), table.key(options.to, 'to')) > 0) {
    laterCheck(place.history, fail)(
      `from '${options.from}' is after to '${options.to}'; a change is measured from the earlier ${table.by.name} to the later`,
      `swap them: from="${options.to}" to="${options.from}"`,
    );
  }
  const from = table.find(options.from, 'from');
  const to = table.find(options.to, 'to');
  if (options.as === 'percent' && from === 0) {
    fail(`the value at '${options.from}' is 0, so a percentage change is undefined`, 'use as="absolute"');
  }
  const delta = options.as === 'percent' ? (to - from) / Math.abs(from) : to - from;
  const magnitude =
    options.as === 'percent'
      ? percentChange(delta, options.format ? resolveSpecifier(options.format) : undefined)
      : numberFormatter(table.style, { sentence: true })(Math.abs(delta));
  if (/^0(\.0+)?%?$/.test(magnitude.replace(/[^\d.%]/g, '')) || delta === 0)
    return options.words ? 'unchanged' : magnitude;
  if (options.words) return `${delta < 0 ? 'down' : 'up'} ${magnitude}`;
  return `${delta < 0 ? '\u2212' : '+'}${magnitude}`;
}
