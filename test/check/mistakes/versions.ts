/**
 * Versions and the dates readers see (src/versions/dates.ts, src/versions/published-data.ts,
 * src/data/row-key.ts): dates come from the content and never go back in time; a dataset a
 * published page shows states its own "as of" date; a row key names each row once.
 */

import { BASE_NOTE, baseFile } from '../base.ts';
import type { Mistake } from '../mistake.ts';

const baseNote = baseFile(BASE_NOTE);
const EVENT = 'content/events/rare-earth-summit-toronto-2025.mdx';
const baseEvent = baseFile(EVENT);
const WORLD_YML = 'data/china-magnet-exports-world.yml';
const worldYml = baseFile(WORLD_YML);
const WORLD_CSV = 'data/china-magnet-exports-world.csv';
const worldCsv = baseFile(WORLD_CSV);

/** The 1-based line of the first line of `text` that contains `part`. */
function lineOf(text: string, part: string): number {
  return text.split('\n').findIndex((line) => line.includes(part)) + 1;
}

/** The base note with these `updates` entries (date, summary). */
function withUpdates(...entries: [string, string][]): string {
  const list = entries.map(([date, summary]) => `  - date: ${date}\n    summary: ${summary}`).join('\n');
  return baseNote.replace('authors: [Tester]', `authors: [Tester]\nupdates:\n${list}`);
}

const early = withUpdates(['2025-06-01', 'Corrected the April figure']);
const backwards = withUpdates(['2025-07-20', 'Corrected the April figure'], ['2025-07-04', 'Added June']);
/** The base note, withdrawn with these frontmatter lines. */
function withdrawn(lines: string): string {
  return baseNote.replace('authors: [Tester]', `authors: [Tester]\nwithdrawn:\n${lines}`);
}
const withdrawnNoReason = withdrawn('  date: 2025-09-01');
const withdrawnEarly = withdrawn('  date: 2025-06-01\n  reason: The source retracted its figures.');
const noAsOf = worldYml.replace(/^asOf: .*\n/m, '');
const badKey = worldYml.replace('key: [month]', 'key: [month, tonne]');
const repeated = `${worldCsv.trimEnd()}\n2025-05,1290,stated\n`;

export const mistakes: Mistake[] = [
  {
    title: 'An update dated before the publication date',
    files: { [BASE_NOTE]: early },
    expect: {
      file: BASE_NOTE,
      line: lineOf(early, '2025-06-01'),
      column: 5,
      problem:
        'updates.0.date: 2025-06-01 is before the publication date (published: 2025-06-20); an update cannot come before what it updates',
      hint: /on or after the publication date and the update before it/,
    },
    fix: 'Date the update the day it was published; `published` stays the date of the first publication.',
  },
  {
    title: 'Updates that go back in time',
    files: { [BASE_NOTE]: backwards },
    expect: {
      file: BASE_NOTE,
      line: lineOf(backwards, '2025-07-04'),
      column: 5,
      problem:
        'updates.1.date: 2025-07-04 is before the update above it (updates.0.date: 2025-07-20); versions cannot go back in time',
      hint: /list updates oldest first/,
    },
    fix: 'List `updates` oldest first, each dated the day it was published; a new entry goes at the end.',
  },
  {
    title: 'An event page without a publication date',
    files: { [EVENT]: baseEvent.replace(/^published: .*\n/m, '') },
    expect: {
      file: EVENT,
      line: 1,
      problem:
        "missing required field 'published': the event needs the date the event page was first published, as YYYY-MM-DD",
      hint: 'add it between the --- lines at the top, e.g. published: 2025-08-21',
    },
    fix: 'Add `published:` with the day the event page first went out; its version history starts there.',
  },
  {
    title: 'A withdrawal without a reason',
    files: { [BASE_NOTE]: withdrawnNoReason },
    expect: {
      file: BASE_NOTE,
      line: lineOf(withdrawnNoReason, 'withdrawn:'),
      column: 1,
      problem: "missing required field 'withdrawn.reason': the note needs the reason readers are given",
      hint: /reason: "The source retracted its figures\."/,
    },
    fix: 'Give readers the reason with the date: `withdrawn: { date: 2025-09-01, reason: "The source retracted its figures." }`; the note’s URL shows both.',
  },
  {
    title: 'A withdrawal dated before the note was published',
    files: { [BASE_NOTE]: withdrawnEarly },
    expect: {
      file: BASE_NOTE,
      line: lineOf(withdrawnEarly, '2025-06-01'),
      column: 3,
      problem:
        'withdrawn.date: 2025-06-01 is before the publication date (published: 2025-06-20); a note cannot be withdrawn before it was published',
      hint: /on or after the publication date and every update/,
    },
    fix: 'Date the withdrawal the day it was announced, on or after `published` and every `updates` entry.',
  },
  {
    title: 'A dataset a published note shows has no as-of date',
    files: { [WORLD_YML]: noAsOf },
    expect: {
      file: WORLD_YML,
      line: 1,
      column: 1,
      problem:
        /^missing required field 'asOf': the dataset needs the date its newest figures became public, as YYYY-MM-DD \(content\/notes\/base-note\.mdx shows it/,
      hint: /never the date of a commit/,
    },
    fix: 'Add `asOf:` with the day the source published the newest figures in the file; charts print it as "data as of".',
  },
  {
    title: 'A row key naming a column the dataset does not have',
    files: { [WORLD_YML]: badKey },
    expect: {
      file: WORLD_YML,
      line: lineOf(badKey, 'key:'),
      problem: "field 'key.1': 'tonne' is not one of the columns (month, tonnes, basis); did you mean 'tonnes'?",
      hint: 'list the columns that together name one row, e.g. key: [month, destination]',
    },
    fix: 'List in `key` only declared columns that together name one row.',
  },
  {
    title: 'Two rows with the same key',
    files: { [WORLD_CSV]: repeated },
    expect: {
      file: WORLD_CSV,
      line: repeated.trimEnd().split('\n').length,
      column: 1,
      problem:
        'two rows have the same key (month 2025-05): this row and the one on line 5; the key (month) must name one row',
      hint: /remove the repeated row, or add the column that tells them apart to key:/,
    },
    fix: 'Correct a figure in its own row instead of adding another; a revised value replaces the old one (its `updates` entry says so).',
  },
];
