/**
 * Author mistakes the content check itself catches: components, links, slugs and frontmatter.
 * Each case is the smallest change to the base fixture site (test/fixtures/sites/check-base/).
 */

import { BASE_FRONTMATTER, BASE_NOTE, BODY_LINE, note } from '../base.ts';
import type { Mistake } from '../mistake.ts';

const CHART = '<Chart data="china-magnet-exports-world" type="bar" x="month" y="tonnes" />';

export const mistakes: Mistake[] = [
  {
    title: 'A misspelt component name',
    files: { [BASE_NOTE]: note('<Chrt data="china-magnet-exports-world" />') },
    expect: {
      file: BASE_NOTE,
      line: BODY_LINE,
      column: 1,
      problem: 'unknown component <Chrt>; did you mean <Chart>? (no import needed)',
      hint: 'notes can use <Chart>, <Value>, <Change>, <Callout> without an import line; see docs/authoring.md',
    },
    fix: 'Spell the component as one of `<Chart>`, `<Value>`, `<Change>` or `<Callout>`; they need no import line.',
  },
  {
    title: 'A link to a note that does not exist',
    files: { [BASE_NOTE]: note('See [the May note](/notes/china-magnet-exports-may/).') },
    expect: {
      file: BASE_NOTE,
      line: BODY_LINE,
      column: 5,
      problem: "link to /notes/china-magnet-exports-may/: there is no note 'china-magnet-exports-may'",
      hint: "a note's address is /notes/<file name without .mdx>/, whatever folder of content/notes/ it is in",
    },
    fix: "Link to `/notes/<slug>/`, where the slug is the note's file name without `.mdx`.",
  },
  {
    title: 'A link to a misspelt note',
    files: { [BASE_NOTE]: note('See [this note](/notes/base-not/).') },
    expect: {
      file: BASE_NOTE,
      line: BODY_LINE,
      column: 5,
      problem: "link to /notes/base-not/: there is no note 'base-not'; did you mean 'base-note'?",
    },
    fix: 'Correct the slug in the link to the note it means.',
  },
  {
    title: 'A link to a heading that does not exist',
    files: { [BASE_NOTE]: note(`## What to watch\n\nSee [below](#what-to-wach).`) },
    expect: {
      file: BASE_NOTE,
      line: BODY_LINE + 2,
      column: 5,
      problem:
        "link to #what-to-wach: this page has no heading or element with id 'what-to-wach'; did you mean 'what-to-watch'?",
      hint: "the ids there are what-to-watch (a heading's id is its text in lower case, spaces as -)",
    },
    fix: "Use the heading's id: its text in lower case, punctuation dropped, spaces as hyphens.",
  },
  {
    title: 'A link to an event that does not exist',
    files: { [BASE_NOTE]: note('Join us [in Toronto](/events/rare-earth-summit-toronto/).') },
    expect: {
      file: BASE_NOTE,
      line: BODY_LINE,
      column: 9,
      problem:
        "link to /events/rare-earth-summit-toronto/: there is no event 'rare-earth-summit-toronto'; did you mean 'rare-earth-summit-toronto-2025'?",
    },
    fix: "Link to `/events/<slug>/`, where the slug is the event's file name without `.mdx`.",
  },
  {
    title: 'A link to a version a note does not have',
    files: { [BASE_NOTE]: note('The [first version](/notes/base-note/v2/) said otherwise.') },
    expect: {
      file: BASE_NOTE,
      line: BODY_LINE,
      column: 5,
      problem: "link to /notes/base-note/v2/: note 'base-note' has one version, v1",
      hint: 'each entry under updates: starts a version; leave out /vN/ to link to the latest',
    },
    fix: 'Link to a version the note has (`v1` up to one more than its `updates` entries), or to the note itself.',
  },
  {
    title: 'A link with the folder in a note’s address',
    files: {
      'content/notes/2025/june.mdx': note('A second note.'),
      [BASE_NOTE]: note('See [June](/notes/2025/june/).'),
    },
    expect: {
      file: BASE_NOTE,
      line: BODY_LINE,
      column: 5,
      problem: 'link to /notes/2025/june/: there is no such page; a note is at /notes/<slug>/, without folders',
    },
    fix: 'Link to `/notes/<file name>/`: folders under `content/notes/` do not appear in addresses.',
  },
  {
    title: 'A link to a draft note',
    files: {
      'content/notes/next-month.mdx': note('Coming soon.', `${BASE_FRONTMATTER}\ndraft: true`),
      [BASE_NOTE]: note('See [next month](/notes/next-month/).'),
    },
    expect: {
      file: BASE_NOTE,
      line: BODY_LINE,
      column: 5,
      problem: "link to /notes/next-month/: note 'next-month' is a draft, so it is not published",
    },
    fix: 'Publish the note it links to (remove `draft: true`), or remove the link until it is published.',
  },
  {
    title: 'Two notes with one file name in different folders',
    files: {
      'content/notes/2025/base-note.mdx': note('Another note with the same name.'),
    },
    expect: {
      file: 'content/notes/base-note.mdx',
      problem:
        "two notes have the file name 'base-note': content/notes/2025/base-note.mdx and content/notes/base-note.mdx",
      hint: "rename one file: a note's address (/notes/base-note/) is its file name; folders only order your files",
    },
    fix: "Rename one of the files: a note's address is its file name, so file names must be unique across folders.",
  },
  {
    title: 'Two notes whose names differ only in case',
    files: { 'content/notes/Base-Note.mdx': note('The same name, capitalised.') },
    expect: {
      file: 'content/notes/base-note.mdx',
      problem:
        "note file names 'Base-Note' and 'base-note' differ only in case: content/notes/Base-Note.mdx and content/notes/base-note.mdx",
      hint: 'rename one file: both would be /notes/base-note/, since addresses are in lower case',
    },
    fix: 'Rename one of the files; use lower-case file names.',
  },
  {
    title: 'A misspelt frontmatter field',
    files: { [BASE_NOTE]: note(CHART, BASE_FRONTMATTER.replace('dek:', 'dec:')) },
    expect: {
      file: BASE_NOTE,
      line: 3,
      column: 1,
      problem: "the frontmatter has an unknown field 'dec'; did you mean 'dek'?",
    },
    fix: 'Correct the field name; [authoring.md](authoring.md) lists every field.',
  },
  {
    title: 'A required frontmatter field left out',
    files: { [BASE_NOTE]: note(CHART, BASE_FRONTMATTER.replace('authors: [Tester]', '').trim()) },
    expect: {
      file: BASE_NOTE,
      line: 1,
      problem: "missing required field 'authors': the note needs a list of authors",
      hint: 'add it between the --- lines at the top, e.g. authors: [Jane Analyst]',
    },
    fix: 'Add the field; every note needs title, dek, published, edition and authors.',
  },
  {
    title: 'A chart option that does not exist',
    files: { [BASE_NOTE]: note('<Chart data="china-magnet-exports-world" type="bar" colour="#0072B2" />') },
    expect: {
      file: BASE_NOTE,
      line: BODY_LINE,
      problem: /^<Chart data="china-magnet-exports-world">: unknown option 'colour'/,
    },
    fix: 'Use an option from [charts.md](charts.md); the message names the closest one.',
  },
  {
    title: 'A misspelt column in a chart',
    files: { [BASE_NOTE]: note('<Chart data="china-magnet-exports-world" type="bar" x="month" y="tonne" />') },
    expect: {
      file: BASE_NOTE,
      line: BODY_LINE,
      problem:
        "<Chart data=\"china-magnet-exports-world\">: column 'tonne' (option y) not found in data/china-magnet-exports-world.csv; columns are month, tonnes, basis; did you mean 'tonnes'?",
      hint: 'set y to one of the columns above',
    },
    fix: "Name a column of the dataset's CSV header.",
  },
  {
    title: 'A value quoted from a row that does not exist',
    files: {
      [BASE_NOTE]: note('In August: <Value data="china-magnet-exports-world" at="2025-08" column="tonnes" />.'),
    },
    expect: {
      file: BASE_NOTE,
      line: BODY_LINE,
      column: 12,
      problem: /^<Value data="china-magnet-exports-world">: .*2025-08/,
    },
    fix: 'Quote a row the dataset has, or add the row to the CSV.',
  },
  {
    title: 'A dataset name that does not exist',
    files: { [BASE_NOTE]: note('<Chart data="china-magnet-export-world" type="bar" />') },
    expect: {
      file: BASE_NOTE,
      line: BODY_LINE,
      column: 1,
      problem:
        "no dataset named 'china-magnet-export-world': there is no data/china-magnet-export-world.csv; did you mean 'china-magnet-exports-world'?",
    },
    fix: 'Name a CSV file in `data/`, without `.csv`.',
  },
  {
    title: 'An event listing a related note that does not exist',
    files: {
      'content/events/rare-earth-summit-toronto-2025.mdx': null,
      'content/events/summit.mdx': `---\nname: Summit\nsummary: A summit.\npublished: 2025-08-21\nstart: "2025-09-22"\nend: "2025-09-23"\ntimezone: America/Toronto\norganiser:\n  name: Org\nrelatedNotes:\n  - base-notes\n---\n\nText.\n`,
    },
    expect: {
      file: 'content/events/summit.mdx',
      line: 11,
      column: 5,
      problem: "relatedNotes: there is no note 'base-notes'; did you mean 'base-note'?",
    },
    fix: "List related notes by slug: the note's file name without `.mdx`.",
  },
  {
    title: 'A tag left open in MDX',
    files: { [BASE_NOTE]: note('Exports <b>fell</i> in May.') },
    expect: {
      file: BASE_NOTE,
      line: BODY_LINE,
      problem: /^the MDX cannot be read: Unexpected closing tag `<\/i>`/,
    },
    fix: 'Close every tag with its own name, and write a literal `<` or `{` in text as `\\<` or `\\{`.',
  },
  {
    title: 'A colon in an unquoted title',
    files: { [BASE_NOTE]: note(CHART, BASE_FRONTMATTER.replace('title: A note', 'title: China: exports fell')) },
    expect: {
      file: BASE_NOTE,
      line: 2,
      column: 8,
      problem: 'the frontmatter is not valid YAML: Nested mappings are not allowed in compact mappings',
      hint: 'check the indentation, and put quotes around a value that contains a colon or starts with [ or {',
    },
    fix: 'Put the value in quotes: `title: "China: exports fell"`.',
  },
  {
    title: 'A note without frontmatter',
    files: { [BASE_NOTE]: `${CHART}\n` },
    expect: {
      file: BASE_NOTE,
      line: 1,
      column: 1,
      problem: 'the note has no frontmatter',
      hint: 'start the file with a --- line, the fields (title, dek, published, edition and authors), then another --- line',
    },
    fix: 'Start the file with the frontmatter between two `---` lines, as `npm run new -- note <slug>` writes it.',
  },
  {
    title: 'One author written as text, not a list',
    files: { [BASE_NOTE]: note(CHART, BASE_FRONTMATTER.replace('authors: [Tester]', 'authors: Tester')) },
    expect: {
      file: BASE_NOTE,
      line: 6,
      column: 1,
      problem: "authors must be a list, not 'Tester'",
      hint: 'write it like this: authors: [Jane Analyst]',
    },
    fix: 'Write authors as a list, even for one: `authors: [Jane Analyst]`.',
  },
  {
    title: 'yes or no for a true-or-false field',
    files: { [BASE_NOTE]: note(CHART, `${BASE_FRONTMATTER}\ndraft: yes`) },
    expect: {
      file: BASE_NOTE,
      line: 7,
      column: 1,
      problem: "draft must be true or false, not 'yes'",
      hint: 'write true or false, without quotes',
    },
    fix: 'Write `draft: true` or `draft: false`.',
  },
  {
    title: 'An unknown field in a source',
    files: {
      [BASE_NOTE]: note(CHART, `${BASE_FRONTMATTER}\nsources:\n  - name: GACC\n    link: https://example.org/`),
    },
    expect: {
      file: BASE_NOTE,
      line: 9,
      column: 5,
      problem: "sources.0 has an unknown field 'link'",
      hint: 'the fields there are name, url (docs/authoring.md)',
    },
    fix: 'A source has a `name` and an optional `url`.',
  },
  {
    title: 'A topic the site does not have',
    files: { [BASE_NOTE]: note(CHART, `${BASE_FRONTMATTER}\ntopics: [Magnets, Export control]`) },
    expect: {
      file: BASE_NOTE,
      line: 7,
      column: 19,
      problem: "topics.1: 'Export control' is not one of the site's topics; did you mean 'Export controls'?",
      hint: "the topics are 'Magnets', 'Export controls', 'Germany' and 'United States'; a new one is declared under topics in src/site.config.ts (name, slug, description)",
    },
    fix: 'Use one of the topics declared in `src/site.config.ts` (by name or slug, in any case), or declare the new topic there with its name, slug and description.',
  },
  {
    title: 'A component that does not exist',
    files: { [BASE_NOTE]: note('<Figure src="chart.png" />') },
    expect: {
      file: BASE_NOTE,
      line: BODY_LINE,
      column: 1,
      problem: 'unknown component <Figure> (no import needed)',
      hint: 'notes can use <Chart>, <Value>, <Change>, <Callout> without an import line; see docs/authoring.md',
    },
    fix: 'Use one of the four components; for an image, use Markdown: `![alt text](/images/chart.png)`.',
  },
  {
    title: 'A chart without data',
    files: { [BASE_NOTE]: note('<Chart type="bar" x="month" y="tonnes" />') },
    expect: {
      file: BASE_NOTE,
      line: BODY_LINE,
      column: 1,
      problem: '<Chart> needs data="dataset-name"',
      hint: 'name a CSV file in data/ without .csv',
    },
    fix: 'Name the dataset: `data="china-magnet-exports-world"` for `data/china-magnet-exports-world.csv`.',
  },
  {
    title: 'A value without the row to read',
    files: { [BASE_NOTE]: note('Exports were <Value data="china-magnet-exports-world" column="tonnes" />.') },
    expect: {
      file: BASE_NOTE,
      line: BODY_LINE,
      column: 14,
      problem: '<Value>: at is missing',
    },
    fix: 'Say which row: `at="2025-05"`, a value of the key column (the first date column unless `by` names another).',
  },
  {
    title: 'A link to a heading in another note that does not exist',
    files: { 'content/notes/other.mdx': note('See [the outlook](/notes/base-note/#outlook).') },
    expect: {
      file: 'content/notes/other.mdx',
      line: BODY_LINE,
      column: 5,
      problem: "link to /notes/base-note/#outlook: note 'base-note' has no heading or element with id 'outlook'",
      hint: "the ids there are what-to-watch (a heading's id is its text in lower case, spaces as -)",
    },
    fix: "Link to a heading the note has; the hint lists the note's ids.",
  },
  {
    title: 'A chart option set to a name the note does not define',
    files: { [BASE_NOTE]: note('<Chart data="china-magnet-exports-world" rules={averages} />') },
    expect: {
      file: BASE_NOTE,
      line: BODY_LINE,
      column: 1,
      problem: "<Chart>: rules={averages} uses 'averages', which is not defined in this file",
      hint: 'write the value itself in rules={…}, or define it in the file with export const averages = …',
    },
    fix: 'Write the value in the tag, e.g. `rules={[{ y: 657, label: "2024 average" }]}`.',
  },
  {
    title: 'A misspelt column in a Value',
    files: { [BASE_NOTE]: note('May: <Value data="china-magnet-exports-world" at="2025-05" column="tonne" />.') },
    expect: {
      file: BASE_NOTE,
      line: BODY_LINE,
      column: 6,
      problem:
        "<Value data=\"china-magnet-exports-world\">: column 'tonne' (option column) not found in data/china-magnet-exports-world.csv; columns are month, tonnes, basis; did you mean 'tonnes'?",
      hint: 'set column to one of the columns above',
    },
    fix: "Name a column of the dataset's CSV header; the message lists them.",
  },
  {
    title: 'A change from a row the data does not have',
    files: {
      [BASE_NOTE]: note('Since January: <Change data="china-magnet-exports-world" from="2025-01" to="2025-05" />.'),
    },
    expect: {
      file: BASE_NOTE,
      line: BODY_LINE,
      column: 16,
      problem:
        "<Change data=\"china-magnet-exports-world\">: no row with month = '2025-01' in data/china-magnet-exports-world.csv; did you mean '2025-03'?",
      hint: /^month values are 2024-07, 2025-03/,
    },
    fix: 'Use `from` and `to` values the key column has; the hint lists them.',
  },
  {
    title: "An alias that is another note's address",
    files: {
      'content/notes/june.mdx': note('A second note.'),
      [BASE_NOTE]: note(CHART, `${BASE_FRONTMATTER}\naliases: [/notes/june/]`),
    },
    expect: {
      file: BASE_NOTE,
      line: 7,
      column: 11,
      problem: 'aliases.0: /notes/june/ is the address of content/notes/june.mdx, so it cannot also redirect here',
      hint: 'list only addresses no page has any more, e.g. the old address of a renamed note',
    },
    fix: 'Remove the alias: `aliases` lists old addresses that no page has any more.',
  },
];
