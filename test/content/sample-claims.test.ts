/**
 * The sample notes say only what their data support. Every quantitative claim in a note's
 * title, dek, headings, chart titles, callouts, prose and change log is listed here with a
 * check against the datasets (read by the project's loader) or against a figure the sources
 * state that has no row in data/ (the fact sheet the sample was written from). A number or
 * a quantity word ("half", "three quarters", "sevenfold") that no claim covers fails the
 * test, so new prose cannot slip a figure past it; a claim whose wording changed fails too,
 * so its check is looked at again. Figures quoted with <Value> and <Change> come from the
 * data by construction and are not listed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadDataset } from '../../src/data/load.ts';

const NOTES = path.join(import.meta.dirname, '..', '..', 'content', 'notes');

/** Figures the sources state that have no row in data/, as the sample's fact sheet gives them. */
const STATED = {
  /** China requires export licences for magnets containing Dy, Tb (and Gd). */
  licensingRule: '2025-04-04',
  /** Approval can take more than this many business days. */
  approvalBusinessDays: 45,
  /** Percentage falls the derived March and April rows come from. */
  mayBelowApril: 0.53,
  mayBelowMarch: 0.77,
  /** US, May 2025 against the 2024 monthly average. */
  usMayBelow2024Average: 0.93,
  worldJuneYearOnYear: -0.38,
  usJulyYearOnYear: 0.048,
  germanyJulyOnJune: 0.46,
  januaryToJune: { tonnes: 22_319, yearOnYear: -0.19 },
  januaryToJuly: { tonnes: 27_897, yearOnYear: -0.15 },
  /** When GACC's detail for June and July became public (Reuters reports). */
  juneDataPublished: '20 July 2025',
  julyDataPublished: '20 August 2025',
};

/** Monthly tonnes from a dataset: `at('2025-05')`, or `at('2025-07', 'Germany')` by destination. */
function monthly(name: string) {
  const dataset = loadDataset(name);
  const row = (month: string, destination?: string) => {
    const found = dataset.rows.filter(
      (r) =>
        (r.month as Date).toISOString().slice(0, 7) === month &&
        (destination === undefined || r.destination === destination),
    );
    expect(found, `${name}: one row for ${month} ${destination ?? ''}`).toHaveLength(1);
    return found[0] as Record<string, unknown>;
  };
  return {
    at: (month: string, destination?: string) => row(month, destination).tonnes as number,
    basis: (month: string, destination?: string) => row(month, destination).basis,
    all: (destination?: string) =>
      dataset.rows
        .filter((r) => destination === undefined || r.destination === destination)
        .map((r) => r.tonnes as number),
    destinations: (month: string) =>
      dataset.rows
        .filter((r) => (r.month as Date).toISOString().slice(0, 7) === month)
        .map((r) => [r.destination as string, r.tonnes as number] as const),
  };
}

const world = monthly('china-magnet-exports-world');
const us = monthly('china-magnet-exports-us');
const byDestination = monthly('china-magnet-exports-by-destination');

/** A change rounded to whole percent, as the notes write it: 0.7700 → 77. */
const percent = (from: number, to: number) => Math.round(((to - from) / from) * 100);
/** The 2024 US monthly average, derived from May 2025 and the stated shortfall. */
const us2024Average = us.at('2025-05') / (1 - STATED.usMayBelow2024Average);

interface Claim {
  /** Exact words of the note that make the claim (the test fails when they are gone). */
  text: string;
  check: () => void;
}

const CLAIMS: Record<string, Claim[]> = {
  'china-magnet-exports-may-2025': [
    {
      text: 'fell 77% in two months after the April licensing rule',
      check: () => {
        expect(percent(world.at('2025-03'), world.at('2025-05'))).toBe(-77);
        expect(STATED.licensingRule.slice(0, 7)).toBe('2025-04');
      },
    },
    {
      text: 'fell 77% in two months',
      check: () => expect(percent(world.at('2025-03'), world.at('2025-05'))).toBe(-77),
    },
    { text: 'dropped to 1,238 tonnes', check: () => expect(world.at('2025-05')).toBe(1238) },
    {
      text: 'exports to the United States almost stopped',
      check: () => expect(us.at('2025-05') / us.at('2025-03')).toBeLessThan(0.1),
    },
    { text: 'in force since 4 April', check: () => expect(STATED.licensingRule).toBe('2025-04-04') },
    {
      text: 'the lowest monthly figure in the series we track',
      check: () => expect(Math.min(...world.all())).toBe(world.at('2025-05')),
    },
    { text: '4 Apr: licences required', check: () => expect(STATED.licensingRule).toBe('2025-04-04') },
    {
      text: 'May was 53%\nbelow April and 77% below March',
      check: () => {
        expect(Math.round((1 - world.at('2025-05') / world.at('2025-04')) * 100)).toBe(STATED.mayBelowApril * 100);
        expect(Math.round((1 - world.at('2025-05') / world.at('2025-03')) * 100)).toBe(STATED.mayBelowMarch * 100);
      },
    },
    {
      text: 'April near 2,634 tonnes and March near\n5,383 tonnes (both derived)',
      check: () => {
        expect([world.at('2025-04'), world.at('2025-03')]).toEqual([2634, 5383]);
        expect([world.basis('2025-04'), world.basis('2025-03')]).toEqual(['derived', 'derived']);
        expect(Math.round(world.at('2025-05') / (1 - STATED.mayBelowApril))).toBe(2634);
        expect(Math.round(world.at('2025-05') / (1 - STATED.mayBelowMarch))).toBe(5383);
      },
    },
    {
      text: 'In two months, shipments lost about three quarters',
      check: () => expect(1 - world.at('2025-05') / world.at('2025-03')).toBeCloseTo(0.75, 1),
    },
    { text: 'Since 4 April 2025', check: () => expect(STATED.licensingRule).toBe('2025-04-04') },
    { text: 'more than 45\nbusiness days', check: () => expect(STATED.approvalBusinessDays).toBe(45) },
    {
      text: 'The United States felt it most',
      check: () =>
        expect(percent(us.at('2025-03'), us.at('2025-05'))).toBeLessThan(
          percent(world.at('2025-03'), world.at('2025-05')),
        ),
    },
    {
      text: 'Shipments to the United States fell further than the total',
      check: () =>
        expect(percent(us.at('2025-03'), us.at('2025-05'))).toBeLessThan(
          percent(world.at('2025-03'), world.at('2025-05')),
        ),
    },
    {
      text: 'roughly 657 tonnes a month on average in 2024 (derived from the reported 93% shortfall)',
      check: () => expect(Math.round(us2024Average)).toBe(657),
    },
    {
      text: 'Exports to the US all but stopped in May',
      check: () => expect(us.at('2025-05') / us2024Average).toBeLessThan(0.1),
    },
    {
      text: 'Postscript, 22 July 2025',
      check: () =>
        expect(frontmatter('china-magnet-exports-may-2025').updates?.[0]?.date).toEqual(new Date('2025-07-22')),
    },
    {
      text: "June's customs data, due in\nthe second half of July",
      check: () => expect(STATED.juneDataPublished).toBe('20 July 2025'),
    },
  ],
  'china-magnet-exports-june-2025': [
    {
      text: 'Magnet exports rebounded in June, but stayed well below last year',
      check: () => {
        expect(world.at('2025-06')).toBeGreaterThan(world.at('2025-05'));
        expect(STATED.worldJuneYearOnYear).toBeLessThanOrEqual(-0.25);
      },
    },
    {
      text: "China shipped 3,188 tonnes of rare earth magnets in June, more than double May's low",
      check: () => {
        expect(world.at('2025-06')).toBe(3188);
        expect(world.at('2025-06') / world.at('2025-05')).toBeGreaterThan(2);
        expect(Math.min(...world.all())).toBe(world.at('2025-05'));
      },
    },
    {
      text: 'as reported by Reuters on 20 July 2025',
      check: () => expect(STATED.juneDataPublished).toBe('20 July 2025'),
    },
    {
      // The correction: (3,188 − 1,238) / (5,383 − 1,238) = 47%, not "more than half".
      text: 'June won back almost half of the ground lost since March',
      check: () => {
        const share = (world.at('2025-06') - world.at('2025-05')) / (world.at('2025-03') - world.at('2025-05'));
        expect(share).toBeGreaterThanOrEqual(0.4);
        expect(share).toBeLessThan(0.5);
      },
    },
    {
      text: 'June won back 47% of the ground lost since March, not more than half',
      check: () =>
        expect(
          Math.round(((world.at('2025-06') - world.at('2025-05')) / (world.at('2025-03') - world.at('2025-05'))) * 100),
        ).toBe(47),
    },
    {
      text: 'Still short of normal',
      check: () => expect(world.at('2025-06')).toBeLessThan(world.at('2025-03')),
    },
    {
      text: "June's total was 38% below June 2024",
      check: () => expect(STATED.worldJuneYearOnYear).toBe(-0.38),
    },
    {
      text: 'the first half of 2025 came to 22,319 tonnes, about 19% less than in\nthe same half of last year (both stated)',
      check: () => expect(STATED.januaryToJune).toEqual({ tonnes: 22_319, yearOnYear: -0.19 }),
    },
    {
      text: 'Shipments to the US came back fastest',
      check: () =>
        expect(us.at('2025-06') / us.at('2025-05')).toBeGreaterThan(world.at('2025-06') / world.at('2025-05')),
    },
    {
      text: 'Exports to the US jumped after the June agreement',
      check: () => expect(us.at('2025-06') / us.at('2025-05')).toBeGreaterThan(2),
    },
    {
      text: 'A more than sevenfold rise sounds dramatic, but it starts from 46 tonnes',
      check: () => {
        expect(us.at('2025-06') / us.at('2025-05')).toBeGreaterThan(7);
        expect(us.at('2025-05')).toBe(46);
      },
    },
    {
      text: "June's 353 tonnes is still\nabout half of the roughly 657 tonnes a month",
      check: () => {
        expect(us.at('2025-06')).toBe(353);
        expect(Math.round(us2024Average)).toBe(657);
        expect(us.at('2025-06') / us2024Average).toBeCloseTo(0.5, 1);
      },
    },
    { text: 'on average in 2024', check: () => expect(Math.round(us2024Average)).toBe(657) },
  ],
  'china-magnet-exports-july-2025': [
    {
      text: "July's magnet exports were back near their level before the controls",
      check: () => expect(Math.abs(world.at('2025-07') / world.at('2025-03') - 1)).toBeLessThan(0.05),
    },
    {
      text: "At 5,577 tonnes, China's July shipments of rare earth magnets matched March and beat July 2024, with Germany the largest buyer",
      check: () => {
        expect(world.at('2025-07')).toBe(5577);
        expect(Math.abs(world.at('2025-07') / world.at('2025-03') - 1)).toBeLessThan(0.05);
        expect(world.at('2025-07')).toBeGreaterThan(world.at('2024-07'));
        const july = byDestination.destinations('2025-07');
        expect(july.toSorted((a, b) => b[1] - a[1])[0]?.[0]).toBe('Germany');
      },
    },
    {
      text: 'as reported by Reuters on 20 August 2025',
      check: () => expect(STATED.julyDataPublished).toBe('20 August 2025'),
    },
    {
      text: 'Four months after China made rare earth magnet exports subject to licences, the monthly\nvolume is back where it started',
      check: () => {
        const months = (Date.UTC(2025, 7, 1) - Date.parse(STATED.licensingRule)) / (30.44 * 86_400_000);
        expect(Math.round(months)).toBe(4);
        expect(Math.abs(world.at('2025-07') / world.at('2025-03') - 1)).toBeLessThan(0.05);
      },
    },
    {
      text: 'A V-shaped year: exports fell by three quarters, then recovered',
      check: () => {
        expect(1 - world.at('2025-05') / world.at('2025-03')).toBeCloseTo(0.75, 1);
        expect(world.at('2025-07')).toBeGreaterThanOrEqual(world.at('2025-03') * 0.95);
      },
    },
    { text: '4 Apr: licences required', check: () => expect(STATED.licensingRule).toBe('2025-04-04') },
    {
      text: 'The year so far is still down',
      check: () => expect(STATED.januaryToJuly.yearOnYear).toBeLessThan(0),
    },
    {
      text: 'Exports for January to July\ncame to 27,897 tonnes, 15% less than a year earlier (both stated)',
      check: () => {
        expect(STATED.januaryToJuly).toEqual({ tonnes: 27_897, yearOnYear: -0.15 });
        // The two stated totals differ by July's stated month, give or take their rounding.
        expect(
          Math.abs(STATED.januaryToJuly.tonnes - STATED.januaryToJune.tonnes - world.at('2025-07')),
        ).toBeLessThanOrEqual(1);
      },
    },
    {
      text: 'January-to-June total was 22,319 tonnes, January and February together must have been\nabout 9,876 tonnes (derived)',
      check: () => {
        const marchToJune = ['2025-03', '2025-04', '2025-05', '2025-06'].map((m) => world.at(m));
        expect(STATED.januaryToJune.tonnes - marchToJune.reduce((a, b) => a + b)).toBe(9876);
      },
    },
    {
      text: 'Germany leads, the US is back above last year',
      check: () => {
        expect(byDestination.at('2025-07', 'Germany')).toBeGreaterThan(byDestination.at('2025-07', 'United States'));
        expect(STATED.usJulyYearOnYear).toBeGreaterThan(0);
      },
    },
    {
      text: 'Germany was the largest destination in July',
      check: () => {
        expect(byDestination.at('2025-07', 'Germany')).toBe(1116);
        expect(
          Math.round((byDestination.at('2025-07', 'Germany') / byDestination.at('2025-06', 'Germany') - 1) * 100),
        ).toBe(STATED.germanyJulyOnJune * 100);
      },
    },
    {
      text: 'about 5%\nmore than in July 2024 (as reported)',
      check: () => expect(Math.round(STATED.usJulyYearOnYear * 100)).toBe(5),
    },
    {
      text: 'Germany took the most magnets in July',
      check: () =>
        expect(byDestination.at('2025-07', 'Germany')).toBeGreaterThan(byDestination.at('2025-07', 'United States')),
    },
    {
      text: "Germany's June figure is derived from its stated July figure and change",
      check: () => expect(byDestination.basis('2025-06', 'Germany')).toBe('derived'),
    },
    {
      text: 'US-bound shipments have recovered since May',
      check: () => {
        const since = ['2025-05', '2025-06', '2025-07'].map((m) => us.at(m));
        expect(since).toEqual(since.toSorted((a, b) => a - b));
        expect(us.at('2025-07')).toBeGreaterThan(us.at('2025-03'));
      },
    },
  ],
};

interface Note {
  slug: string;
  /** Every reader-facing text of the note, each with where it is shown. */
  texts: { where: string; text: string }[];
}

interface Frontmatter {
  title: string;
  dek: string;
  sources?: { name: string }[];
  updates?: { date: Date; summary: string }[];
}

function frontmatterAndBody(slug: string): { data: Frontmatter; body: string } {
  const source = readFileSync(path.join(NOTES, `${slug}.mdx`), 'utf8');
  const [, yaml = '', body = ''] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(source) ?? [];
  const data = parse(yaml) as Frontmatter;
  for (const update of data.updates ?? []) update.date = new Date(String(update.date));
  return { data, body };
}

function frontmatter(slug: string): Frontmatter {
  return frontmatterAndBody(slug).data;
}

/** The reader-facing texts of a note: frontmatter fields, chart and callout text, and prose. */
function readNote(slug: string): Note {
  const { data, body } = frontmatterAndBody(slug);
  const texts = [
    { where: 'title', text: data.title },
    { where: 'dek', text: data.dek },
    ...(data.sources ?? []).map((s) => ({ where: 'source', text: s.name })),
    ...(data.updates ?? []).map((u) => ({ where: 'update', text: u.summary })),
  ];
  // Attributes a reader sees: titles, subtitles, captions, alt text and annotation labels.
  for (const match of body.matchAll(/\b(title|subtitle|caption|alt|label)(?:=|: )"([^"]*)"/g)) {
    texts.push({ where: match[1] as string, text: match[2] as string });
  }
  const prose = body
    .replace(/<(Chart)\b[\s\S]*?\/>/g, '')
    .replace(/<(Value|Change)\b[^>]*\/>/g, '(quoted from the data)')
    .replace(/<\/?Callout\b[^>]*>/g, '')
    .replace(/\]\([^)]*\)/g, ']');
  texts.push({ where: 'prose', text: prose });
  return { slug, texts };
}

/** Numbers (not years on their own) and words that state a quantity. */
const QUANTITY =
  /\d(?:[\d,.]*\d)?%?|\b(?:half|halves|quarters?|thirds?|double[ds]?|twice|triple[ds]?|\w+fold|two|three|four|five|six|seven|eight|nine|ten)\b/gi;
const YEAR = /^(?:19|20)\d\d$/;

describe('the sample notes say only what their data support', () => {
  for (const [slug, claims] of Object.entries(CLAIMS)) {
    const note = readNote(slug);
    const all = note.texts.map((t) => t.text).join('\n\n');
    describe(slug, () => {
      for (const claim of claims) {
        it(claim.text.replace(/\n/g, ' '), () => {
          expect(all, 'the note no longer says this: check the claim again').toContain(claim.text);
          claim.check();
        });
      }
      it('every number and quantity word is one of the checked claims', () => {
        const unchecked: string[] = [];
        for (const { where, text } of note.texts) {
          let rest = text;
          for (const claim of claims) rest = rest.split(claim.text).join(' ');
          for (const match of rest.matchAll(QUANTITY)) {
            if (YEAR.test(match[0])) continue;
            const at = match.index ?? 0;
            unchecked.push(`${where}: …${rest.slice(Math.max(0, at - 30), at + 30).replace(/\s+/g, ' ')}…`);
          }
        }
        expect(unchecked).toEqual([]);
      });
    });
  }

  it('checks every note of the sample', () => {
    const slugs = readdirNotes();
    expect(Object.keys(CLAIMS).sort()).toEqual(slugs);
  });

  it('the June correction is in its change log, and the May postscript names the June note', () => {
    const june = readNote('china-magnet-exports-june-2025').texts;
    expect(june.filter((t) => t.where === 'update').map((t) => t.text)).toEqual([
      'Corrected the chart title: June won back 47% of the ground lost since March, not more than half; clearer wording on US shipments',
    ]);
    expect(june.map((t) => t.text).join('\n')).not.toContain('more than half of the ground');
    const may = readFileSync(path.join(NOTES, 'china-magnet-exports-may-2025.mdx'), 'utf8');
    expect(may).toContain('[note on June](/notes/china-magnet-exports-june-2025/)');
    expect(may).not.toMatch(/July note\]/);
  });
});

function readdirNotes(): string[] {
  return readdirSync(NOTES)
    .filter((file) => file.endsWith('.mdx'))
    .map((file) => file.slice(0, -'.mdx'.length))
    .sort();
}
