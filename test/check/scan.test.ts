import { rmSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { evaluateProps } from '../../src/check/components.ts';
import { checkContent } from '../../src/check/index.ts';
import { checkLinks, type Page, type Site } from '../../src/check/links.ts';
import { scanMdx } from '../../src/check/scan.ts';
import { formatProblems } from '../../src/lib/errors.ts';
import { scaffold } from '../../src/lib/scaffold.ts';
import { BASE_FRONTMATTER, BASE_NOTE, baseFile, note } from './base.ts';
import { siteWith } from './catalog.ts';

const FILE = 'content/notes/x.mdx';

describe('scanMdx', () => {
  test('finds components with their place and attributes, strings, bare names and expressions apart', () => {
    const scanned = scanMdx(
      note('Text <Value data="d" at="2025-05" />.\n\n<Chart data="d" horizontal where={{ destination: "Germany" }} />'),
      FILE,
    );
    expect(scanned.components.map(({ name, line, column }) => ({ name, line, column }))).toEqual([
      { name: 'Value', line: 9, column: 6 },
      { name: 'Chart', line: 11, column: 1 },
    ]);
    const chart = scanned.components[1];
    expect(Object.fromEntries(chart?.attributes ?? [])).toEqual({
      data: { kind: 'string', value: 'd' },
      horizontal: { kind: 'true' },
      where: { kind: 'expression', source: '{ destination: "Germany" }' },
    });
  });

  test('HTML elements are not components, but their ids are anchors and their hrefs are links', () => {
    const scanned = scanMdx(note('<div id="box">\n\n<a href="/notes/y/">y</a>\n\n</div>'), FILE);
    expect(scanned.components).toEqual([]);
    expect(scanned.anchors).toEqual(new Set(['box']));
    expect(scanned.links).toEqual([{ url: '/notes/y/', line: 11, column: 1 }]);
  });

  test('heading ids are made as Astro makes them: lower case, punctuation dropped, repeats numbered', () => {
    const scanned = scanMdx(note("## China's *exports*, in 2025\n\n## Outlook\n\n## Outlook"), FILE);
    expect([...scanned.anchors]).toEqual(['chinas-exports-in-2025', 'outlook', 'outlook-1']);
  });

  test('markdown links, reference definitions and their places', () => {
    const scanned = scanMdx(note('See [a](/notes/a/) and [b][ref].\n\n[ref]: /events/b/#agenda'), FILE);
    expect(scanned.links).toEqual([
      { url: '/notes/a/', line: 9, column: 5 },
      { url: '/events/b/#agenda', line: 11, column: 1 },
    ]);
  });

  test('names the file imports are its own, not typos', () => {
    const scanned = scanMdx(note("import Box, { Aside as Side } from '../x.ts';\n\n<Box />"), FILE);
    expect(scanned.ownNames).toEqual(new Set(['Box', 'Side']));
  });

  test('a syntax error is one problem at the line and column the MDX parser names', () => {
    expect(() => scanMdx(note('Exports <b>fell</i>.'), FILE)).toThrow(
      expect.objectContaining({
        file: FILE,
        line: 9,
        column: 16,
        problem: expect.stringMatching(/^the MDX cannot be read: Unexpected closing tag/),
      }),
    );
  });
});

describe('evaluateProps', () => {
  test('runs expressions as MDX would: arrays of objects, booleans, numbers, functions', () => {
    const props = evaluateProps(
      new Map([
        ['annotations', { kind: 'expression', source: '[{ x: "2025-04-04", label: "4 Apr" }]' }],
        ['derived', { kind: 'expression', source: 'false' }],
        ['height', { kind: 'expression', source: '300' }],
        ['plot', { kind: 'expression', source: '(data, Plot) => ({ marks: [Plot.dot(data)] })' }],
        ['horizontal', { kind: 'true' }],
      ]),
    );
    expect(props).toMatchObject({
      annotations: [{ x: '2025-04-04', label: '4 Apr' }],
      derived: false,
      height: 300,
      horizontal: true,
    });
    expect(typeof props?.plot).toBe('function');
  });

  test('an expression naming something the file defines leaves the props unknown', () => {
    const rules = new Map([['rules', { kind: 'expression', source: 'myRules' } as const]]);
    expect(evaluateProps(rules, new Set(['myRules']))).toBeUndefined();
    expect(() => evaluateProps(rules)).toThrow("rules={myRules} uses 'myRules', which is not defined in this file");
  });
});

describe('checkLinks', () => {
  const page = (slug: string, extra: Partial<Page> = {}): Page => ({
    kind: 'note',
    slug,
    file: `content/notes/${slug}.mdx`,
    draft: false,
    versions: 1,
    anchors: new Set(['outlook']),
    layoutAnchors: new Set(['main']),
    charts: 1,
    ...extra,
  });
  const a = page('a', { versions: 2 });
  const site: Site = { note: new Map([['a', a]]), event: new Map([['summit', { ...page('summit'), kind: 'event' }]]) };
  const problems = (url: string) => checkLinks(a, [{ url, line: 3, column: 2 }], site).map((p) => p.problem);

  test.each([
    '/notes/a/',
    '/notes/a',
    '/notes/a/#outlook',
    '/notes/a/v2/',
    '/notes/a/email.html',
    '/events/summit/',
    '/events/summit.ics',
    '#outlook',
    '#main',
    '#chart-0123456789abcdef',
    '/notes/',
    '/notes/page/2/',
    '/notes/2025/06/',
    '/topics/magnets/',
    'https://example.com/notes/zzz/',
    'https://assay.example.com/notes/a/#outlook',
    'mailto:desk@example.com',
  ])('accepts %s', (url) => {
    expect(problems(url)).toEqual([]);
  });

  test.each([
    ['/notes/unheard-of/', "link to /notes/unheard-of/: there is no note 'unheard-of'"],
    ['/notes/A/', "link to /notes/A/: there is no note 'A'; did you mean 'a'?"],
    ['/notes/a/v3/', "link to /notes/a/v3/: note 'a' has versions v1 to v2"],
    [
      '/notes/a/#outlok',
      "link to /notes/a/#outlok: note 'a' has no heading or element with id 'outlok'; did you mean 'outlook'?",
    ],
    ['/events/sumit/', "link to /events/sumit/: there is no event 'sumit'; did you mean 'summit'?"],
    ['/notes/2025/a/', 'link to /notes/2025/a/: there is no such page; a note is at /notes/<slug>/, without folders'],
    [
      'https://assay.example.com/notes/b/',
      "link to https://assay.example.com/notes/b/: there is no note 'b'; did you mean 'a'?",
    ],
    ['#chart-0123', "link to #chart-0123: this page has no heading or element with id 'chart-0123'"],
  ])('refuses %s', (url, problem) => {
    expect(problems(url)).toEqual([problem]);
  });

  test('a link is reported at its own line and column in the linking file', () => {
    expect(checkLinks(a, [{ url: '/notes/b/', line: 3, column: 2 }], site)[0]).toMatchObject({
      file: a.file,
      line: 3,
      column: 2,
    });
  });
});

describe('checkContent on a site', () => {
  const check = (files: Record<string, string | null>) => {
    const root = siteWith(files);
    try {
      return checkContent(root);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  };

  test('a note in a subfolder is fine: its slug is its file name, and links to it use that', () => {
    const result = check({
      'content/notes/2025/06/june.mdx': note('See [the base note](/notes/base-note/#what-to-watch).'),
      [BASE_NOTE]: note('See [June](/notes/june/).\n\n## What to watch'),
    });
    expect(formatProblems(result.problems)).toBe('');
    expect(result.notes).toBe(2);
  });

  test("links may point at the page's own parts: a day of an event's agenda, a note's sources", () => {
    const result = check({
      [BASE_NOTE]: note(
        'See [day one](/events/rare-earth-summit-toronto-2025/#day-2025-09-22), [the agenda](/events/rare-earth-summit-toronto-2025/#agenda-title) and [sources](#sources-title).\n\n## What to watch',
        `${BASE_FRONTMATTER}\nsources:\n  - name: GACC`,
      ),
      'content/notes/other.mdx': note(
        'No [sources here](/notes/other/#sources-title) or [day](/events/rare-earth-summit-toronto-2025/#day-2025-09-25).',
      ),
    });
    expect(result.problems.map((p) => `${p.file}:${p.line}:${p.column}`)).toEqual([
      'content/notes/other.mdx:9:4',
      'content/notes/other.mdx:9:51',
    ]);
  });

  test('every problem of every file is reported, in file and line order', () => {
    const result = check({
      'content/notes/a.mdx': note('<Chrt />\n\n[x](/notes/nope/)', BASE_FRONTMATTER.replace('dek:', 'dec:')),
      [BASE_NOTE]: note('<Value data="nope" at="2025-05" />'),
    });
    expect(result.problems.map((p) => `${p.file}:${p.line}`)).toEqual([
      'content/notes/a.mdx:3',
      'content/notes/a.mdx:9',
      'content/notes/a.mdx:11',
      `${BASE_NOTE}:9`,
    ]);
  });

  test('a broken dataset is reported once, at its own file, not at every chart that uses it', () => {
    const result = check({ 'data/china-magnet-exports-world.csv': 'month,tonnes,basis\n2025-05,lots,stated\n' });
    expect(result.problems.map((p) => p.file)).toEqual(['data/china-magnet-exports-world.csv']);
  });

  test('a broken dataset read as TSV is reported at its own file, even when no note uses it', () => {
    const result = check({
      'data/tabbed.tsv': 'month\ttonnes\tbasis\n2025-05\tlots\tstated\n',
      'data/tabbed.yml': baseFile('data/china-magnet-exports-world.yml'),
    });
    expect(result.problems.map((p) => p.file)).toEqual(['data/tabbed.tsv']);
    expect(result.datasets).toBe(4);
  });

  test('one old address as the alias of two notes is reported at the second', () => {
    const result = check({
      'content/notes/a.mdx': note('A.', `${BASE_FRONTMATTER}\naliases: [/notes/old/]`),
      'content/notes/b.mdx': note('B.', `${BASE_FRONTMATTER}\naliases:\n  - /notes/old`),
    });
    expect(formatProblems(result.problems)).toBe(
      'content/notes/b.mdx:8:5 aliases.0: /notes/old/ is also an alias of content/notes/a.mdx; it can redirect to one page only\n' +
        '  hint: keep the alias on the page that replaced the old one, and remove it from the other',
    );
  });

  test('what npm run new writes checks clean', () => {
    const date = new Date('2025-08-01T00:00:00Z');
    const files = Object.fromEntries(
      (['note', 'event'] as const).map((kind) => {
        const { file, text } = scaffold(kind, `new-${kind}`, { date });
        return [file, text];
      }),
    );
    const result = check(files);
    expect(formatProblems(result.problems)).toBe('');
    expect(result).toMatchObject({ notes: 2, events: 2 });
  });

  test('a .yml without its CSV is reported', () => {
    const result = check({ 'data/china-magnet-exports-us.csv': null });
    expect(result.problems.map((p) => p.problem)).toContain(
      'data/china-magnet-exports-us.yml describes a dataset, but there is no data/china-magnet-exports-us.csv',
    );
  });
});
