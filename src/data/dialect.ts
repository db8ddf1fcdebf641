import type { ColumnSpec, Dialect } from './schema.ts';

/**
 * How a CSV file is written (delimiter, decimal mark, thousands separator), as declared in its
 * metadata, and the readers that follow the declaration. Nothing here guesses a value: the
 * `looksLike…` functions only word the error when a file does not match what is declared.
 */
export interface ResolvedDialect {
  delimiter: ',' | ';' | '\t';
  decimal: '.' | ',';
  /** Characters accepted between digit groups; empty when none is declared. */
  thousands: string;
  /**
   * Whether a '.' in a number is known to be the decimal point: in a comma-separated file, or
   * when the dialect declares its decimal mark or thousands separator. A semicolon or tab
   * export with "5.278" may mean 5278 (German Excel) or 5.278.
   */
  pointKnown: boolean;
}

/** Plain, no-break and narrow no-break spaces: French and Nordic spreadsheets write either. */
const SPACES = ' \u00A0\u202F';

export function resolveDialect(declared: Dialect | undefined, file: string): ResolvedDialect {
  const delimiter = declared?.delimiter ?? (file.endsWith('.tsv') ? '\t' : ',');
  const thousands = declared?.thousands;
  return {
    delimiter: delimiter === 'tab' ? '\t' : delimiter,
    decimal: declared?.decimal ?? '.',
    thousands: thousands === undefined ? '' : SPACES.includes(thousands) || thousands === 'space' ? SPACES : thousands,
    pointKnown: delimiter === ',' || declared?.decimal !== undefined || thousands !== undefined,
  };
}

/** The names of delimiters in messages. */
export function delimiterName(delimiter: string): string {
  return delimiter === ',' ? 'comma' : delimiter === ';' ? 'semicolon' : delimiter === '\t' ? 'tab' : `'${delimiter}'`;
}

/**
 * The sentence that fixes a dialect: the whole `dialect:` line with the additions merged into
 * what is already declared, so the author can paste it as is.
 */
export function dialectFix(declared: Dialect | undefined, additions: Partial<Dialect>, yml: string): string {
  const merged: Partial<Dialect> = { ...declared, ...additions };
  const keys = ['encoding', 'delimiter', 'decimal', 'thousands'] as const;
  const fields = keys.filter((key) => merged[key] !== undefined).map((key) => `${key}: ${yamlValue(merged[key])}`);
  const line = `dialect: { ${fields.join(', ')} }`;
  return declared ? `change the dialect line in ${yml} to: ${line}` : `add this line to ${yml}: ${line}`;
}

function yamlValue(value: string | undefined): string {
  if (value === undefined) return '';
  if (/^[a-z][a-z0-9-]*$/.test(value)) return value; // tab, space, windows-1252
  return JSON.stringify(value);
}

/** One parsed record: its cells and the text offset where each cell starts. */
export interface ScannedRow {
  cells: string[];
  offsets: number[];
}

const QUOTE = 34;
const NEWLINE = 10;
const RETURN = 13;

/**
 * Splits delimited text into records, with the offset of every cell so problems can name
 * line and column. The rules are d3-dsv's `parseRows` exactly (RFC 4180 quoting: a cell that
 * starts with `"` runs to the next lone `"`, `""` is a quote, quoted cells may hold the
 * delimiter and line breaks; CRLF or LF; one final line break ignored): ported because
 * d3-dsv does not report positions, and checked against it in test/data/dialect.test.ts.
 */
export function scanDsv(text: string, delimiter: string): ScannedRow[] {
  const DELIMITER = delimiter.charCodeAt(0);
  let n = text.length;
  if (text.charCodeAt(n - 1) === NEWLINE) --n;
  if (text.charCodeAt(n - 1) === RETURN) --n;
  const rows: ScannedRow[] = [];
  if (text.length === 0) return rows;
  let i = 0;
  let row: ScannedRow = { cells: [], offsets: [] };
  let endOfRow = false;
  while (i <= n) {
    const start = i;
    let cell: string;
    endOfRow = false;
    if (text.charCodeAt(start) === QUOTE) {
      // Find the closing quote: one not followed by another quote.
      let j = start;
      while ((j++ < n && text.charCodeAt(j) !== QUOTE) || text.charCodeAt(++j) === QUOTE);
      cell = text.slice(start + 1, j - 1).replace(/""/g, '"');
      i = j;
      if (i >= n) i = n + 1;
      else {
        const c = text.charCodeAt(i++);
        if (c === NEWLINE) endOfRow = true;
        else if (c === RETURN) {
          endOfRow = true;
          if (text.charCodeAt(i) === NEWLINE) ++i;
        }
      }
    } else {
      let j = start;
      for (; j < n; j++) {
        const c = text.charCodeAt(j);
        if (c === NEWLINE || c === RETURN || c === DELIMITER) break;
      }
      cell = text.slice(start, j);
      const c = text.charCodeAt(j);
      i = j + 1;
      if (j >= n) i = n + 1;
      else if (c === NEWLINE) endOfRow = true;
      else if (c === RETURN) {
        endOfRow = true;
        if (text.charCodeAt(i) === NEWLINE) ++i;
      }
    }
    row.cells.push(cell);
    row.offsets.push(start);
    if (endOfRow || i > n) {
      rows.push(row);
      row = { cells: [], offsets: [] };
    }
  }
  return rows;
}

/** 1-based line and column of a text offset. */
export function positionOf(lineStarts: readonly number[], offset: number): { line: number; column: number } {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((lineStarts[mid] as number) <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low + 1, column: offset - (lineStarts[low] as number) + 1 };
}

/** Offsets where each line starts (after LF; a lone CR counts as a line break too). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === NEWLINE || (c === RETURN && text.charCodeAt(i + 1) !== NEWLINE)) starts.push(i + 1);
  }
  return starts;
}

/** A number cell read, or why it could not be. */
export type NumberResult =
  | { value: number }
  | {
      problem: string;
      hint?: string;
      /** Dialect settings that would read the cell. */
      dialect?: Partial<Dialect>;
      /** The column key that would read the cell, when one would: every such cell of the column is one problem. */
      columnKey?: 'percent' | 'negatives';
      ambiguousPoint?: boolean;
    };

/**
 * Reads number cells as the dialect and the column declare: the decimal mark, thousands
 * separators only between groups of three digits, "12%" for a percent column (as 0.12),
 * "(5)" for a parentheses column. Anything else is refused, never coerced.
 */
export function numberReader(dialect: ResolvedDialect, column: ColumnSpec): (value: string) => NumberResult {
  const decimal = escapeRegExp(dialect.decimal);
  const group = dialect.thousands ? `[${escapeRegExp(dialect.thousands)}]` : '';
  const integer = group ? `(?:\\d{1,3}(?:${group}\\d{3})+|\\d+)` : '\\d+';
  // An exponent only without separators: "1e3" is a plain number, "1 234e3" is no one's.
  const exponent = dialect.decimal === '.' && !group ? '(?:[eE][-+]?\\d+)?' : '';
  const pattern = new RegExp(`^[-+]?(?:${integer}(?:${decimal}\\d*)?|${decimal}\\d+)${exponent}$`);
  const percentSuffix = new RegExp(`[${SPACES}]?%$`);
  return (value) => {
    let text = value;
    let negative = false;
    if (column.negatives === 'parentheses' && text.startsWith('(') && text.endsWith(')')) {
      text = text.slice(1, -1).trim();
      negative = true;
      if (/^[-+]/.test(text)) return { problem: 'has both parentheses and a sign', hint: 'write (5) or -5, not both' };
    }
    if (column.percent) {
      if (!percentSuffix.test(text)) {
        return {
          problem: 'has no percent sign, but the column is declared percent: true',
          hint: "write it as 12%, or remove 'percent: true' if the column holds plain numbers",
        };
      }
      text = text.replace(percentSuffix, '');
    }
    if (!pattern.test(text)) return notANumber(text, dialect, column);
    if (!dialect.pointKnown && /^[-+]?\d{1,3}(?:\.\d{3})+$/.test(text)) {
      return {
        problem: `could be ${text.replaceAll('.', '')} (with '.' separating thousands) or ${text}`,
        ambiguousPoint: true,
      };
    }
    const plain = text.replace(new RegExp(group || '(?!)', 'g'), '').replace(dialect.decimal, '.');
    // "12%" is 12e-2, read from text so 14.3% is exactly 0.143, not 14.3 / 100.
    const number = Number(column.percent ? `${plain}e-2` : plain);
    return { value: negative ? -number : number };
  };
}

/** Why a cell is not a number in the declared dialect, and what would read it. */
function notANumber(text: string, dialect: ResolvedDialect, column: ColumnSpec): NumberResult {
  if (!column.percent && /%$/.test(text) && !/%.+%/.test(text)) {
    return {
      problem: 'has a percent sign',
      columnKey: 'percent',
      hint: 'declare the column with \'percent: true\' to read 12% as 0.12 (and format it with a % specifier such as ".0%"), or remove the % signs',
    };
  }
  if (column.negatives !== 'parentheses' && /^\(.+\)$/.test(text)) {
    return {
      problem: "is in parentheses, the accountants' way of writing a negative number",
      columnKey: 'negatives',
      hint: "declare the column with 'negatives: parentheses' to read (5) as -5, or write it as -5",
    };
  }
  const looks = looksLikeDialect(text, dialect);
  if (looks) return { problem: looks.problem, dialect: looks.dialect };
  return {
    problem: `is not a number`,
    hint: `write numbers such as 1238 or ${dialect.decimal === ',' ? '-0,5' : '-0.5'}, with no units or other text`,
  };
}

/**
 * The dialect a number cell looks written in, when it is not the declared one: only used to
 * word the error and the line to add.
 */
export function looksLikeDialect(
  text: string,
  dialect: ResolvedDialect,
): { problem: string; dialect: Partial<Dialect> } | undefined {
  const body = text.replace(/^[-+]/, '');
  // 1.234,5 or 1 234,5: European grouping with a decimal comma.
  const european = /^\d{1,3}(?:([. \u00A0\u202F'])\d{3})+(?:,\d+)?$/.exec(body);
  if (european && (body.includes(',') || european[1] !== '.' || dialect.decimal === ',')) {
    const separator = european[1] as string;
    const thousands = SPACES.includes(separator) ? 'space' : (separator as Dialect['thousands']);
    const name = SPACES.includes(separator) ? spaceName(separator) : `'${separator}'`;
    const needs: Partial<Dialect> = { thousands };
    if (body.includes(',') && dialect.decimal !== ',') needs.decimal = ',';
    return {
      problem: `uses ${name} as a thousands separator${needs.decimal ? ' and a decimal comma' : ''}`,
      dialect: needs,
    };
  }
  // 1,238 or 1,238.5: English grouping.
  if (/^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(body) && dialect.decimal === '.') {
    return { problem: "uses ',' as a thousands separator", dialect: { thousands: ',' } };
  }
  // 12,5: a decimal comma.
  if (/^\d*,\d+$/.test(body) && dialect.decimal === '.') {
    return { problem: 'has a decimal comma', dialect: { decimal: ',' } };
  }
  return undefined;
}

function spaceName(space: string): string {
  return space === ' ' ? 'a space' : space === '\u00A0' ? 'a no-break space' : 'a narrow no-break space';
}

function escapeRegExp(chars: string): string {
  return chars.replace(/[.*+?^${}()|[\]\\'-]/g, '\\$&');
}
