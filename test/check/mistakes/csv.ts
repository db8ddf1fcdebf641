/**
 * Author mistakes in datasets (src/data/): CSV files as spreadsheets export them, cells that
 * do not fit their declared column, and the .yml metadata. Each case changes one dataset of
 * the base fixture site (test/fixtures/sites/check-base/data/).
 */

import { baseFile } from '../base.ts';
import type { Mistake } from '../mistake.ts';

const WORLD = 'data/china-magnet-exports-world';
const BY_DESTINATION = 'data/china-magnet-exports-by-destination';
const worldYml = baseFile(`${WORLD}.yml`);
const worldCsv = baseFile(`${WORLD}.csv`);

/** The 1-based line of the first line of `text` that contains `part`. */
function lineOf(text: string, part: string): number {
  return text.split('\n').findIndex((line) => line.includes(part)) + 1;
}

/** The world dataset as a European spreadsheet writes it: semicolons, decimal commas. */
const semicolonCsv = worldCsv.replaceAll(',', ';').replace('2634', '2634,5');

const typoYml = worldYml.replace('columns:', 'colums:');

/** The by-destination dataset saved by Excel as "CSV" on Windows: Windows-1252 bytes. */
const windows1252Csv = Uint8Array.from(
  Buffer.from(`${baseFile(`${BY_DESTINATION}.csv`)}2025-07,T\u00fcrkiye,12,stated\n`, 'latin1'),
);

export const mistakes: Mistake[] = [
  {
    title: 'A semicolon-separated CSV with decimal commas',
    files: { [`${WORLD}.csv`]: semicolonCsv },
    expect: {
      file: `${WORLD}.csv`,
      line: 1,
      column: 1,
      problem: `the file looks semicolon-separated with decimal commas (its header is 'month;tonnes;basis'), but ${WORLD}.yml declares no delimiter, so it is read as comma-separated`,
      hint: `add this line to ${WORLD}.yml: dialect: { delimiter: ";", decimal: "," }`,
    },
    fix: 'Declare how the spreadsheet wrote the file with the `dialect:` line the hint gives (or export it as comma-separated CSV).',
  },
  {
    title: 'Decimal commas with the delimiter declared',
    files: {
      [`${WORLD}.csv`]: semicolonCsv,
      [`${WORLD}.yml`]: `${worldYml}dialect: { delimiter: ";" }\n`,
    },
    expect: {
      file: `${WORLD}.csv`,
      line: 4,
      column: 9,
      problem: `row 3, column 'tonnes': value '2634,5' has a decimal comma, which ${WORLD}.yml does not declare`,
      hint: `change the dialect line in ${WORLD}.yml to: dialect: { delimiter: ";", decimal: "," }`,
    },
    fix: 'Add `decimal: ","` to the dataset\'s `dialect:` line; numbers are never guessed from their look.',
  },
  {
    title: 'A thousands separator in a number cell',
    files: { [`${WORLD}.csv`]: worldCsv.replace('5383', '"5,383"') },
    expect: {
      file: `${WORLD}.csv`,
      line: 3,
      column: 9,
      problem: `row 2, column 'tonnes': value '5,383' uses ',' as a thousands separator, which ${WORLD}.yml does not declare`,
      hint: `add this line to ${WORLD}.yml: dialect: { thousands: "," }`,
    },
    fix: 'Declare the separator with `dialect: { thousands: "," }`, or write the number without it (5383).',
  },
  {
    title: 'Ragged rows in a CSV (every one is listed)',
    files: {
      [`${WORLD}.csv`]: worldCsv
        .replace('2025-04,2634,derived', '2025-04,2634')
        .replace('2025-06,3188,stated', '2025-06,3,188,stated'),
    },
    expect: {
      file: `${WORLD}.csv`,
      line: 4,
      column: 1,
      problem: 'row 3 has 2 values but the header has 3 columns (month, tonnes, basis)',
      hint: 'every row needs one value per column; quote values that contain a comma',
    },
    fix: 'Give every row one value per column; the check lists every ragged row of the file at once (here rows 3 and 5).',
  },
  {
    title: 'An empty cell in a required column',
    files: { [`${WORLD}.csv`]: worldCsv.replace('2025-05,1238,stated', '2025-05,,stated') },
    expect: {
      file: `${WORLD}.csv`,
      line: 5,
      column: 9,
      problem: "row 4, column 'tonnes' is empty",
      hint: 'fill it in, or declare the column "optional: true" to allow gaps',
    },
    fix: 'Fill the cell in, or declare the column `optional: true`: the chart then leaves a gap and its description names the missing value.',
  },
  {
    title: 'A value outside the declared values',
    files: { [`${WORLD}.csv`]: worldCsv.replace('2025-06,3188,stated', '2025-06,3188,stat') },
    expect: {
      file: `${WORLD}.csv`,
      line: 6,
      column: 14,
      problem:
        "row 5, column 'basis': value 'stat' is not one of the values allowed in column 'basis' (stated, derived); did you mean 'stated'?",
      hint: "use one of the declared values, or add 'stat' to the column's values in the metadata",
    },
    fix: "Write one of the column's `values`, or add the new value to them in the `.yml`.",
  },
  {
    title: 'A CSV saved as Windows-1252 (Excel "CSV")',
    files: { [`${BY_DESTINATION}.csv`]: windows1252Csv },
    expect: {
      file: `${BY_DESTINATION}.csv`,
      line: 6,
      column: 10,
      problem: `the file is not UTF-8: byte 0xFC ('\u00fc' in Windows-1252) is not valid UTF-8; it looks like a Windows-1252 (Excel "CSV") export`,
      hint: `export it again as "CSV UTF-8", or add this line to ${BY_DESTINATION}.yml: dialect: { encoding: windows-1252 }`,
    },
    fix: 'Save as "CSV UTF-8" in Excel, or declare `dialect: { encoding: windows-1252 }`; UTF-16 files are read by their byte-order mark.',
  },
  {
    title: "A misspelt key in a dataset's .yml",
    files: { [`${WORLD}.yml`]: typoYml },
    expect: {
      file: `${WORLD}.yml`,
      line: lineOf(typoYml, 'colums:'),
      column: 1,
      problem: "unknown field 'colums'; did you mean 'columns'?",
      hint: 'fields allowed here: title, description, source, unit, licence, asOf, key, entity, revisions, notes, dialect, columns',
    },
    fix: 'Spell the field as the message suggests; docs/datasets.md lists every field.',
  },
  {
    title: 'A CSV column the metadata does not declare',
    files: {
      [`${WORLD}.csv`]: worldCsv
        .split('\n')
        .map((line, index) => (line === '' ? line : `${line},${index === 0 ? 'note' : ''}`))
        .join('\n'),
    },
    expect: {
      file: `${WORLD}.csv`,
      line: 1,
      column: 20,
      problem: "column 'note' in the CSV but not declared in the metadata",
      hint: `declare it under columns: in ${WORLD}.yml with its type, e.g. note: { type: number }`,
    },
    fix: 'Declare every CSV column under `columns:` with its type (date, number or string), or remove the column.',
  },
  {
    title: 'A date that does not exist in a CSV',
    files: {
      [`${WORLD}.yml`]: worldYml.replace('format: "%Y-%m"', 'format: "%Y-%m-%d"'),
      [`${WORLD}.csv`]: worldCsv.replace(/^(\d{4}-\d{2}),/gm, '$1-30,').replace('2025-06-30', '2025-06-31'),
    },
    expect: {
      file: `${WORLD}.csv`,
      line: 6,
      column: 1,
      problem: "row 5, column 'month': value '2025-06-31' is not a real date (June 2025 has 30 days)",
      hint: "check the day and month; column 'month' is read in the format '%Y-%m-%d'",
    },
    fix: 'Write a day that exists; dates are never rolled over to the next month.',
  },
];
