import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { csvParseRows, dsvFormat } from 'd3-dsv';
import { describe, expect, it, vi } from 'vitest';
import { scanDsv } from '../../src/data/dialect.ts';
import { loadDataset } from '../../src/data/load.ts';
import { parseDataset, parseDatasetMeta } from '../../src/data/parse.ts';
import type { FileSource } from '../../src/data/source.ts';
import { type AssayError, problemsOf } from '../../src/lib/errors.ts';

const DIR = path.join(import.meta.dirname, '../fixtures/data/dialects');

/** The fixtures as `data/<name>.<ext>`, read as bytes the way the working tree reads them. */
function fixtures(overrides: Record<string, string | Uint8Array> = {}): FileSource {
  const read = (file: string) => {
    if (file in overrides) return overrides[file];
    const absolute = path.join(DIR, path.basename(file));
    return file.startsWith('data/') && existsSync(absolute) ? readFileSync(absolute) : undefined;
  };
  return {
    id: `fixtures-${Object.keys(overrides).join()}`,
    read: (file) => {
      const bytes = read(file);
      return typeof bytes === 'string' || bytes === undefined ? bytes : Buffer.from(bytes).toString('utf8');
    },
    readBytes: (file) => {
      const bytes = read(file);
      return typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
    },
    list: (dir) => (dir === 'data' ? readdirSync(DIR) : []),
  };
}

/** The fixture's metadata with its `dialect:` line removed: the same file, undeclared. */
function undeclared(name: string, replace: [string | RegExp, string] = [/^dialect:.*\n/m, '']): FileSource {
  const yml = readFileSync(path.join(DIR, `${name}.yml`), 'utf8').replace(...replace);
  return fixtures({ [`data/${name}.yml`]: yml });
}

/** Every problem the load reports (one or several), for assertions on each. */
function problems(run: () => unknown): readonly AssayError[] {
  try {
    run();
  } catch (error) {
    const found = problemsOf(error);
    if (found.length > 0) return found;
    throw error;
  }
  throw new Error('expected the dataset to be refused, but it loaded');
}

const month = (m: number, year = 2025) => new Date(Date.UTC(year, m - 1, 1));

describe('CSV dialects, declared in the metadata', () => {
  it('reads semicolons with decimal commas, and a quoted semicolon', () => {
    const dataset = loadDataset('semicolon-decimal-comma', fixtures());
    expect(dataset.rows).toEqual([
      { month: month(4), tonnes: 2634.5, share: 48.9, note: 'derived; from May' },
      { month: month(5), tonnes: 1238, share: 23, note: 'stated' },
    ]);
  });

  it('reads a .tsv file as tab-separated without a declaration', () => {
    const dataset = loadDataset('tab', fixtures());
    expect(dataset.file).toBe('data/tab.tsv');
    expect(dataset.rows.map((row) => [row.tonnes, row.destination])).toEqual([
      [2634, 'United States'],
      [1238, 'Germany, total'],
    ]);
  });

  it('reads no-break, narrow no-break and plain spaces as thousands separators', () => {
    const dataset = loadDataset('thousands-spaces', fixtures());
    expect(dataset.rows.map((row) => row.tonnes)).toEqual([5278, 5383.5, 2634, 1238]);
  });

  it('reads 12% as 0.12 in a percent column, exactly', () => {
    const dataset = loadDataset('percent', fixtures());
    expect(dataset.rows.map((row) => row.share)).toEqual([0.489, 0.23, 0.143]);
  });

  it('reads accountants’ negatives in parentheses, with thousands separators', () => {
    const dataset = loadDataset('parentheses', fixtures());
    expect(dataset.rows.map((row) => row.change)).toEqual([-2749, -1396, -12, 1232]);
  });

  it('reads spreadsheet date serials as days, and writes them back as ISO days', () => {
    const dataset = loadDataset('excel-serial', fixtures());
    expect(dataset.rows.map((row) => row.day)).toEqual([month(4), month(5), month(6)]);
    expect(dataset.meta.columns.day?.format).toBe('%Y-%m-%d');
  });

  it('reads a declared Windows-1252 export, accents and euro sign included', () => {
    const dataset = loadDataset('windows-1252', fixtures());
    expect(dataset.rows.map((row) => [row.destination, row.note])).toEqual([
      ['Belgique', '€ prices'],
      ['São Paulo', 'réexport'],
    ]);
  });

  it('reads UTF-16 LE by its byte-order mark', () => {
    const dataset = loadDataset('utf16le', fixtures());
    expect(dataset.columns).toEqual(['destination', 'tonnes']);
    expect(dataset.rows).toEqual([
      { destination: 'São Paulo', tonnes: 46 },
      { destination: 'München', tonnes: 1238 },
    ]);
  });

  it('keeps reading a BOM, CRLF, quoted commas, quotes and line breaks, and trailing blank rows', () => {
    const dataset = loadDataset('bom-crlf', fixtures());
    expect(dataset.columns[0]).toBe('month');
    expect(dataset.rows.map((row) => row.note)).toEqual(['derived, from "May"', 'stated\r\nby GACC', 'stated']);
  });

  it('hashes the file as stored, so a re-encoded file is new content', () => {
    const a = loadDataset('windows-1252', fixtures());
    const utf8 = readFileSync(path.join(DIR, 'windows-1252.csv'), 'latin1').replace('\x80', '€');
    const yml = readFileSync(path.join(DIR, 'windows-1252.yml'), 'utf8').replace(/^dialect:.*\n/m, '');
    const b = loadDataset('windows-1252', fixtures({ 'data/windows-1252.csv': utf8, 'data/windows-1252.yml': yml }));
    expect(b.rows).toEqual(a.rows);
    expect(b.hash).not.toBe(a.hash);
  });
});

describe('CSV dialects, undeclared: refused with the line to add', () => {
  it('a semicolon file with decimal commas says so, instead of "columns missing from the header"', () => {
    const [error, ...rest] = problems(() =>
      loadDataset('semicolon-decimal-comma', undeclared('semicolon-decimal-comma')),
    );
    expect(rest).toEqual([]);
    expect(error?.problem).toBe(
      "the file looks semicolon-separated with decimal commas (its header is 'month;tonnes;share;note'), but data/semicolon-decimal-comma.yml declares no delimiter, so it is read as comma-separated",
    );
    expect([error?.file, error?.line, error?.column]).toEqual(['data/semicolon-decimal-comma.csv', 1, 1]);
    expect(error?.hint).toBe(
      'add this line to data/semicolon-decimal-comma.yml: dialect: { delimiter: ";", decimal: "," }',
    );
  });

  it('decimal commas with the delimiter declared: one problem for all such cells, with the merged line', () => {
    const source = undeclared('semicolon-decimal-comma', [
      'dialect: { delimiter: ";", decimal: "," }',
      'dialect: { delimiter: ";" }',
    ]);
    const [error, ...rest] = problems(() => loadDataset('semicolon-decimal-comma', source));
    expect(rest).toEqual([]);
    expect(error?.problem).toBe(
      "row 1, column 'tonnes': value '2634,5' has a decimal comma, which data/semicolon-decimal-comma.yml does not declare (and 2 more cells like it)",
    );
    expect([error?.line, error?.column]).toEqual([2, 9]);
    expect(error?.hint).toBe(
      'change the dialect line in data/semicolon-decimal-comma.yml to: dialect: { delimiter: ";", decimal: "," }',
    );
  });

  it('thousands separators: names the kind of space and gives the whole line', () => {
    const source = undeclared('thousands-spaces', [/thousands: space /, '']);
    const [error] = problems(() => loadDataset('thousands-spaces', source));
    expect(error?.problem).toMatch(
      /^row 1, column 'tonnes': value '5\u00a0278' uses a no-break space as a thousands separator/,
    );
    expect(error?.hint).toBe(
      'change the dialect line in data/thousands-spaces.yml to: dialect: { delimiter: ";", decimal: ",", thousands: space }',
    );
  });

  it('a comma thousands separator in a plain file', () => {
    const source = undeclared('parentheses');
    const errors = problems(() => loadDataset('parentheses', source));
    expect(errors.map((error) => error.problem)).toEqual([
      "row 1, column 'change': value '(2,749)' uses ',' as a thousands separator, which data/parentheses.yml does not declare (and 1 more cell like it)",
    ]);
    expect(errors[0]?.hint).toBe('add this line to data/parentheses.yml: dialect: { thousands: "," }');
  });

  it('percent cells and parentheses: one problem per column, with the column key to add', () => {
    const percent = problems(() => loadDataset('percent', undeclared('percent', ['percent: true, ', ''])));
    expect(percent.map((error) => error.problem)).toEqual([
      "row 1, column 'share': value '48.9%' has a percent sign (and 2 more cells like it)",
    ]);
    expect(percent[0]?.hint).toMatch(/^declare the column with 'percent: true' to read 12% as 0\.12/);
    const parens = problems(() =>
      loadDataset('parentheses', undeclared('parentheses', [', negatives: parentheses', ''])),
    );
    expect(parens.map((error) => [error.line, error.problem])).toEqual([
      [
        2,
        "row 1, column 'change': value '(2,749)' is in parentheses, the accountants' way of writing a negative number (and 1 more cell like it)",
      ],
    ]);
  });

  it('date serials in a date column with a pattern', () => {
    const source = undeclared('excel-serial', ['format: excel-serial', 'format: "%Y-%m-%d"']);
    const errors = problems(() => loadDataset('excel-serial', source));
    expect(errors).toHaveLength(3);
    expect(errors[0]?.problem).toBe(
      "row 1, column 'day': value '45748' looks like a spreadsheet date serial, not a date in the format '%Y-%m-%d' declared for column 'day'",
    );
    expect(errors[0]?.hint).toMatch(/declare the column "format: excel-serial"/);
  });

  it('a Windows-1252 file: refused at the first byte that is not UTF-8, with both fixes', () => {
    const [error, ...rest] = problems(() => loadDataset('windows-1252', undeclared('windows-1252')));
    expect(rest).toEqual([]);
    expect(error?.problem).toBe(
      'the file is not UTF-8: byte 0x80 (\'€\' in Windows-1252) is not valid UTF-8; it looks like a Windows-1252 (Excel "CSV") export',
    );
    expect([error?.file, error?.line, error?.column]).toEqual(['data/windows-1252.csv', 2, 14]);
    expect(error?.hint).toBe(
      'export it again as "CSV UTF-8", or add this line to data/windows-1252.yml: dialect: { encoding: windows-1252 }',
    );
  });

  it('a UTF-8 file declared windows-1252 is refused rather than misread', () => {
    const yml = readFileSync(path.join(DIR, 'windows-1252.yml'), 'utf8');
    const [error] = problems(() =>
      loadDataset('x', fixtures({ 'data/x.csv': 'destination,tonnes,note\nSão Paulo,46,\n', 'data/x.yml': yml })),
    );
    expect(error?.problem).toBe(
      'the file is UTF-8, but data/x.yml declares windows-1252, which would misread its accents',
    );
  });

  it('UTF-16 saved without a byte-order mark', () => {
    const bytes = new Uint8Array(readFileSync(path.join(DIR, 'utf16le.tsv')).subarray(2));
    const [error] = problems(() => loadDataset('utf16le', fixtures({ 'data/utf16le.tsv': bytes })));
    expect(error?.problem).toMatch(/looks like UTF-16 saved without a byte-order mark/);
  });

  it('a .tsv file that is really comma-separated', () => {
    const [error] = problems(() =>
      loadDataset('tab', fixtures({ 'data/tab.tsv': 'month,tonnes,destination\n2025-04,2634,Germany\n' })),
    );
    expect(error?.problem).toBe(
      "the file looks comma-separated (its header is 'month,tonnes,destination'), but data/tab.yml declares no delimiter, so it is read as tab-separated (a .tsv file)",
    );
    expect(error?.hint).toBe('add this line to data/tab.yml: dialect: { delimiter: "," }');
  });

  it('a dataset with both a .csv and a .tsv file', () => {
    const [error] = problems(() => loadDataset('tab', fixtures({ 'data/tab.csv': 'month\n' })));
    expect(error?.problem).toBe("dataset 'tab' has two data files, data/tab.csv and data/tab.tsv");
  });
});

describe('scanDsv', () => {
  it('splits exactly as d3-dsv does, for any delimiter, on random text', () => {
    // A seeded generator: the same 3,000 strings on every run.
    let seed = 17;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const alphabet = ['a', 'b', ',', ';', '\t', '"', '\n', '\r', ' ', '""'];
    for (let run = 0; run < 3000; run++) {
      const text = Array.from(
        { length: Math.floor(random() * 16) },
        () => alphabet[Math.floor(random() * alphabet.length)],
      ).join('');
      for (const delimiter of [',', ';', '\t']) {
        const expected = delimiter === ',' ? csvParseRows(text) : dsvFormat(delimiter).parseRows(text);
        expect(
          scanDsv(text, delimiter).map((row) => row.cells),
          JSON.stringify(text),
        ).toEqual(expected);
      }
    }
  });

  it('gives the offset of every cell, quoted or not', () => {
    const text = 'a,"b\nc",d\r\ne,f';
    expect(scanDsv(text, ',').map((row) => row.offsets)).toEqual([
      [0, 2, 8],
      [11, 13],
    ]);
  });
});

describe('every problem of a file at once', () => {
  const yml = `title: t\ndescription: d\nsource: { name: s }\nunit: u\nlicence: l\ncolumns:\n  month: { type: date, format: "%Y-%m-%d" }\n  tonnes: { type: number }\n  basis: { type: string, values: [stated, derived] }\n`;
  const meta = parseDatasetMeta(yml, 'data/x.yml');
  const parse = (csv: string) => problems(() => parseDataset('x', csv, meta, 'data/x.csv'));

  it('lists every ragged row and every bad cell, in file order, each at line and column', () => {
    const errors = parse(
      'month,tonnes,basis\n2025-06-30,1,stated\n2025-06-31,2,stated\n2025-07-01,3\n2025-07-02,x,stated\n2025-07-03,4,stated,extra\n2025-07-04,5,stat\n',
    );
    expect(errors.map((error) => `${error.line}:${error.column} ${error.problem}`)).toEqual([
      "3:1 row 2, column 'month': value '2025-06-31' is not a real date (June 2025 has 30 days)",
      '4:1 row 3 has 2 values but the header has 3 columns (month, tonnes, basis)',
      "5:12 row 4, column 'tonnes': value 'x' is not a number (column 'tonnes' is declared type: number)",
      '6:1 row 5 has 4 values but the header has 3 columns (month, tonnes, basis)',
      "7:14 row 6, column 'basis': value 'stat' is not one of the values allowed in column 'basis' (stated, derived); did you mean 'stated'?",
    ]);
  });

  it('places problems in files with old Mac line endings (CR alone) too', () => {
    const errors = parse('month,tonnes,basis\r2025-07-01,1,stated\r2025-07-02,x,stated\r');
    expect(errors.map((error) => [error.line, error.column])).toEqual([[3, 12]]);
  });

  it('stops listing at the cap and says how many more there are', () => {
    const rows = Array.from({ length: 45 }, (_, i) => `2025-07-01,${i},maybe`).join('\n');
    const errors = parse(`month,tonnes,basis\n${rows}\n`);
    expect(errors).toHaveLength(21);
    expect(errors.at(-1)?.problem).toBe('and 25 more problems in this file');
  });
});

describe("a '.' in a semicolon or tab file is not taken for a decimal point unless declared", () => {
  const yml = (dialect: string) =>
    `title: t\ndescription: d\nsource: { name: s }\nunit: u\nlicence: l\n${dialect}columns:\n  month: { type: date, format: "%Y-%m" }\n  tonnes: { type: number }\n`;
  const load = (csv: string, dialect: string) =>
    loadDataset('x', fixtures({ 'data/x.csv': csv, 'data/x.yml': yml(dialect) }));

  it('5.278 could be 5278 (German Excel) or 5.278: refused, with the line for either meaning', () => {
    const csv = 'month;tonnes\n2024-07;5.278\n2025-05;1.238\n';
    const [error, ...rest] = problems(() => load(csv, 'dialect: { delimiter: ";" }\n'));
    expect(rest).toEqual([]);
    expect(error?.problem).toBe(
      "row 1, column 'tonnes': value '5.278' could be 5278 (with '.' separating thousands) or 5.278: data/x.yml does not declare the decimal mark (and 1 more cell like it)",
    );
    expect(error?.hint).toBe(
      'change the dialect line in data/x.yml to: dialect: { delimiter: ";", decimal: ",", thousands: "." } if \'.\' separates thousands, or dialect: { delimiter: ";", decimal: "." } if it is the decimal point',
    );
    const [undeclared] = problems(() => load(csv, ''));
    expect(undeclared?.problem).toMatch(
      /^the file looks semicolon-separated .*; its numbers do not say whether '\.' separates thousands or decimals$/,
    );
    expect(undeclared?.hint).toMatch(
      /^add this line to data\/x\.yml: dialect: \{ delimiter: ";", decimal: ",", thousands: "\." \} if/,
    );
  });

  it('a decimal comma elsewhere in the file settles it: the . separates thousands', () => {
    const [error] = problems(() => load('month;tonnes\n2024-07;5.278\n2025-05;1238,5\n', ''));
    expect(error?.problem).toMatch(/^the file looks semicolon-separated with decimal commas and thousands separators/);
    expect(error?.hint).toBe('add this line to data/x.yml: dialect: { delimiter: ";", decimal: ",", thousands: "." }');
  });

  it('declared either way, it reads as declared', () => {
    const csv = 'month;tonnes\n2024-07;5.278\n';
    expect(load(csv, 'dialect: { delimiter: ";", decimal: "." }\n').rows[0]?.tonnes).toBe(5.278);
    expect(load(csv, 'dialect: { delimiter: ";", decimal: ",", thousands: "." }\n').rows[0]?.tonnes).toBe(5278);
    // 12.5 cannot be a thousands group: read as the decimal it is.
    expect(load('month;tonnes\n2024-07;12.5\n', 'dialect: { delimiter: ";" }\n').rows[0]?.tonnes).toBe(12.5);
  });
});

describe('the position of the first byte that is not UTF-8', () => {
  it('counts characters, not bytes, before it on its line', () => {
    const bytes = Uint8Array.from([...Buffer.from('destination,tonnes,note\nMünchen,1,', 'utf8'), 0xe9, 0x0a]);
    const yml = readFileSync(path.join(DIR, 'windows-1252.yml'), 'utf8').replace(/^dialect:.*\n/m, '');
    const [error] = problems(() => loadDataset('x', fixtures({ 'data/x.csv': bytes, 'data/x.yml': yml })));
    expect([error?.line, error?.column]).toEqual([2, 11]);
    expect(error?.problem).toMatch(/^the file is not UTF-8: byte 0xE9 \('é' in Windows-1252\)/);
  });
});

describe('data read at an earlier commit keeps building', () => {
  const yml = `title: t\ndescription: d\nsource: { name: s }\nunit: u\nlicence: l\ncolumns:\n  day: { type: date }\n  name: { type: string }\n`;
  const meta = parseDatasetMeta(yml, 'data/x.yml');

  it('reads a rolled-over date and bytes that are not UTF-8 as builds did before, with a warning', () => {
    const bytes = Uint8Array.from([
      ...Buffer.from('day,name\n2025-06-31,M', 'latin1'),
      0xfc,
      ...Buffer.from('nchen\n'),
    ]);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const dataset = parseDataset('x', bytes, meta, 'data/x.csv', yml, { historic: true });
      expect(dataset.rows).toEqual([{ day: new Date(Date.UTC(2025, 6, 1)), name: 'M\uFFFDnchen' }]);
      expect(warn.mock.calls.map((call) => String(call[0]))).toEqual([
        expect.stringMatching(/^warning: data\/x\.csv:2:13 the file is not UTF-8/),
        expect.stringMatching(
          /^warning: data\/x\.csv:2:1 \(an earlier version's data\): value '2025-06-31' is not a real date/,
        ),
      ]);
    } finally {
      warn.mockRestore();
    }
    // The working tree's data is held to the new checks.
    expect(problems(() => parseDataset('x', bytes, meta, 'data/x.csv', yml)).map((error) => error.line)).toEqual([2]);
  });
});

describe('dates in CSV cells, strictly in the declared pattern', () => {
  const yml = (format: string) =>
    `title: t\ndescription: d\nsource: { name: s }\nunit: u\nlicence: l\ncolumns:\n  day: { type: date, format: "${format}" }\n`;
  const read = (format: string, csv: string) =>
    parseDataset('x', `day\n${csv}\n`, parseDatasetMeta(yml(format), 'data/x.yml'), 'data/x.csv');
  const problemOf = (format: string, csv: string) => problems(() => read(format, csv))[0];

  it('names the day that does not exist, in day-first patterns and for 29 February', () => {
    expect(problemOf('%d/%m/%Y', '31/06/2025')?.problem).toBe(
      "row 1, column 'day': value '31/06/2025' is not a real date (June 2025 has 30 days)",
    );
    expect(problemOf('%Y-%m-%d', '2025-02-29')?.problem).toMatch(
      /February 2025 has 28 days; 2025 is not a leap year\)$/,
    );
    expect(problemOf('%Y-%m', '2025-13')?.problem).toBe(
      "row 1, column 'day': value '2025-13' is not a real date (there is no month 13)",
    );
    expect(read('%Y-%m-%d', '2024-02-29').rows[0]?.day).toEqual(new Date(Date.UTC(2024, 1, 29)));
  });

  it('refuses missing zero padding, with the date written as the pattern wants', () => {
    const error = problemOf('%Y-%m-%d', '2025-6-1');
    expect(error?.problem).toBe(
      "row 1, column 'day': value '2025-6-1' is not written in the format '%Y-%m-%d' declared for column 'day'",
    );
    expect(error?.hint).toBe('write it as 2025-06-01');
  });

  it('reads month names in their pattern', () => {
    expect(read('%b %Y', 'Jun 2025').rows[0]?.day).toEqual(new Date(Date.UTC(2025, 5, 1)));
  });
});
