import { createHash } from 'node:crypto';
import type { z } from 'astro/zod';
import { csvParseRows } from 'd3-dsv';
import { utcParse } from 'd3-time-format';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { AssayError } from '../lib/errors.ts';
import { listNames } from '../lib/suggest.ts';
import { formatZodIssues } from '../lib/zod-messages.ts';
import { type Cell, type ColumnSpec, type Dataset, type DatasetMeta, datasetMetaSchema, type Row } from './schema.ts';

const BOM = '\uFEFF';
const DEFAULT_DATE_FORMAT = '%Y-%m-%d';

/**
 * Parses and validates a dataset's YAML sidecar. Metadata read at an earlier commit passes
 * `datasetVersionMetaSchema`: new checks apply to the working tree, history keeps building.
 */
export function parseDatasetMeta(
  yamlText: string,
  file: string,
  schema: z.ZodType<DatasetMeta, unknown> = datasetMetaSchema,
): DatasetMeta {
  let raw: unknown;
  try {
    raw = parseYaml(yamlText.replace(/^\uFEFF/, ''));
  } catch (error) {
    const line = error instanceof YAMLParseError ? error.linePos?.[0]?.line : undefined;
    throw new AssayError(`the dataset metadata is not valid YAML (${(error as Error).message.split('\n')[0]})`, {
      file,
      line,
      hint: 'check indentation and quote values that contain a colon',
      cause: error,
    });
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    throw new AssayError(`the dataset metadata is invalid:\n${formatZodIssues(result.error.issues)}`, {
      file,
      hint: 'see docs/datasets.md for every field; each column needs a type of date, number or string',
    });
  }
  return result.data;
}

/** Parses CSV text with the declared column types into a Dataset. */
export function parseDataset(name: string, csvText: string, meta: DatasetMeta, file: string, metaText = ''): Dataset {
  // d3-dsv keeps a BOM in the first header; strip it. CRLF is handled by d3-dsv itself.
  const text = csvText.startsWith(BOM) ? csvText.slice(1) : csvText;
  const table = csvParseRows(text);
  const header = table[0];
  if (!header || header.length === 0 || header.every((cell) => cell === '')) {
    throw new AssayError('the CSV file is empty: it needs a header row naming its columns', {
      file,
      hint: `start the file with: ${Object.keys(meta.columns).join(',')}`,
    });
  }
  const columns = header.map((cell) => cell.trim());
  checkHeader(columns, meta, file);
  const parsers = columns.map((column) => cellParser(column, meta.columns[column] as ColumnSpec));
  const rows: Row[] = [];
  const lines = lineNumbers(text);
  for (let index = 1; index < table.length; index++) {
    const cells = table[index] as string[];
    if (cells.length === 1 && cells[0] === '') continue; // a blank line
    const line = lines[index] ?? index + 1;
    if (cells.length !== columns.length) {
      throw new AssayError(
        `row ${index} has ${cells.length} value${cells.length === 1 ? '' : 's'} but the header has ${columns.length} columns (${columns.join(', ')})`,
        { file, line, hint: 'every row needs one value per column; quote values that contain a comma' },
      );
    }
    const row: Row = {};
    cells.forEach((cell, c) => {
      const column = columns[c] as string;
      row[column] = (parsers[c] as CellParser)(cell, { file, line, row: index, column });
    });
    rows.push(row);
  }
  const hash = createHash('sha256').update(csvText).update('\0').update(metaText).digest('hex').slice(0, 16);
  return { name, file, meta, columns, rows, hash };
}

function checkHeader(columns: string[], meta: DatasetMeta, file: string): void {
  const declared = Object.keys(meta.columns);
  const seen = new Set<string>();
  for (const column of columns) {
    if (seen.has(column)) throw new AssayError(`the CSV header names column '${column}' twice`, { file, line: 1 });
    seen.add(column);
  }
  const missing = declared.filter((column) => !seen.has(column));
  if (missing.length > 0) {
    throw new AssayError(
      `column${missing.length > 1 ? 's' : ''} ${listNames(missing)} declared in the metadata but missing from the CSV header (${columns.join(', ')})`,
      { file, line: 1, hint: 'add the column to the CSV, or remove it from the dataset metadata' },
    );
  }
  const undeclared = columns.filter((column) => !(column in meta.columns));
  if (undeclared.length > 0) {
    throw new AssayError(
      `column${undeclared.length > 1 ? 's' : ''} ${listNames(undeclared)} in the CSV but not declared in the metadata`,
      { file, line: 1, hint: `declare each column with its type, e.g. "${undeclared[0]}: { type: number }"` },
    );
  }
}

interface CellPlace {
  file: string;
  line: number;
  row: number;
  column: string;
}
type CellParser = (cell: string, place: CellPlace) => Cell;

function cellParser(column: string, spec: ColumnSpec): CellParser {
  const optional = (parse: (value: string, place: CellPlace) => Cell): CellParser => {
    return (cell, place) => {
      const value = cell.trim();
      if (value === '') {
        if (spec.optional) return null;
        throw badCell(place, cell, `is empty`, `fill it in, or declare the column "optional: true" to allow gaps`);
      }
      return parse(value, place);
    };
  };
  switch (spec.type) {
    case 'number':
      return optional((value, place) => {
        // Plain decimal numbers only: "1,238" or "5 383" are rejected rather than misread.
        if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(value)) return Number(value);
        const hint = /^[-+]?\d{1,3}([, ]\d{3})+(\.\d+)?$/.test(value)
          ? `'${value}' looks like a number with a thousands separator; write it as ${value.replace(/[, ]/g, '')}`
          : `write plain numbers such as 1238 or -0.5, with no units or separators`;
        throw badCell(place, value, `is not a number (column '${column}' is declared type: number)`, hint);
      });
    case 'date': {
      const pattern = spec.format ?? DEFAULT_DATE_FORMAT;
      const parseDate = utcParse(pattern);
      return optional((value, place) => {
        const date = parseDate(value);
        if (date === null || Number.isNaN(date.getTime())) {
          throw badCell(
            place,
            value,
            `is not a date in the format '${pattern}' declared for column '${column}'`,
            `write dates like ${exampleDate(pattern)}, or change the column's format`,
          );
        }
        return date;
      });
    }
    case 'string':
      return optional((value, place) => {
        if (spec.values && !spec.values.includes(value)) {
          throw badCell(
            place,
            value,
            `is not one of the values allowed in column '${column}' (${spec.values.join(', ')})`,
          );
        }
        return value;
      });
  }
}

function badCell(place: CellPlace, value: string, problem: string, hint?: string): AssayError {
  return new AssayError(`row ${place.row}, column '${place.column}': value '${value}' ${problem}`, {
    file: place.file,
    line: place.line,
    hint,
  });
}

function exampleDate(pattern: string): string {
  const sample = new Date(Date.UTC(2025, 5, 30));
  return (
    pattern.replace('%Y', '2025').replace('%m', '06').replace('%d', '30').replace('%b', 'Jun') || sample.toISOString()
  );
}

/** The 1-based line where each parsed row starts (quoted fields may span lines). */
function lineNumbers(text: string): number[] {
  const starts: number[] = [1];
  let line = 1;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '"') quoted = !quoted;
    else if (char === '\n' && !quoted) {
      line++;
      if (i + 1 < text.length) starts.push(line);
    }
  }
  return starts;
}
