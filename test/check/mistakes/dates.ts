/**
 * Dates that do not exist (src/lib/calendar-date.ts). js-yaml, JavaScript's Date and d3 all
 * roll them over silently (2025-06-31 became 1 July 2025); every date is now read strictly
 * from the text the author wrote, at the line of its field.
 */

import { BASE_NOTE, baseFile } from '../base.ts';
import type { Mistake } from '../mistake.ts';

const baseNote = baseFile(BASE_NOTE);
const EVENT = 'content/events/rare-earth-summit-toronto-2025.mdx';
const baseEvent = baseFile(EVENT);
const WORLD_YML = 'data/china-magnet-exports-world.yml';
const worldYml = baseFile(WORLD_YML);

/** The 1-based line of the first line of `text` that contains `part`. */
function lineOf(text: string, part: string): number {
  return text.split('\n').findIndex((line) => line.includes(part)) + 1;
}

/** The base note with its `published:` line replaced. */
const published = (date: string) => baseNote.replace('published: 2025-06-20', `published: ${date}`);

/** The base note with one correction dated `date`. */
const withUpdate = baseNote.replace(
  'authors: [Tester]',
  'authors: [Tester]\nupdates:\n  - date: 2025-07-04\n    summary: Corrected the April figure\n  - date: 2025-02-30\n    summary: Added May',
);

const withAsOf = worldYml.replace('asOf: 2025-08-20', 'asOf: 2025-04-31');

export const mistakes: Mistake[] = [
  {
    title: 'A publication date past the end of its month',
    files: { [BASE_NOTE]: published('2025-06-31') },
    expect: {
      file: BASE_NOTE,
      line: lineOf(baseNote, 'published:'),
      column: 1,
      problem: "published: '2025-06-31' is not a real date (June 2025 has 30 days); expected YYYY-MM-DD",
      hint: 'write a day that exists, as YYYY-MM-DD, e.g. 2025-06-20',
    },
    fix: 'Write a day that exists, as YYYY-MM-DD (it was read as 1 July 2025 before: dates no longer roll over).',
  },
  {
    title: 'A publication date with month 13',
    files: { [BASE_NOTE]: published('2025-13-45') },
    expect: {
      file: BASE_NOTE,
      line: lineOf(baseNote, 'published:'),
      column: 1,
      problem: "published: '2025-13-45' is not a real date (there is no month 13); expected YYYY-MM-DD",
      hint: 'write a day that exists, as YYYY-MM-DD, e.g. 2025-06-20',
    },
    fix: 'Write the date as YYYY-MM-DD with the month first (it was read as 14 February 2026 before).',
  },
  {
    title: 'A correction dated 30 February',
    files: { [BASE_NOTE]: withUpdate },
    expect: {
      file: BASE_NOTE,
      line: lineOf(withUpdate, '2025-02-30'),
      column: 5,
      problem:
        "updates.1.date: '2025-02-30' is not a real date (February 2025 has 28 days; 2025 is not a leap year); expected YYYY-MM-DD",
      hint: 'write a day that exists, as YYYY-MM-DD, e.g. 2025-06-20',
    },
    fix: 'Give the update the day it was published, as YYYY-MM-DD; only leap years have 29 February.',
  },
  {
    title: 'An event day that does not exist',
    files: { [EVENT]: baseEvent.replace('  - date: "2025-09-23"', '  - date: 2025-09-31') },
    expect: {
      file: EVENT,
      line: lineOf(baseEvent, '  - date: "2025-09-23"'),
      column: 5,
      problem: "days.1.date: '2025-09-31' is not a real date (September 2025 has 30 days); expected YYYY-MM-DD",
      hint: 'write a day that exists, as YYYY-MM-DD, e.g. 2025-06-20',
    },
    fix: 'Write the local date of that day, as YYYY-MM-DD, within the event’s start and end.',
  },
  {
    title: 'An event start that does not exist',
    files: { [EVENT]: baseEvent.replace('start: "2025-09-22"', 'start: 2025-09-31') },
    expect: {
      file: EVENT,
      line: lineOf(baseEvent, 'start: "2025-09-22"'),
      column: 1,
      problem:
        "start: '2025-09-31' is not a real date (September 2025 has 30 days); expected YYYY-MM-DD or YYYY-MM-DDTHH:MM",
      hint: 'write a day that exists, as YYYY-MM-DD (all day) or YYYY-MM-DDTHH:MM local time, e.g. 2025-09-22T18:00',
    },
    fix: 'Write the local start as YYYY-MM-DD (all day) or YYYY-MM-DDTHH:MM, on a day that exists.',
  },
  {
    title: "A dataset's asOf date that does not exist",
    files: { [WORLD_YML]: withAsOf },
    expect: {
      file: WORLD_YML,
      line: lineOf(withAsOf, 'asOf:'),
      column: 7,
      problem: "field 'asOf': '2025-04-31' is not a real date (April 2025 has 30 days); expected YYYY-MM-DD",
      hint: 'write a day that exists, as YYYY-MM-DD, e.g. 2025-06-20',
    },
    fix: 'Write the day the figures were last checked, as YYYY-MM-DD.',
  },
];
