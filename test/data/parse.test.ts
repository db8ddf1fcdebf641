import { describe, expect, it } from 'vitest';
import { datasetOfFile, loadDataset } from '../../src/data/load.ts';
import { parseDataset, parseDatasetMeta } from '../../src/data/parse.ts';
import type { DatasetMeta } from '../../src/data/schema.ts';
import type { FileSource } from '../../src/data/source.ts';
import { AssayError, problemsOf } from '../../src/lib/errors.ts';

const META_YAML = `title: Exports
description: Monthly exports.
source: { name: Customs, url: https://example.org/customs }
unit: tonnes
licence: Public facts
columns:
  month: { type: date, format: "%Y-%m" }
  tonnes: { type: number, unit: t, format: ",.0f" }
  basis: { type: string, values: [stated, derived] }
`;
const meta: DatasetMeta = parseDatasetMeta(META_YAML, 'data/exports.yml');

function parse(csv: string) {
  return parseDataset('exports', csv, meta, 'data/exports.csv');
}

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error, but nothing was thrown');
}

/** The AssayError thrown by `run`, for assertions on its parts. */
function errorOf(run: () => unknown): AssayError {
  try {
    run();
  } catch (error) {
    if (error instanceof AssayError) return error;
    throw error;
  }
  throw new Error('expected an AssayError, but nothing was thrown');
}

function memorySource(files: Record<string, string>): FileSource {
  return {
    id: 'memory',
    read: (file) => files[file],
    list: (dir) =>
      Object.keys(files)
        .filter((file) => file.startsWith(`${dir}/`))
        .map((file) => file.slice(dir.length + 1))
        .sort(),
  };
}

describe('parseDataset', () => {
  it('reads declared types: dates as UTC, numbers as numbers, strings as text', () => {
    const dataset = parse('month,tonnes,basis\n2025-05,1238,stated\n2025-04,2634.5,derived\n');
    expect(dataset.columns).toEqual(['month', 'tonnes', 'basis']);
    expect(dataset.rows).toEqual([
      { month: new Date(Date.UTC(2025, 4, 1)), tonnes: 1238, basis: 'stated' },
      { month: new Date(Date.UTC(2025, 3, 1)), tonnes: 2634.5, basis: 'derived' },
    ]);
  });

  it('reads a UTF-8 BOM and CRLF line endings correctly', () => {
    const dataset = parse('\uFEFFmonth,tonnes,basis\r\n2025-05,1238,stated\r\n');
    expect(dataset.columns[0]).toBe('month');
    expect(dataset.rows[0]?.tonnes).toBe(1238);
    expect(dataset.rows[0]?.basis).toBe('stated');
  });

  it('accepts columns in any order and skips blank lines', () => {
    const dataset = parse('basis,tonnes,month\nstated,46,2025-05\n\n');
    expect(dataset.rows).toHaveLength(1);
    expect(dataset.rows[0]?.tonnes).toBe(46);
  });

  it('rejects a ragged row, naming file, line and the header', () => {
    const error = errorOf(() => parse('month,tonnes,basis\n2025-05,1238,stated\n2025-06,3188\n'));
    expect(error.file).toBe('data/exports.csv');
    expect(error.line).toBe(3);
    expect(error.message).toContain('row 2 has 2 values but the header has 3 columns');
  });

  it('rejects a number with an undeclared thousands separator and gives the line to declare it', () => {
    const error = errorOf(() => parse('month,tonnes,basis\n2025-05,"1,238",stated\n'));
    expect([error.line, error.column]).toEqual([2, 9]);
    expect(error.problem).toBe(
      "row 1, column 'tonnes': value '1,238' uses ',' as a thousands separator, which data/exports.yml does not declare",
    );
    expect(error.hint).toBe('add this line to data/exports.yml: dialect: { thousands: "," }');
  });

  it('rejects text in a number column', () => {
    const error = errorOf(() => parse('month,tonnes,basis\n2025-05,about 50,stated\n'));
    expect(error.message).toContain("value 'about 50' is not a number");
  });

  it('rejects a date that does not match the declared format', () => {
    const error = errorOf(() => parse('month,tonnes,basis\n2025-05,1,stated\nMay 2025,2,stated\n'));
    expect(error.line).toBe(3);
    expect(error.message).toContain("value 'May 2025' is not a date in the format '%Y-%m'");
    expect(error.hint).toContain('2025-06');
  });

  it('rejects an empty cell unless the column is optional', () => {
    expect(errorOf(() => parse('month,tonnes,basis\n2025-05,,stated\n')).message).toContain('is empty');
    const optionalMeta = parseDatasetMeta(META_YAML.replace('unit: t,', 'unit: t, optional: true,'), 'x.yml');
    const dataset = parseDataset('exports', 'month,tonnes,basis\n2025-05,,stated\n', optionalMeta, 'x.csv');
    expect(dataset.rows[0]?.tonnes).toBeNull();
  });

  it('rejects a value outside a declared list', () => {
    const error = errorOf(() => parse('month,tonnes,basis\n2025-05,1,estimated\n'));
    expect(error.message).toContain("'estimated' is not one of the values allowed in column 'basis' (stated, derived)");
  });

  it('rejects a declared column missing from the CSV', () => {
    const error = errorOf(() => parse('month,tonnes\n2025-05,1\n'));
    expect(error.line).toBe(1);
    expect(error.message).toContain("column 'basis' declared in the metadata but missing from the CSV header");
  });

  it('rejects an undeclared column', () => {
    const error = errorOf(() => parse('month,tonnes,basis,note\n2025-05,1,stated,x\n'));
    expect(error.message).toContain("column 'note' in the CSV but not declared");
  });

  it('rejects an empty file', () => {
    expect(errorOf(() => parse('')).message).toContain('the CSV file is empty');
  });

  it('keeps markup in values as plain text (escaping is the renderer’s job)', () => {
    const textMeta = parseDatasetMeta(
      'title: t\ndescription: d\nsource: { name: s }\nunit: u\nlicence: l\ncolumns:\n  label: { type: string }\n',
      'x.yml',
    );
    const dataset = parseDataset('x', 'label\n"<script>alert(1)</script>"\n', textMeta, 'x.csv');
    expect(dataset.rows[0]?.label).toBe('<script>alert(1)</script>');
  });
});

describe('parseDatasetMeta', () => {
  it('names each invalid field in a plain sentence, at its line', () => {
    const errors = problemsOf(
      catchError(() => parseDatasetMeta('title: x\ncolumns:\n  a: { type: integer }\n', 'data/x.yml')),
    );
    expect(errors.map((error) => `${error.file}:${error.line}:${error.column} ${error.problem}`)).toEqual([
      "data/x.yml:1:1 missing required field 'description'",
      "data/x.yml:1:1 missing required field 'source'",
      "data/x.yml:1:1 missing required field 'unit'",
      "data/x.yml:1:1 missing required field 'licence'",
      "data/x.yml:3:14 field 'columns.a.type' is 'integer', which is not one of 'date', 'number' or 'string'",
    ]);
  });

  it('says "unknown field" with did-you-mean for a typo\'d key, at its line, and nothing else', () => {
    const typo = META_YAML.replace('columns:', 'colums:').replace('unit: t,', 'unti: t,');
    const errors = problemsOf(catchError(() => parseDatasetMeta(typo, 'data/exports.yml')));
    expect(errors.map((error) => [error.line, error.problem, error.hint])).toEqual([
      [
        6,
        "unknown field 'colums'; did you mean 'columns'?",
        'fields allowed here: title, description, source, unit, licence, asOf, key, entity, revisions, notes, dialect, columns',
      ],
    ]);
    const nested = errorOf(() => parseDatasetMeta(META_YAML.replace('unit: t,', 'unti: t,'), 'data/exports.yml'));
    expect([nested.line, nested.column, nested.problem]).toEqual([
      8,
      27,
      "unknown field 'columns.tonnes.unti'; did you mean 'unit'?",
    ]);
  });

  it('places a missing nested field at its parent, and a wrong type at its value', () => {
    const text = META_YAML.replace(
      'source: { name: Customs, url: https://example.org/customs }',
      'source:\n  url: https://example.org/customs',
    ).replace('title: Exports', 'title: [Exports]');
    const errors = problemsOf(catchError(() => parseDatasetMeta(text, 'data/exports.yml')));
    expect(errors.map((error) => [error.line, error.column, error.problem, error.hint])).toEqual([
      [1, 8, "field 'title' must be text, not a list", 'see docs/datasets.md for the form of each field'],
      [3, 1, "missing required field 'source.name'", 'add name: to the file'],
    ]);
  });

  it('rejects a dialect outside the ones it can read, naming them', () => {
    const error = errorOf(() => parseDatasetMeta(`${META_YAML}dialect: { delimiter: "|" }\n`, 'data/exports.yml'));
    expect(error.problem).toBe("field 'dialect.delimiter' is '|', which is not one of ',', ';', '\\t' or 'tab'");
  });

  it('reports YAML syntax errors with a line', () => {
    const error = errorOf(() => parseDatasetMeta('title: x\n  bad: [\n', 'data/x.yml'));
    expect(error.message).toContain('not valid YAML');
    expect(error.line).toBeGreaterThan(0);
  });
});

describe('loadDataset', () => {
  const source = memorySource({
    'data/exports.csv': 'month,tonnes,basis\n2025-05,1238,stated\n',
    'data/exports.yml': META_YAML,
    'data/imports.csv': 'a\n1\n',
  });

  it('loads a dataset by name with its metadata', () => {
    const dataset = loadDataset('exports', source);
    expect(dataset.file).toBe('data/exports.csv');
    expect(dataset.meta.source.name).toBe('Customs');
    expect(dataset.hash).toMatch(/^[0-9a-f]{16}$/);
  });

  it('suggests the closest name for an unknown dataset', () => {
    const error = errorOf(() => loadDataset('export', source));
    expect(error.message).toContain("no dataset named 'export'");
    expect(error.message).toContain("did you mean 'exports'?");
    expect(error.hint).toContain('exports, imports');
  });

  it('asks for metadata when a CSV has none', () => {
    const error = errorOf(() => loadDataset('imports', source));
    expect(error.message).toContain('has no metadata file data/imports.yml');
  });
});

describe('a header one typo away from the metadata', () => {
  it('is one problem with did-you-mean, at the header cell', () => {
    const error = errorOf(() => parse('month,tonne,basis\n2025-05,1,stated\n'));
    expect([error.line, error.column, error.problem]).toEqual([
      1,
      7,
      "column 'tonne' in the CSV is not declared in the metadata; did you mean 'tonnes'?",
    ]);
    expect(error.hint).toBe("rename the CSV column or the metadata's 'tonnes' so both say the same");
  });
});

describe('the dataset a file in data/ belongs to', () => {
  it('is the name of its data file or its metadata, and nothing for other files', () => {
    expect(datasetOfFile('exports.csv')).toBe('exports');
    expect(datasetOfFile('exports.tsv')).toBe('exports');
    expect(datasetOfFile('exports.yml')).toBe('exports');
    expect(datasetOfFile('trade/exports.csv')).toBe('trade/exports');
    expect(datasetOfFile('README.md')).toBeUndefined();
  });
});
