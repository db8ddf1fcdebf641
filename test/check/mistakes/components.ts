/**
 * Author mistakes in component props (src/charts/normalise.ts, src/charts/prose.ts,
 * src/components/callout-props.ts): values that would otherwise print a wrong number,
 * drop a series or render unstyled without a word.
 */

import { BASE_NOTE, BODY_LINE, note } from '../base.ts';
import type { Mistake } from '../mistake.ts';

const WORLD = 'china-magnet-exports-world';
const BY_DESTINATION = 'china-magnet-exports-by-destination';

export const mistakes: Mistake[] = [
  {
    title: 'A change whose from is after its to',
    files: { [BASE_NOTE]: note(`May was <Change data="${WORLD}" from="2025-05" to="2025-04" /> on April.`) },
    expect: {
      file: BASE_NOTE,
      line: BODY_LINE,
      column: 9,
      problem: `<Change data="${WORLD}">: from '2025-05' is after to '2025-04'; a change is measured from the earlier month to the later`,
      hint: 'swap them: from="2025-04" to="2025-05"',
    },
    fix: 'Put the earlier row in `from` and the later in `to`; reversed, the change would read "up" for a fall.',
  },
  {
    title: 'A misspelt where value on a chart',
    files: {
      [BASE_NOTE]: note(
        `<Chart data="${BY_DESTINATION}" type="line" x="month" y="tonnes" series="destination" where={{ destination: ["Germany", "United Sates"] }} />`,
      ),
    },
    expect: {
      file: BASE_NOTE,
      line: BODY_LINE,
      column: 1,
      problem: `<Chart data="${BY_DESTINATION}">: where.destination 'United Sates' matches no row of data/${BY_DESTINATION}.csv; did you mean 'United States'?`,
      hint: 'destination values are Germany, United States',
    },
    fix: 'Write the value exactly as the CSV has it; a value no row has would silently drop that series.',
  },
  {
    title: 'A misspelt where value on a Value',
    files: {
      [BASE_NOTE]: note(
        `Germany took <Value data="${BY_DESTINATION}" at="2025-07" where={{ destination: "Germny" }} />.`,
      ),
    },
    expect: {
      file: BASE_NOTE,
      line: BODY_LINE,
      column: 14,
      problem: `<Value data="${BY_DESTINATION}">: where.destination 'Germny' matches no row of data/${BY_DESTINATION}.csv; did you mean 'Germany'?`,
      hint: 'destination values are Germany, United States',
    },
    fix: 'Write the where value exactly as the CSV has it.',
  },
  {
    title: 'A highlight outside the data',
    files: { [BASE_NOTE]: note(`<Chart data="${WORLD}" type="bar" x="month" y="tonnes" highlight="2026-05" />`) },
    expect: {
      file: BASE_NOTE,
      line: BODY_LINE,
      column: 1,
      problem: `<Chart data="${WORLD}">: highlight '2026-05' is outside the plotted month range, 2024-07 to 2025-07`,
      hint: 'move it inside from/to, or widen from/to',
    },
    fix: 'Highlight a period the chart plots (check the year), or widen `from`/`to`.',
  },
  {
    title: 'An annotation outside the plotted range',
    files: {
      [BASE_NOTE]: note(
        `<Chart data="${WORLD}" type="line" x="month" y="tonnes" from="2025-03" annotations={[{ x: "2024-10-15", label: "Rule announced" }]} />`,
      ),
    },
    expect: {
      file: BASE_NOTE,
      line: BODY_LINE,
      column: 1,
      problem: `<Chart data="${WORLD}">: '2024-10-15' (Rule announced) is outside the plotted month range, 2025-03 to 2025-07`,
      hint: 'move it inside from/to, or widen from/to',
    },
    fix: 'Pin the annotation to a date the chart shows, or widen `from`/`to` so it does.',
  },
  {
    title: 'A colour for a series that does not exist',
    files: {
      [BASE_NOTE]: note(
        `<Chart data="${BY_DESTINATION}" type="line" x="month" y="tonnes" series="destination" colors={{ Germnay: "#009E73" }} />`,
      ),
    },
    expect: {
      file: BASE_NOTE,
      line: BODY_LINE,
      column: 1,
      problem: `<Chart data="${BY_DESTINATION}">: colors key 'Germnay' is not a destination in the data; did you mean 'Germany'?`,
      hint: 'destination values are Germany, United States',
    },
    fix: 'Name each colour after a series exactly as the CSV writes it.',
  },
  {
    title: 'A callout tone that does not exist',
    files: { [BASE_NOTE]: note('<Callout tone="warning">\nLicences may be withdrawn.\n</Callout>') },
    expect: {
      file: BASE_NOTE,
      line: BODY_LINE,
      column: 1,
      problem: "<Callout>: tone 'warning' is not one of note, key, caution; did you mean 'caution'?",
      hint: 'note is neutral, key highlights a figure, caution marks a caveat',
    },
    fix: 'Use `tone="note"`, `"key"` or `"caution"` (a warning is a caution).',
  },
  {
    title: 'An unknown callout option',
    files: { [BASE_NOTE]: note('<Callout titel="Key figure">\nExports fell in May.\n</Callout>') },
    expect: {
      file: BASE_NOTE,
      line: BODY_LINE,
      column: 1,
      problem: "<Callout>: unknown option 'titel'; did you mean 'title'?",
      hint: 'options are title, tone',
    },
    fix: 'Callout takes `title` and `tone`; correct the spelling.',
  },
];
