/**
 * docs/troubleshooting.md, written from the catalog by running each case: the messages in
 * the guide are the ones the check prints, so the guide cannot drift from the code
 * (test/check/troubleshooting.test.ts compares the file with this text).
 */
import { formatProblem } from '../../src/lib/errors.ts';
import { type Area, runMistake } from './catalog.ts';
import type { Mistake } from './mistake.ts';

export const TROUBLESHOOTING_FILE = 'docs/troubleshooting.md';

/**
 * Section headings for the areas' files, in the order the guide lists them (the everyday
 * mistakes first); an area not named here comes last, titled by its file name.
 */
const AREA_TITLES: Record<string, string> = {
  content: 'Notes, links and components',
  components: 'Component options',
  dates: 'Dates',
  csv: 'Spreadsheet CSV files',
  hostile: 'Unsafe links and addresses',
};

const INTRO = `# Troubleshooting

Every mistake below fails \`npm run check:content\`, \`npm run dev\` (in the browser's error
overlay) and \`npm run build\` with the message shown: the file, line and column, what is
wrong, and on the next line a hint. Run \`npm run check:content\` to see every problem in
your files at once, in a second or two, without building the site.

Each message here is printed by the code itself: this page is written by
\`npm run docs:troubleshooting\` from the test cases in \`test/check/mistakes/\`, and a test
fails when the two disagree. The cases are small changes to a test site with one note,
\`content/notes/base-note.mdx\`, one event and the sample datasets.

For a stack trace with an internal error (not an author's mistake), run the command again
with \`ASSAY_DEBUG=1\`.
`;

/** The guide's Markdown for the whole catalog. */
export function troubleshootingMarkdown(catalog: readonly Area[]): string {
  const sections: string[] = [INTRO];
  let number = 0;
  const titled = new Map<string, Mistake[]>();
  const known = Object.keys(AREA_TITLES);
  const rank = (area: string) => (known.includes(area) ? known.indexOf(area) : known.length);
  for (const { area, mistakes } of [...catalog].sort((a, b) => rank(a.area) - rank(b.area))) {
    if (mistakes.length === 0) continue;
    const title = AREA_TITLES[area] ?? area;
    titled.set(title, [...(titled.get(title) ?? []), ...mistakes]);
  }
  for (const [title, mistakes] of titled) {
    sections.push(`## ${title}\n`);
    for (const mistake of mistakes) {
      number++;
      sections.push(entry(number, mistake));
    }
  }
  return `${sections.join('\n')}`;
}

function entry(number: number, mistake: Mistake): string {
  const first = runMistake(mistake)[0];
  if (!first) throw new Error(`troubleshooting case '${mistake.title}' reports no problem`);
  const parts = [`### ${number}. ${mistake.title}\n`];
  const written = writtenLine(mistake);
  if (written !== undefined) parts.push(`You wrote, in \`${mistake.expect.file}\`:\n\n${fence(written)}\n`);
  parts.push(`You see:\n\n${fence(formatProblem(first))}\n`, `**Fix:** ${mistake.fix}\n`);
  return parts.join('\n');
}

/** The line at fault, when the case writes that file and names the line. */
function writtenLine(mistake: Mistake): string | undefined {
  const { file, line } = mistake.expect;
  const text = mistake.files[file];
  if (typeof text !== 'string' || line === undefined) return undefined;
  const written = text.split(/\r?\n/)[line - 1];
  return written === undefined || written.trim() === '' || written === '---' ? undefined : written;
}

/** A code block that cannot be closed early by backticks in the text. */
function fence(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  const ticks = '`'.repeat(longest + 1);
  return `${ticks}text\n${text}\n${ticks}`;
}
