/**
 * Hostile input, end to end: a site whose every author-controlled field (note and event
 * frontmatter, component props, dataset metadata) and every dataset column carries payloads
 * (script tags, attribute breakers, "]]>", formula cells, bidi and zero-width characters, and
 * URLs with markup in them) is built, then every file in dist/ is checked in its own format:
 * HTML has no element, attribute or URL that came from the payloads; feeds, sitemaps and SVGs
 * parse with a conforming XML parser (saxes); JSON parses; CSV cells start no formula;
 * calendars parse; and Chromium, loading every page, fires no dialog.
 */
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { csvParseRows } from 'd3-dsv';
import ICAL from 'ical.js';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smartypants } from '../../src/lib/typography.ts';
import { elements, parseStrictXml, textOf, type XmlNode } from '../feeds/strict-xml.ts';
import { type BuiltSite, buildSite, PROJECT_ROOT, removeSite } from '../helpers/build-site.ts';
import { launchChromium } from '../helpers/chromium.ts';
import { serveDirectory } from '../helpers/static-server.ts';

const FIXTURE_CONFIG = path.join(PROJECT_ROOT, 'test/fixtures/sites/astro.fixture.mjs');
const HAS_CHROMIUM = existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium');

/** Every payload in one string, tagged with the field it was put in so a leak names its source. */
const BIDI = '\u202eevil\u202c \u2066iso\u2069';
const ZERO_WIDTH = 'zero\u200bwidth\u200d\ufeff';
const payload = (field: string) =>
  `${field} <script>alert(1)</script> "><img src=x onerror=alert(1)> '><svg onload=alert(1)> ]]> &amp; R&D <b>bold</b> ${BIDI} ${ZERO_WIDTH}`;
/** A cell a spreadsheet would run, with a payload after it. */
const formula = (field: string) => `=HYPERLINK("https://evil.example","${field}")`;
/** An allowed (https) link whose query tries to break out of an attribute. */
const url = (field: string) => `https://example.com/${field}?q="><script>alert(1)</script>&r='onmouseover=alert(1)`;
/** A YAML double-quoted scalar (JSON strings are valid YAML). */
const y = (text: string) => JSON.stringify(text);

const WRITTEN_TITLE = payload('note title');
/** Headlines are typeset (curly quotes) before they are escaped: the payload arrives as text, curled. */
const TITLE = smartypants(WRITTEN_TITLE);
/** Event names are typeset the same way (src/lib/typography.ts, typesetEvent). */
const WRITTEN_EVENT = payload('event name');
const EVENT = smartypants(WRITTEN_EVENT);
const SPEAKER = payload('speaker');

/** The text column's cells: markup, formulas, a script URL, bidi and zero-width characters. */
const LABELS = [
  payload('cell'),
  formula('cell'),
  '+cmd|"/c calc"!A0',
  '@SUM(1+1)',
  'javascript:alert(1)',
  `${BIDI} ${ZERO_WIDTH}`,
];

function dataset(): Record<string, string> {
  const rows = LABELS.map((label, i) => [label, String(i + 1), `2025-0${i + 1}`]);
  const csv = ['label,value,month', ...rows.map((cells) => cells.map(quoteCsv).join(','))].join('\n');
  const yml = `title: ${y(payload('dataset title'))}
description: ${y(payload('dataset description'))}
source:
  name: ${y(`${formula('source name')} ${payload('source name')}`)}
  url: ${y(url('dataset-source'))}
unit: ${y(payload('unit'))}
licence: ${y(`CC BY,${formula('licence')};+licence`)}
asOf: 2025-06-20
notes: ${y(payload('dataset notes'))}
columns:
  label: { type: string, label: ${y(payload('label column'))} }
  value: { type: number, label: ${y(payload('value column'))}, unit: ${y(payload('column unit'))} }
  month: { type: date, format: "%Y-%m", label: ${y(payload('month column'))} }
`;
  return { 'data/hostile.csv': `${csv}\n`, 'data/hostile.yml': yml };
}

function quoteCsv(cell: string): string {
  return /[",\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

function note(): string {
  const prop = (field: string) => `{${JSON.stringify(payload(field))}}`;
  return `---
title: ${y(WRITTEN_TITLE)}
dek: ${y(payload('dek'))}
published: 2025-06-20
edition: 2025-05
authors: [${y(payload('author'))}, "1e3"]
topics: [magnets]
sources:
  - name: ${y(payload('source'))}
    url: ${y(url('note-source'))}
  - name: ${y(formula('source without link'))}
updates:
  - date: 2025-06-25
    summary: ${y(payload('update summary'))}
---

Text {${JSON.stringify(payload('body expression'))}}, a [link](${url('body-link').replaceAll('"', '%22').replaceAll("'", '%27')}).

Value <Value data="hostile" at="2025-03" column="value" />, <Change data="hostile" from="2025-01" to="2025-02" />.

<Chart data="hostile" type="bar" x="label" y="value" title=${prop('chart title')} subtitle=${prop('chart subtitle')} />

<Chart data="hostile" type="line" x="month" y="value" title=${prop('line chart title')} />

<Callout title=${prop('callout title')} tone="key">
Callout text {${JSON.stringify(payload('callout body'))}}.
</Callout>
`;
}

function event(): string {
  return `---
name: ${y(WRITTEN_EVENT)}
summary: ${y(payload('event summary'))}
published: 2025-08-21
start: "2025-09-22T09:00"
end: "2025-09-23T17:00"
timezone: America/Toronto
days:
  - date: "2025-09-22"
    title: ${y(payload('day title'))}
    sessions:
      - start: "09:30"
        end: "10:00"
        title: ${y(payload('session title'))}
        kind: talk
        speakers: [${y(SPEAKER)}]
        room: ${y(payload('room'))}
        location: ${y(payload('location'))}
        description: ${y(payload('session description'))}
venue:
  name: ${y(payload('venue'))}
  streetAddress: ${y(payload('street'))}
  city: ${y(payload('city'))}
  region: ${y(payload('region'))}
  postalCode: ${y(payload('postcode'))}
  country: ${y(payload('country'))}
  mapUrl: ${y(url('map'))}
organiser:
  name: ${y(payload('organiser'))}
  url: ${y(url('organiser'))}
registration:
  url: ${y(url('registration'))}
  status: open
  price: ${y(payload('price'))}
speakers:
  - name: ${y(SPEAKER)}
    role: ${y(payload('role'))}
    organisation: ${y(payload('organisation'))}
themes: [${y(payload('theme'))}]
topics: [magnets]
relatedNotes: [hostile]
updates:
  - date: 2025-09-01
    summary: ${y(payload('event update'))}
---

Event text {${JSON.stringify(payload('event body'))}}.
`;
}

/** A link accepted before links were checked: history holding it must keep building. */
const OLD_URL = 'javascript:alert("old version")';

/** A note and a dataset whose source links are `link`; the fixed note records the fix as an update. */
function oldLinks(link: string): Record<string, string> {
  const fixed = !link.startsWith('javascript:');
  return {
    'data/old-source.csv': 'month,value\n2025-01,1\n2025-02,2\n',
    'data/old-source.yml': `title: Old source\ndescription: D.\nsource: { name: Old agency, url: ${y(link)} }\nunit: t\nlicence: L\nasOf: 2025-06-20\ncolumns:\n  month: { type: date, format: "%Y-%m" }\n  value: { type: number }\n`,
    'content/notes/old-links.mdx': `---
title: Old links
dek: A note whose first version linked a script.
published: 2025-06-20
edition: 2025-05
authors: [Tester]
sources:
  - name: Old source
    url: ${y(link)}
${fixed ? 'updates:\n  - date: 2025-10-01\n    summary: Fixed the source link\n' : ''}---

See [the agency](${fixed ? link : 'javascript:alert(2)'}).

<Chart data="old-source" type="bar" x="month" y="value" />
`,
  };
}

/** Every file under `dir`, relative, without Pagefind's own bundle. */
function filesIn(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return name === 'pagefind' ? [] : filesIn(file, base);
    return [path.relative(base, file)];
  });
}

/** A URL that would run or embed code when followed. */
const CODE_URL = /^\s*(javascript|vbscript|data):/i;
const URL_ATTRIBUTES = ['href', 'src', 'action', 'formaction', 'poster', 'cite', 'xlink:href', 'srcset'];

/** What a page may not contain: elements, handlers or URLs that run code, other than the site's own. */
function htmlProblems(html: string): string[] {
  const { document } = parseHTML(html);
  const problems: string[] = [];
  for (const element of document.querySelectorAll('*')) {
    const tag = element.localName;
    for (const { name, value } of [...element.attributes]) {
      if (/^on/i.test(name)) problems.push(`<${tag} ${name}>`);
      if (URL_ATTRIBUTES.includes(name) && CODE_URL.test(value)) problems.push(`<${tag} ${name}="${value}">`);
    }
    if (tag === 'script') {
      const type = element.getAttribute('type');
      if (type === 'application/ld+json') {
        const text = element.textContent ?? '';
        if (/<\//.test(text)) problems.push('JSON-LD with "</"');
        try {
          JSON.parse(text);
        } catch {
          problems.push('JSON-LD that does not parse');
        }
      } else if (!element.getAttribute('src')?.startsWith('/')) {
        problems.push(`inline <script type="${type}">`);
      }
    }
    if (['iframe', 'object', 'embed', 'base', 'form'].includes(tag)) problems.push(`<${tag}>`);
    if (tag === 'img' && element.getAttribute('src') === 'x') problems.push('<img src=x>');
  }
  return problems;
}

let root: string;
let site: BuiltSite;
let files: string[];
const read = (file: string) => readFileSync(path.join(site.outDir, file), 'utf8');

beforeAll(() => {
  mkdirSync(path.join(PROJECT_ROOT, 'test/.tmp'), { recursive: true });
  root = mkdtempSync(path.join(PROJECT_ROOT, 'test/.tmp/hostile-input-'));
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  };
  write('astro.config.mjs', `export { default } from ${JSON.stringify(FIXTURE_CONFIG)};\n`);
  for (const [file, text] of Object.entries(dataset())) write(file, text);
  // Versions read history as on a real site. The first commit has links that were accepted
  // then and are not now; the second fixes them, so only earlier versions still hold them.
  const git = (date: string, ...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], {
      cwd: root,
      env: { ...process.env, GIT_AUTHOR_DATE: `${date}T00:00:00Z`, GIT_COMMITTER_DATE: `${date}T00:00:00Z` },
    });
  git('2025-06-20', 'init', '-q');
  for (const [file, text] of Object.entries(oldLinks(OLD_URL))) write(file, text);
  git('2025-06-20', 'add', '.');
  git('2025-06-20', 'commit', '-q', '-m', 'old links');
  for (const [file, text] of Object.entries(oldLinks('https://example.com/fixed'))) write(file, text);
  write('content/notes/hostile.mdx', note());
  write('content/events/hostile-event.mdx', event());
  git('2025-10-01', 'add', '.');
  git('2025-10-01', 'commit', '-q', '-m', 'hostile site');
  site = buildSite(root);
  if (!site.ok) throw new Error(site.output);
  files = filesIn(site.outDir);
}, 300_000);
afterAll(() => {
  if (site) removeSite(site);
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('a site built from hostile input', () => {
  it('builds every kind of output', () => {
    for (const kind of ['.html', '.xml', '.json', '.csv', '.svg', '.png', '.ics']) {
      expect(
        files.some((file) => file.endsWith(kind)),
        kind,
      ).toBe(true);
    }
  });

  it('pages show the payloads as text and carry no element, handler or URL from them', () => {
    const pages = files.filter((file) => file.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(10);
    for (const file of pages) expect(htmlProblems(read(file)), file).toEqual([]);
    const notePage = parseHTML(read('notes/hostile/index.html')).document;
    expect(notePage.querySelector('h1')?.textContent).toBe(TITLE);
    expect(notePage.body.textContent).toContain(smartypants(payload('chart title')));
    // The data parser trims cells (a trailing U+FEFF included); the rest reaches the page as text.
    expect(notePage.body.textContent).toContain(payload('cell').trim());
    const links = [...notePage.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(links).toContain(url('note-source'));
    expect(links).toContain(url('dataset-source'));
    const eventPage = parseHTML(read('events/hostile-event/index.html')).document;
    expect(eventPage.querySelector('h1')?.textContent).toBe(EVENT);
    // The event is over on the build date, so registration is closed; the organiser's link stays.
    expect([...eventPage.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toContain(url('organiser'));
  });

  it('an earlier version with a link not allowed now builds, shows the name without the link, and warns', () => {
    expect(site.output).toMatch(/warning: an earlier version has a link that is not allowed now; shown as plain text/);
    const v1 = parseHTML(read('notes/old-links/v1/index.html')).document;
    const source = [...v1.querySelectorAll('li')].find((li) => li.textContent?.trim() === 'Old source');
    expect(source, 'the source is listed').toBeDefined();
    expect(source?.querySelector('a')).toBeNull();
    // Its chart reads the data as committed then: the agency is named, unlinked.
    const line = v1.querySelector('figure.chart .chart__source');
    expect(line?.textContent).toContain('Old agency');
    expect([...(line?.querySelectorAll('a') ?? [])].filter((a) => a.textContent?.includes('Old agency'))).toEqual([]);
    // A link in its text that would run code is its text alone (the global checks find no javascript: URL).
    expect(v1.body.textContent).toContain('See the agency.');
    expect(site.output).toMatch(/warning: \.assay\/versions\/notes\/old-links\/v1\.mdx:\d+:\d+ link 'javascript:/);
    const latest = parseHTML(read('notes/old-links/index.html')).document;
    expect([...latest.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toContain('https://example.com/fixed');
  });

  it("a chart's description, table and SVG show every cell as text", () => {
    const { document } = parseHTML(read('notes/hostile/index.html'));
    const figure = document.querySelector('figure.chart');
    const description = figure?.querySelector('.chart__description')?.textContent ?? '';
    const cells = [...(figure?.querySelectorAll('details td') ?? [])].map((cell) => cell.textContent);
    const svgText = [...(figure?.querySelectorAll('svg text, svg title') ?? [])].map((node) => node.textContent);
    expect(description).toContain(smartypants(payload('chart subtitle')).trim());
    // The data parser trims cells, a trailing U+FEFF included.
    for (const label of LABELS.map((value) => value.trim())) {
      expect(cells).toContain(label);
      expect(svgText.join('\n')).toContain(label);
    }
  });

  it('email editions are as inert as pages', () => {
    const emails = files.filter((file) => file.endsWith('email.html'));
    expect(emails.length).toBeGreaterThan(0);
    for (const file of emails) expect(htmlProblems(read(file)), file).toEqual([]);
    expect(read('notes/hostile/email.html')).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('every XML file (feeds, sitemaps) parses strictly, text intact', () => {
    const xmlFiles = files.filter((file) => file.endsWith('.xml'));
    expect(xmlFiles).toEqual(expect.arrayContaining(['rss.xml', 'atom.xml']));
    for (const file of xmlFiles) {
      let document: XmlNode | undefined;
      expect(() => {
        document = parseStrictXml(read(file));
      }, file).not.toThrow();
      if (!document) continue;
      // Readers render RSS descriptions as HTML: each must be text only.
      for (const description of elements(document, 'description')) {
        const html = textOf(description);
        const { document: fragment } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
        expect(fragment.body.querySelectorAll('*').length, `${file}: ${html}`).toBe(0);
      }
      for (const content of [...elements(document, 'content:encoded'), ...elements(document, 'content')]) {
        expect(htmlProblems(`<!doctype html><html><body>${textOf(content)}</body></html>`), file).toEqual([]);
      }
    }
    const atom = parseStrictXml(read('atom.xml'));
    // Topics are declared in the site settings (an undeclared one fails the content check), so
    // a feed's categories carry the declared names, not text from the note.
    expect(elements(atom, 'category').map((category) => category.attributes.label)).toContain('Magnets');
    expect(elements(atom, 'title').map(textOf)).toContain(TITLE);
    const rss = parseStrictXml(read('rss.xml'));
    expect(elements(rss, 'dc:creator').map(textOf)).toEqual(expect.arrayContaining([payload('author'), '1e3']));
  });

  it('every SVG parses strictly and runs nothing', () => {
    const svgs = files.filter((file) => file.endsWith('.svg'));
    for (const file of svgs) {
      const svg = parseStrictXml(read(file));
      const all = [svg, ...elements(svg, '*')];
      expect(elements(svg, 'script'), file).toEqual([]);
      const walk = (node: XmlNode): string[] => [
        ...Object.keys(node.attributes).filter((name) => /^on/i.test(name)),
        ...node.children.flatMap((child) => (typeof child === 'string' ? [] : walk(child))),
      ];
      expect(walk(svg), file).toEqual([]);
      expect(all.length).toBeGreaterThan(0);
    }
  });

  it('every JSON file parses, and JSON Feed HTML is inert', () => {
    for (const file of files.filter((name) => name.endsWith('.json'))) {
      const json = JSON.parse(read(file));
      if (!file.endsWith('feed.json')) continue;
      for (const item of json.items) {
        expect(htmlProblems(`<!doctype html><html><body>${item.content_html}</body></html>`), file).toEqual([]);
      }
      if (file === 'feed.json') expect(json.items.map((item: { title: string }) => item.title)).toContain(TITLE);
    }
  });

  it('no CSV cell, metadata lines included, starts a formula', () => {
    const csvs = files.filter((file) => file.endsWith('.csv'));
    expect(csvs.length).toBeGreaterThan(0);
    for (const file of csvs) {
      const text = read(file);
      const cells = csvParseRows(text).flat();
      expect(
        cells.filter((cell) => /^\s*[=+\-@]/.test(cell)),
        file,
      ).toEqual([]);
    }
    // The chart over the text column wrote its formula cells neutralised, not dropped.
    const texts = csvs.map(read).join('\n');
    expect(texts).toContain(`"'${formula('cell').replaceAll('"', '""')}"`);
    expect(texts).toContain(`'+cmd|""/c calc""!A0`);
  });

  it('calendars parse, with the event name as typeset', () => {
    const calendars = files.filter((file) => file.endsWith('.ics'));
    for (const file of calendars) {
      const calendar = new ICAL.Component(ICAL.parse(read(file)));
      const events = calendar.getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent));
      if (file.includes('hostile-event')) expect(events.map((e) => e.summary)).toContain(EVENT);
    }
  });

  it('PNGs (chart twins and previews) were all drawn', () => {
    for (const file of files.filter((name) => name.endsWith('.png'))) {
      const bytes = readFileSync(path.join(site.outDir, file));
      expect(bytes.subarray(1, 4).toString('latin1'), file).toBe('PNG');
    }
  });

  it('no script file carries author text', () => {
    for (const file of files.filter((name) => name.endsWith('.js') || name.endsWith('.mjs'))) {
      expect(read(file), file).not.toContain('alert(1)');
    }
  });

  // CI installs Debian's Chromium before `npm test` (.ci/run); a machine without it skips, and says so.
  it.skipIf(!HAS_CHROMIUM && !process.env.CI)(
    'Chromium fires no dialog on any page, nor on search results',
    async () => {
      // The build wrote the search index (src/integrations/search-index.ts).
      const server = await serveDirectory(site.outDir);
      const browser = await launchChromium();
      const dialogs: string[] = [];
      try {
        const page = await browser.newPage();
        page.on('dialog', (dialog) => {
          dialogs.push(`${page.url()}: ${dialog.message()}`);
          void dialog.dismiss();
        });
        // The check can fail: a handler that runs is seen.
        await page.setContent('<img src="x" onerror="alert(\'canary\')">');
        await expect.poll(() => dialogs.length).toBe(1);
        dialogs.length = 0;
        for (const file of files.filter((name) => name.endsWith('.html'))) {
          const pathname = `/${file.replace(/(^|\/)index\.html$/, '$1')}`;
          await page.goto(new URL(pathname, server.url).href, { waitUntil: 'load' });
          // Give onerror and onload handlers (a broken image, an SVG) time to run.
          await page.waitForTimeout(50);
        }
        // Search results show excerpts of the indexed text as markup.
        await page.goto(new URL('/search/', server.url).href, { waitUntil: 'load' });
        await page.locator('pagefind-input input').fill('onerror');
        await expect.poll(() => page.locator('pagefind-results a').count(), { timeout: 10_000 }).toBeGreaterThan(0);
        await page.waitForTimeout(300);
        const results = await page.locator('pagefind-results').innerHTML();
        expect(htmlProblems(`<!doctype html><html><body>${results}</body></html>`)).toEqual([]);
      } finally {
        await browser.close();
        await server.close();
      }
      expect(dialogs).toEqual([]);
    },
    120_000,
  );
});
