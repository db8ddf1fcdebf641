import { createHash } from 'node:crypto';
import type { z } from 'astro/zod';
import { utcFormat, utcParse } from 'd3-time-format';
import { type Document, isMap, isScalar, LineCounter, type Node, parseDocument } from 'yaml';
import { calendarProblem, strictUtcParse } from '../lib/calendar-date.ts';
import { AssayError, MAX_PROBLEMS_PER_FILE, throwProblems } from '../lib/errors.ts';
import { closest, didYouMean, listNames } from '../lib/suggest.ts';
import { fieldProblems } from '../lib/zod-messages.ts';
import {
  delimiterName,
  dialectFix,
  lineStarts,
  numberReader,
  positionOf,
  type ResolvedDialect,
  resolveDialect,
  type ScannedRow,
  scanDsv,
} from './dialect.ts';
import { decodeCsv } from './encoding.ts';
import {
  type Cell,
  type ColumnSpec,
  type Dataset,
  type DatasetMeta,
  type Dialect,
  datasetMetaSchema,
  type Row,
} from './schema.ts';

const BOM = '\uFEFF';
const DEFAULT_DATE_FORMAT = '%Y-%m-%d';
/** A date column's `format` for spreadsheet day numbers instead of a pattern. */
export const EXCEL_SERIAL = 'excel-serial';

/**
 * Parses and validates a dataset's YAML sidecar. Metadata read at an earlier commit passes
 * `datasetVersionMetaSchema`: new checks apply to the working tree, history keeps building.
 * Every problem is reported at once, each at the line of its field.
 */
export function parseDatasetMeta(
  yamlText: string,
  file: string,
  schema: z.ZodType<DatasetMeta, unknown> = datasetMetaSchema,
): DatasetMeta {
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText.replace(/^\uFEFF/, ''), { lineCounter });
  const syntax = doc.errors[0];
  if (syntax) {
    throw new AssayError(`the dataset metadata is not valid YAML (${syntax.message.split('\n')[0]})`, {
      file,
      ...(syntax.linePos ? position(syntax.linePos[0]) : {}),
      hint: 'check indentation and quote values that contain a colon',
      cause: syntax,
    });
  }
  const raw: unknown = doc.toJS();
  const result = schema.safeParse(raw);
  if (!result.success) {
    const problems = fieldProblems(result.error.issues, raw, schema).map(
      (field) =>
        new AssayError(field.problem, {
          file,
          ...position(lineCounter.linePos(fieldOffset(doc, field.path, field.atKey))),
          hint: field.hint,
        }),
    );
    throwProblems(capped(problems, file));
  }
  return result.data as DatasetMeta;
}

function position({ line, col }: { line: number; col: number }): { line: number; column: number } {
  return { line, column: col };
}

/** Where a field is in the YAML: its key or its value; for a missing field, its parent's key. */
function fieldOffset(doc: Document, path: readonly PropertyKey[], atKey: boolean): number {
  let node: unknown = doc.contents;
  let offset = 0;
  for (const key of path) {
    if (!isMap(node)) break;
    const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(key));
    if (!pair) break;
    offset = (pair.key as Node).range?.[0] ?? offset;
    node = pair.value;
    if (key === path.at(-1) && !atKey) offset = (node as Node | null)?.range?.[0] ?? offset;
  }
  return offset;
}

/**
 * Parses a CSV file with the declared dialect and column types into a Dataset. `csv` is the
 * file's bytes (decoded as the dialect says) or text already decoded. Every problem in the
 * file is reported at once, each at its line and column.
 */
export function parseDataset(
  name: string,
  csv: string | Uint8Array,
  meta: DatasetMeta,
  file: string,
  metaText = '',
  options: ParseOptions = {},
): Dataset {
  const yml = file.replace(/\.[^./]+$/, '.yml');
  const decoded = typeof csv === 'string' ? csv : decodeCsv(csv, meta.dialect, file, yml, options);
  // A byte-order mark would stick to the first column's name.
  const text = decoded.startsWith(BOM) ? decoded.slice(1) : decoded;
  const table = readTable(text, meta, file, yml, options);
  throwProblems(capped(table.problems, file));
  // Of the file as stored, so caches and the versions manifest key on content.
  const hash = createHash('sha256').update(csv).update('\0').update(metaText).digest('hex').slice(0, 16);
  return { name, file, meta: readMeta(meta), columns: table.columns, rows: table.rows, hash };
}

export interface ParseOptions {
  /**
   * Data read at an earlier commit: what newer checks refuse but older builds read (a date
   * rolled over, bytes that are not UTF-8) is read as it was then, with a warning, so
   * history that built once keeps building. New checks apply to the working tree.
   */
  historic?: boolean;
}

/** Warnings already printed, so a file read at many commits warns once. */
const warned = new Set<string>();

function warnOnce(message: string): void {
  if (warned.has(message)) return;
  warned.add(message);
  console.warn(`warning: ${message}`);
}

/** The first problems of a file, then one line saying how many more there are. */
function capped(problems: AssayError[], file: string): AssayError[] {
  if (problems.length <= MAX_PROBLEMS_PER_FILE) return problems;
  const more = problems.length - MAX_PROBLEMS_PER_FILE;
  return [
    ...problems.slice(0, MAX_PROBLEMS_PER_FILE),
    new AssayError(`and ${more} more problem${more === 1 ? '' : 's'} in this file`, {
      file,
      hint: 'fix the problems above and run again to see the rest',
    }),
  ];
}

/** Dates read from serials are written back (downloads, grain) as ISO days. */
function readMeta(meta: DatasetMeta): DatasetMeta {
  const serial = Object.entries(meta.columns).filter(
    ([, spec]) => spec.type === 'date' && spec.format === EXCEL_SERIAL,
  );
  if (serial.length === 0) return meta;
  const columns = { ...meta.columns };
  for (const [name, spec] of serial) columns[name] = { ...spec, format: DEFAULT_DATE_FORMAT };
  return { ...meta, columns };
}

interface Table {
  columns: string[];
  rows: Row[];
  problems: AssayError[];
  /** The dialect the number cells suggest, when they do not fit the declared one. */
  needs: Partial<Dialect>;
  /** Whether numbers such as 5.278 leave the decimal mark undecided (no decimal comma elsewhere). */
  ambiguousPoint: boolean;
}

/** A cell that could not be read: what is wrong, and a fix shared by every cell like it. */
interface Failure {
  problem: string;
  hint?: string;
  /** Dialect settings that would read it. */
  dialect?: Partial<Dialect>;
  /** Cells with the same group key share one declaration that fixes them all. */
  group?: string;
  /** A number like 5.278 in a file that does not say whether '.' is the decimal point. */
  ambiguousPoint?: boolean;
  /** How builds before this check read the cell (a date rolled over), for data read at earlier commits. */
  asBefore?: Cell;
}
type CellResult = { value: Cell } | Failure;
type CellReader = (cell: string) => CellResult;

interface PlacedFailure extends Failure {
  row: number;
  column: string;
  value: string;
  line: number;
  col: number;
}

function readTable(text: string, meta: DatasetMeta, file: string, yml: string, options: ParseOptions = {}): Table {
  const dialect = resolveDialect(meta.dialect, file);
  const records = scanDsv(text, dialect.delimiter);
  const starts = lineStarts(text);
  const header = records[0];
  const declared = Object.keys(meta.columns);
  if (!header || header.cells.every((cell) => cell.trim() === '')) {
    const problem = new AssayError('the CSV file is empty: it needs a header row naming its columns', {
      file,
      hint: `start the file with: ${declared.join(dialect.delimiter)}`,
    });
    return { columns: [], rows: [], problems: [problem], needs: {}, ambiguousPoint: false };
  }
  const columns = header.cells.map((cell) => cell.trim());
  const headerProblems = checkHeader(columns, header, meta, { file, yml, text, dialect, starts });
  if (headerProblems.length > 0)
    return { columns, rows: [], problems: headerProblems, needs: {}, ambiguousPoint: false };

  const readers = columns.map((column) => cellReader(column, meta.columns[column] as ColumnSpec, dialect));
  const rows: Row[] = [];
  const problems: AssayError[] = [];
  const failures: PlacedFailure[] = [];
  for (let index = 1; index < records.length; index++) {
    const { cells, offsets } = records[index] as ScannedRow;
    // Blank lines, and the rows of bare delimiters spreadsheets leave below the data.
    if (cells.every((cell) => cell.trim() === '')) continue;
    if (cells.length !== columns.length) {
      problems.push(
        new AssayError(
          `row ${index} has ${cells.length} value${cells.length === 1 ? '' : 's'} but the header has ${columns.length} columns (${columns.join(', ')})`,
          {
            file,
            ...positionOf(starts, offsets[0] as number),
            hint: `every row needs one value per column; quote values that contain a ${delimiterName(dialect.delimiter)}`,
          },
        ),
      );
      continue;
    }
    const row: Row = {};
    cells.forEach((cell, c) => {
      const column = columns[c] as string;
      const result = (readers[c] as CellReader)(cell);
      const { line, column: col } = positionOf(starts, offsets[c] as number);
      if ('value' in result) row[column] = result.value;
      else if (options.historic && result.asBefore !== undefined) {
        row[column] = result.asBefore;
        warnOnce(
          `${file}:${line}:${col} (an earlier version's data): value '${cell.trim()}' ${result.problem}; read as before`,
        );
      } else failures.push({ ...result, row: index, column, value: cell.trim(), line, col });
    });
    rows.push(row);
  }
  const needs = dialectNeeds(failures);
  problems.push(...failureProblems(failures, needs, meta, file, yml));
  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  const ambiguousPoint = needs.decimal !== ',' && failures.some((failure) => failure.ambiguousPoint);
  return { columns, rows, problems, needs, ambiguousPoint };
}

/**
 * The dialect settings the failed cells ask for, merged. A decimal comma rules out ',' for
 * thousands, and settles numbers such as 5.278: their '.' separates thousands.
 */
function dialectNeeds(failures: readonly PlacedFailure[]): Partial<Dialect> {
  const needs: Partial<Dialect> = {};
  for (const failure of failures) Object.assign(needs, failure.dialect);
  if (needs.decimal === ',' && needs.thousands === ',') delete needs.thousands;
  if (needs.decimal === ',' && failures.some((failure) => failure.ambiguousPoint)) needs.thousands = '.';
  return needs;
}

/** The fix for numbers such as 5.278: the line for either meaning of the '.'. */
function pointFix(declared: Dialect | undefined, needs: Partial<Dialect>, yml: string): string {
  const thousands = dialectFix(declared, { ...needs, decimal: ',', thousands: '.' }, yml);
  const point = dialectFix(declared, { ...needs, decimal: '.' }, yml).replace(/^.*?: (?=dialect:)/, '');
  return `${thousands} if '.' separates thousands, or ${point} if it is the decimal point`;
}

/** One problem per bad cell, except cells one declaration fixes: one problem for them all. */
function failureProblems(
  failures: readonly PlacedFailure[],
  needs: Partial<Dialect>,
  meta: DatasetMeta,
  file: string,
  yml: string,
): AssayError[] {
  const groups = new Map<string, PlacedFailure[]>();
  const problems: AssayError[] = [];
  for (const failure of failures) {
    const settled = failure.ambiguousPoint && needs.decimal === ',';
    const key = failure.dialect || settled ? 'dialect' : failure.ambiguousPoint ? 'point' : failure.group;
    if (key) {
      const group = groups.get(key);
      if (group) group.push(failure);
      else groups.set(key, [failure]);
    } else problems.push(cellProblem(failure, failure.problem, failure.hint, file));
  }
  for (const [key, group] of groups) {
    const first = group[0] as PlacedFailure;
    const more = group.length > 1 ? ` (and ${group.length - 1} more cell${group.length > 2 ? 's' : ''} like it)` : '';
    if (key === 'dialect') {
      const problem = first.ambiguousPoint
        ? `${first.problem.replace(/^could be .*/, "uses '.' as a thousands separator")}, which ${yml} does not declare${more}`
        : `${first.problem}, which ${yml} does not declare${more}`;
      problems.push(cellProblem(first, problem, dialectFix(meta.dialect, needs, yml), file));
    } else if (key === 'point') {
      const problem = `${first.problem}: ${yml} does not declare the decimal mark${more}`;
      problems.push(cellProblem(first, problem, pointFix(meta.dialect, needs, yml), file));
    } else problems.push(cellProblem(first, `${first.problem}${more}`, first.hint, file));
  }
  return problems;
}

function cellProblem(failure: PlacedFailure, problem: string, hint: string | undefined, file: string): AssayError {
  const where = `row ${failure.row}, column '${failure.column}'`;
  const text = failure.value === '' ? `${where} ${problem}` : `${where}: value '${failure.value}' ${problem}`;
  return new AssayError(text, { file, line: failure.line, column: failure.col, hint });
}

interface HeaderContext {
  file: string;
  yml: string;
  text: string;
  dialect: ResolvedDialect;
  starts: number[];
}

function checkHeader(columns: string[], header: ScannedRow, meta: DatasetMeta, context: HeaderContext): AssayError[] {
  const { file, yml, starts } = context;
  const at = (index: number) => ({ file, ...positionOf(starts, header.offsets[index] as number) });
  const declared = Object.keys(meta.columns);
  const problems: AssayError[] = [];
  const seen = new Set<string>();
  columns.forEach((column, index) => {
    if (seen.has(column)) {
      problems.push(
        new AssayError(`the CSV header names column '${column}' twice`, {
          ...at(index),
          hint: 'rename or remove one of them',
        }),
      );
    }
    seen.add(column);
  });
  let missing = declared.filter((column) => !seen.has(column));
  if (missing.length > 0) {
    const other = otherDelimiter(meta, context);
    if (other) return [other];
  }
  const undeclared: number[] = [];
  columns.forEach((column, index) => {
    if (column in meta.columns || columns.indexOf(column) !== index) return;
    // A header cell one typo away from a missing column is one mistake, reported once.
    const match = closest(column, missing);
    if (match) {
      missing = missing.filter((name) => name !== match);
      problems.push(
        new AssayError(`column '${column}' in the CSV is not declared in the metadata; did you mean '${match}'?`, {
          ...at(index),
          hint: `rename the CSV column or the metadata's '${match}' so both say the same`,
        }),
      );
    } else undeclared.push(index);
  });
  if (missing.length > 0) {
    problems.push(
      new AssayError(
        `column${missing.length > 1 ? 's' : ''} ${listNames(missing)} declared in the metadata but missing from the CSV header (${columns.join(', ')})`,
        { file, line: 1, hint: 'add the column to the CSV, or remove it from the dataset metadata' },
      ),
    );
  }
  if (undeclared.length > 0) {
    const names = undeclared.map((index) => columns[index] as string);
    problems.push(
      new AssayError(
        `column${names.length > 1 ? 's' : ''} ${listNames(names)} in the CSV but not declared in the metadata`,
        {
          ...at(undeclared[0] as number),
          hint: `declare ${names.length > 1 ? 'each' : 'it'} under columns: in ${yml} with its type, e.g. ${names[0]}: { type: number }`,
        },
      ),
    );
  }
  return problems;
}

/**
 * When the header does not split into the declared columns, whether another delimiter would
 * split it so: then the file was exported with that delimiter (and, often, decimal commas),
 * and the message gives the whole dialect line, found by reading the file that way.
 */
function otherDelimiter(meta: DatasetMeta, context: HeaderContext): AssayError | undefined {
  const { file, yml, text, dialect } = context;
  const headerLine = text.slice(0, text.search(/\r?\n|$/));
  for (const delimiter of [',', ';', '\t'] as const) {
    if (delimiter === dialect.delimiter) continue;
    const split = scanDsv(headerLine, delimiter)[0]?.cells.map((cell) => cell.trim()) ?? [];
    if (!Object.keys(meta.columns).every((column) => split.includes(column))) continue;
    const named: Dialect['delimiter'] = delimiter === '\t' ? 'tab' : delimiter;
    const trial = readTable(text, { ...meta, dialect: { ...meta.dialect, delimiter: named } }, file, yml);
    const needs: Partial<Dialect> = { delimiter: named, ...trial.needs };
    const extras = [needs.decimal === ',' ? 'decimal commas' : '', needs.thousands ? 'thousands separators' : ''];
    const looks = `${delimiterName(delimiter)}-separated${extras.some(Boolean) ? ` with ${extras.filter(Boolean).join(' and ')}` : ''}`;
    const read = `${delimiterName(dialect.delimiter)}-separated`;
    const declaredAs = meta.dialect?.delimiter
      ? `declares it ${read}`
      : `declares no delimiter, so it is read as ${read}${file.endsWith('.tsv') ? ' (a .tsv file)' : ''}`;
    const point = trial.ambiguousPoint ? "; its numbers do not say whether '.' separates thousands or decimals" : '';
    return new AssayError(
      `the file looks ${looks} (its header is '${headerLine.replaceAll('\t', '\\t')}'), but ${yml} ${declaredAs}${point}`,
      {
        file,
        line: 1,
        column: 1,
        hint: trial.ambiguousPoint ? pointFix(meta.dialect, needs, yml) : dialectFix(meta.dialect, needs, yml),
      },
    );
  }
  return undefined;
}

/** How one column's cells are read, as declared. */
function cellReader(column: string, spec: ColumnSpec, dialect: ResolvedDialect): CellReader {
  const read = typedReader(column, spec, dialect);
  return (cell) => {
    const value = cell.trim();
    if (value !== '') return read(value);
    if (spec.optional) return { value: null };
    return { problem: 'is empty', hint: 'fill it in, or declare the column "optional: true" to allow gaps' };
  };
}

function typedReader(column: string, spec: ColumnSpec, dialect: ResolvedDialect): CellReader {
  switch (spec.type) {
    case 'number': {
      const read = numberReader(dialect, spec);
      return (value) => {
        const result = read(value);
        if ('value' in result || result.dialect || result.ambiguousPoint) return result;
        const problem =
          result.problem === 'is not a number'
            ? `is not a number (column '${column}' is declared type: number)`
            : result.problem;
        return { problem, hint: result.hint, group: result.columnKey && `${column}:${result.columnKey}` };
      };
    }
    case 'date':
      return spec.format === EXCEL_SERIAL ? excelSerial : dateReader(column, spec.format ?? DEFAULT_DATE_FORMAT);
    case 'string':
      return (value) => {
        if (!spec.values || spec.values.includes(value)) return { value };
        return {
          problem: `is not one of the values allowed in column '${column}' (${spec.values.join(', ')})${didYouMean(value, spec.values)}`,
          hint: `use one of the declared values, or add '${value}' to the column's values in the metadata`,
        };
      };
  }
}

/**
 * Dates in a d3-time-format pattern, strictly (`strictUtcParse`: d3's own parser rolls
 * 2025-06-31 over to 1 July and forgives missing zero padding). The lax reading only words
 * the error, and is what builds before this check read, for data at earlier commits.
 */
function dateReader(column: string, pattern: string): CellReader {
  const strict = strictUtcParse(pattern);
  const lax = utcParse(pattern);
  const format = utcFormat(pattern);
  const fields = numericFields(pattern);
  return (value) => {
    const date = strict(value);
    if (date) return { value: date };
    const before = lax(value);
    if (before !== null && !Number.isNaN(before.getTime())) {
      const day = fields?.(value);
      const reason = day ? calendarProblem(day.year, day.month, day.day) : undefined;
      if (reason || comparable(format(before)) !== comparable(value)) {
        return {
          problem: `is not a real date (${reason ?? `it would roll over to ${format(before)}`})`,
          hint: `check the day and month; column '${column}' is read in the format '${pattern}'`,
          asBefore: before,
        };
      }
      return {
        problem: `is not written in the format '${pattern}' declared for column '${column}'`,
        hint: `write it as ${format(before)}`,
        asBefore: before,
      };
    }
    if (/^\d{5}$/.test(value)) {
      return {
        problem: `looks like a spreadsheet date serial, not a date in the format '${pattern}' declared for column '${column}'`,
        hint: `declare the column "format: ${EXCEL_SERIAL}" to read day numbers (45808 is 2025-05-30), or format the cells as dates before exporting`,
      };
    }
    return {
      problem: `is not a date in the format '${pattern}' declared for column '${column}'`,
      hint: `write dates like ${exampleDate(pattern)}, or change the column's format`,
    };
  };
}

/** Text differing from another only in case and zero padding ("jun 2025-6" and "Jun 2025-06"). */
function comparable(text: string): string {
  return text.toLowerCase().replace(/\b0+(?=\d)/g, '');
}

/**
 * For a pattern of numeric year, month and day fields ("%Y-%m-%d", "%d/%m/%Y", "%Y-%m"), a
 * reader of those fields from a cell, so a day that does not exist is named as such ("June
 * 2025 has 30 days"); undefined for patterns with other directives.
 */
function numericFields(
  pattern: string,
): ((text: string) => { year: number; month: number; day: number } | undefined) | undefined {
  const order: string[] = [];
  const source = pattern.replace(/%(.)|[.*+?^${}()|[\]\\]/g, (match, field: string | undefined) => {
    if (field === undefined) return `\\${match}`;
    order.push(field);
    return field === 'Y' ? '(\\d{4})' : '(\\d{1,2})';
  });
  if (!order.includes('Y') || order.some((field) => !'Ymd'.includes(field))) return undefined;
  const regex = new RegExp(`^${source}$`);
  return (text) => {
    const match = regex.exec(text);
    if (!match) return undefined;
    const field = (name: string) => (order.includes(name) ? Number(match[order.indexOf(name) + 1]) : 1);
    return { year: field('Y'), month: field('m'), day: field('d') };
  };
}

/** Day 1 of the spreadsheet 1900 system is 1 January 1900; Excel also counts a 29 February 1900. */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const FIRST_TRUE_SERIAL = 61; // 1 March 1900: serials before it are off by one day (or do not exist)
const DAY = 86_400_000;

function excelSerial(value: string): CellResult {
  if (!/^\d+$/.test(value)) {
    return {
      problem: /^\d+[.,]\d+$/.test(value)
        ? 'has a time of day (a fraction of a day), but the column holds dates'
        : 'is not a spreadsheet date serial (a whole number of days, such as 45808 for 2025-05-30)',
      hint: 'export the column as whole days, or as dates with a pattern in its format',
    };
  }
  const serial = Number(value);
  if (serial < FIRST_TRUE_SERIAL) {
    return {
      problem: 'is before March 1900, where spreadsheet serials are off by a day',
      hint: 'write these dates as dates (2025-05-30) and declare their format instead',
    };
  }
  return { value: new Date(EXCEL_EPOCH + serial * DAY) };
}

function exampleDate(pattern: string): string {
  return pattern.replace('%Y', '2025').replace('%m', '06').replace('%d', '30').replace('%b', 'Jun');
}
