import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textBelow } from '../../src/charts/image-text.ts';
import { twinSvg } from '../../src/charts/twin.ts';
import { type BuiltSite, buildSite, PROJECT_ROOT, removeSite } from '../helpers/build-site.ts';

const NOTE_SLUGS = readdirSync(path.join(PROJECT_ROOT, 'content/notes'))
  .filter((file) => file.endsWith('.mdx'))
  .map((file) => file.slice(0, -4));

function page(site: BuiltSite, urlPath: string): Document {
  const file = path.join(site.outDir, urlPath, urlPath.endsWith('/') ? 'index.html' : '');
  return parseHTML(readFileSync(file, 'utf8')).document;
}

describe('the sample site, built after the summit (2026-01-15)', () => {
  let site: BuiltSite;
  beforeAll(() => {
    site = buildSite(PROJECT_ROOT, { ASSAY_BUILD_DATE: '2026-01-15' });
    if (!site.ok) throw new Error(`sample site build failed:\n${site.output}`);
  });
  afterAll(() => removeSite(site));

  it("prints no warning for Astro's own head-inject directive (one per MDX file before)", () => {
    expect(site.output).toContain('Building static entrypoints');
    expect(site.output).not.toContain('use astro:head-inject');
  });

  it('prints no warning at all, and each route on a line of its own (non-terminal output)', () => {
    // The glob loader warned about the empty .assay/versions/events on every build.
    expect(site.output).not.toMatch(/\[WARN\]|warning/i);
    const routes = site.output.split('\n').filter((line) => line.includes('├─'));
    expect(routes.length).toBeGreaterThan(10);
    for (const line of routes) expect(line.split('├─')).toHaveLength(2);
  });

  it('has a page for every note', () => {
    expect(NOTE_SLUGS.length).toBeGreaterThanOrEqual(3);
    for (const slug of NOTE_SLUGS) {
      const document = page(site, `/notes/${slug}/`);
      expect(document.querySelector('h1')?.textContent?.trim().length).toBeGreaterThan(0);
    }
  });

  it('ships no script on note pages', () => {
    for (const slug of NOTE_SLUGS) {
      const html = readFileSync(path.join(site.outDir, 'notes', slug, 'index.html'), 'utf8');
      expect(html).not.toMatch(/<script\b(?![^>]*application\/ld\+json)/i);
    }
  });

  it('lists every note in the archive, grouped by edition month', () => {
    const document = page(site, '/notes/');
    const links = [...document.querySelectorAll('main a')].map((a) => a.getAttribute('href'));
    for (const slug of NOTE_SLUGS) expect(links).toContain(`/notes/${slug}/`);
    const months = [...document.querySelectorAll('main h2')].map((h) => h.textContent?.trim());
    expect(months).toEqual(['July 2025', 'June 2025', 'May 2025']);
  });

  it('has a month page per edition, a home page leading with the latest note, about and 404', () => {
    expect(existsSync(path.join(site.outDir, 'notes/2025/07/index.html'))).toBe(true);
    const home = page(site, '/');
    expect(home.querySelector('#lead-title a')?.getAttribute('href')).toBe('/notes/china-magnet-exports-july-2025/');
    expect(existsSync(path.join(site.outDir, 'about/index.html'))).toBe(true);
    expect(existsSync(path.join(site.outDir, '404.html'))).toBe(true);
  });

  it('shows the past summit as finished: days without sessions by title, no registration, the .ics kept', () => {
    const document = page(site, '/events/rare-earth-summit-toronto-2025/');
    const main = document.querySelector('main')?.textContent ?? '';
    expect(main).not.toContain('No sessions are listed');
    expect(main).not.toMatch(/Registration is through|Register\b/);
    expect(document.querySelector('a.cta__link')).toBeNull();
    // The third day has a title and no sessions: its heading stands alone.
    const day = document.querySelector('[aria-labelledby="day-2025-09-24"]');
    expect(day?.querySelector('h3')?.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      'Wednesday 24 September 2025 Conference day 2',
    );
    expect(day?.children).toHaveLength(1);
    expect(document.querySelector('.event__facts a[href$=".ics"]')?.getAttribute('href')).toBe(
      '/events/rare-earth-summit-toronto-2025.ics',
    );
  });

  it('names topics as the settings declare them and links each to a topic page that exists', () => {
    const event = page(site, '/events/rare-earth-summit-toronto-2025/');
    const links = [...event.querySelectorAll('.event__facts dd a[href^="/topics/"]')];
    expect(links.map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['Magnets', '/topics/magnets/'],
      ['Export controls', '/topics/export-controls/'],
    ]);
    const note = page(site, '/notes/china-magnet-exports-july-2025/');
    expect([...note.querySelectorAll('.note-header .kicker a[href^="/topics/"]')].map((a) => a.textContent)).toEqual([
      'Magnets',
      'Export controls',
    ]);
    const archive = page(site, '/notes/');
    const hrefs = new Set(
      [event, note, archive].flatMap((doc) =>
        [...doc.querySelectorAll('main a[href^="/topics/"]')].map((a) => a.getAttribute('href') ?? ''),
      ),
    );
    expect(hrefs.size).toBeGreaterThanOrEqual(4);
    for (const href of hrefs) expect(existsSync(path.join(site.outDir, href, 'index.html')), href).toBe(true);
    const topic = page(site, '/topics/magnets/');
    expect(topic.querySelector('.dek')?.textContent).toMatch(/permanent magnets/);
    expect(topic.querySelector('#topic-events-title + ul a')?.getAttribute('href')).toBe(
      '/events/rare-earth-summit-toronto-2025/',
    );
  });

  it("lists the event's related notes as the archive does: headline, then the summary in its own paragraph", () => {
    const items = [...page(site, '/events/rare-earth-summit-toronto-2025/').querySelectorAll('.event__related li')];
    expect(items).toHaveLength(3);
    for (const item of items) {
      const link = item.querySelector('h3 > a');
      expect(link?.getAttribute('href')).toMatch(/^\/notes\/china-magnet-exports-/);
      expect(link?.parentElement?.textContent?.trim()).toBe(link?.textContent?.trim());
      expect(item.querySelector('h3 + p')?.textContent?.length).toBeGreaterThan(20);
    }
  });

  it('leads each note to the notes either side of it by edition month, and to related notes', () => {
    const links = (slug: string, selector: string) =>
      [...page(site, `/notes/${slug}/`).querySelectorAll(selector)].map((a) => a.getAttribute('href'));
    const may = 'china-magnet-exports-may-2025';
    const june = 'china-magnet-exports-june-2025';
    const july = 'china-magnet-exports-july-2025';
    expect(links(may, 'a[rel="prev"]')).toEqual([]);
    expect(links(may, 'a[rel="next"]')).toEqual([`/notes/${june}/`]);
    expect(links(june, 'a[rel="prev"]')).toEqual([`/notes/${may}/`]);
    expect(links(june, 'a[rel="next"]')).toEqual([`/notes/${july}/`]);
    expect(links(july, 'a[rel="prev"]')).toEqual([`/notes/${june}/`]);
    expect(links(july, 'a[rel="next"]')).toEqual([]);
    // June and May share as much with July (two datasets, three topics); June is its previous
    // note, linked just above, so the related notes do not repeat it.
    expect(links(july, '.note-related h3 a')).toEqual([`/notes/${may}/`]);
    for (const slug of [may, june, july]) {
      const related = links(slug, '.note-related h3 a');
      expect(related).not.toContain(`/notes/${slug}/`);
      for (const neighbour of links(slug, '.note-nav a')) expect(related).not.toContain(neighbour);
    }
  });

  it("shows the latest note's lead chart and the latest event on the home page", () => {
    const home = page(site, '/');
    const chart = home.querySelector('.lead figure.chart');
    expect(chart?.querySelector('svg')).not.toBeNull();
    expect(chart?.querySelector('.chart__title')?.textContent).toContain('V-shaped');
    expect(home.querySelector('#upcoming-title')?.textContent).toBe('Latest event');
    expect(home.querySelector('.upcoming a')?.getAttribute('href')).toBe('/events/rare-earth-summit-toronto-2025/');
  });

  it('ends every page with a footer from the site settings: newsletter, contact, terms, privacy', () => {
    for (const url of ['/', '/notes/china-magnet-exports-july-2025/', '/events/', '/about/']) {
      const footer = page(site, url).querySelector('footer.site-footer');
      const byText = new Map(
        [...(footer?.querySelectorAll('a') ?? [])].map((a) => [a.textContent?.trim(), a.getAttribute('href')]),
      );
      expect(byText.get('Newsletter sign-up'), url).toBe('https://newsletter.assay.example.com/subscribe');
      expect(byText.get('Contact us'), url).toBe('mailto:research@assay.example.com');
      expect(byText.get('Terms and licence'), url).toBe('/about/#terms');
      expect(byText.get('Privacy'), url).toBe('/about/#privacy');
      expect(footer?.textContent).toContain('© 2025 Assay Rare Earths Research');
    }
    const about = page(site, '/about/');
    for (const id of ['terms', 'privacy', 'contact']) expect(about.getElementById(id), id).not.toBeNull();
  });

  it('renders quoted figures from the data, not from the prose', () => {
    const text = page(site, '/notes/china-magnet-exports-may-2025/').querySelector('main')?.textContent ?? '';
    expect(text).toContain('1,238');
  });
});

describe('the sample site: charts and versions', () => {
  let site: BuiltSite;
  beforeAll(() => {
    site = buildSite(PROJECT_ROOT, { ASSAY_BUILD_DATE: '2026-01-15' });
    if (!site.ok) throw new Error(`sample site build failed:\n${site.output}`);
  });
  afterAll(() => removeSite(site));

  it('renders every chart as an accessible inline SVG figure with source, table, CSV and PNG', () => {
    let charts = 0;
    let twins = 0;
    for (const slug of NOTE_SLUGS) {
      for (const figure of page(site, `/notes/${slug}/`).querySelectorAll('figure.chart')) {
        charts++;
        const svg = figure.querySelector('svg[role="img"]');
        expect(svg, `${slug}: inline svg`).not.toBeNull();
        const name = figure.querySelector(`#${svg?.getAttribute('aria-labelledby')?.split(' ')[0]}`);
        expect(name?.textContent?.trim().length, `${slug}: accessible name`).toBeGreaterThan(0);
        // "Data as of" is the dataset's own asOf at the note's vintage, never a commit date (the
        // sample's commits are dated 2026; the sample histories predate asOf, so none is shown).
        expect(figure.querySelector('.chart__source')?.textContent).toMatch(/^Source: /);
        expect(figure.querySelector('.chart__source')?.textContent).not.toMatch(/2026|data version/);
        const rows = figure.querySelectorAll('details table tbody tr').length;
        expect(rows).toBeGreaterThan(0);
        const csvHref = figure.querySelector('a.chart__download')?.getAttribute('href') as string;
        const csv = readFileSync(path.join(site.outDir, csvHref), 'utf8');
        // Named by its content: charts over the same rows share one download.
        expect(path.basename(csvHref, '.csv')).toBe(createHash('sha256').update(csv).digest('hex').slice(0, 16));
        const csvRows = csv
          .trim()
          .split('\n')
          .filter((line) => !line.startsWith('#'));
        expect(csvRows.length - 1, `${slug}: CSV holds exactly the plotted rows`).toBe(rows);
        const pngHref = figure.getAttribute('data-png') as string;
        const png = readFileSync(path.join(site.outDir, pngHref));
        expect(png.subarray(1, 4).toString()).toBe('PNG');
        // Readers can download it beside the CSV.
        const downloads = [...figure.querySelectorAll('a.chart__download')];
        expect(downloads.map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
          ['Download CSV', csvHref],
          ['Download PNG', pngHref],
        ]);
        // The twin laid out again from what the page shows (its phone drawing, title, subtitle,
        // note and source line) has the PNG's size at 2x, so it is the picture in dist/; shown
        // 360 px wide in an email, none of its text is under 11 px.
        const twin = twinSvg(figure.querySelector('svg.chart__plot--narrow')?.outerHTML as string, {
          title: figure.querySelector('.chart__title')?.textContent?.trim(),
          subtitle: figure.querySelector('.chart__subtitle')?.textContent?.trim(),
          caption: figure.querySelector('.chart__note')?.textContent?.trim(),
          source: (figure.querySelector('.chart__source')?.textContent ?? '').split(' Download')[0]?.trim() as string,
          publisher: 'Assay Rare Earths Research',
          host: 'assay.example.com',
        });
        expect([png.readUInt32BE(16), png.readUInt32BE(20)], pngHref).toEqual([2 * twin.width, 2 * twin.height]);
        expect(textBelow(twin.svg, 11, 360 / twin.width), pngHref).toEqual([]);
        twins++;
      }
    }
    expect(charts).toBeGreaterThanOrEqual(7);
    expect(twins).toBe(charts);
    // Only the downloads and the PNG twins: the standalone SVG stays in memory (PNG source).
    const kinds = new Set(readdirSync(path.join(site.outDir, 'charts')).map((file) => path.extname(file)));
    expect([...kinds].sort()).toEqual(['.csv', '.png']);
  });

  it('quotes figures from the data in prose', () => {
    const lead = page(site, '/notes/china-magnet-exports-may-2025/').querySelector('.prose p')?.textContent ?? '';
    expect(lead).toMatch(/permanent\s+magnets\s+at\s+1,238\s?tonnes\b/);
    const text = page(site, '/notes/china-magnet-exports-may-2025/').querySelector('.prose')?.textContent ?? '';
    expect(text).toContain('down 77%');
    expect(text).toContain('down 53%');
  });

  it('shows the May note at version 3 with its change log and the original at /v1/', () => {
    const latest = page(site, '/notes/china-magnet-exports-may-2025/');
    expect(latest.querySelector('.byline')?.textContent).toContain('Version 3');
    expect(latest.querySelector('#versions a[href="/notes/china-magnet-exports-may-2025/v1/"]')).not.toBeNull();
    expect(latest.querySelector('.prose')?.textContent).toContain('Postscript');
    expect(latest.querySelector('#versions')?.textContent).toContain('Corrected the postscript');
    const first = page(site, '/notes/china-magnet-exports-may-2025/v1/');
    expect(first.querySelector('.version-banner')?.textContent).toContain('version 1 of 3');
    expect(first.querySelector('.prose')?.textContent).not.toContain('Postscript');
  });

  it('shows the June note corrected at version 2, the false chart title kept at /v1/', () => {
    const latest = page(site, '/notes/china-magnet-exports-june-2025/');
    expect(latest.querySelector('.byline')?.textContent).toContain('Version 2');
    expect(latest.querySelector('#versions')?.textContent).toContain('Corrected the chart title');
    expect(latest.querySelector('.prose')?.textContent).toContain('almost half of the ground lost');
    const first = page(site, '/notes/china-magnet-exports-june-2025/v1/');
    expect(first.querySelector('.version-banner')?.textContent).toContain('version 1 of 2');
    expect(first.querySelector('.prose')?.textContent).toContain('more than half of the ground lost');
  });

  it('typesets headlines and deks with curly apostrophes on pages, in JSON-LD, feeds and email', () => {
    // Numeric references decoded, so the check holds however each writer escapes the character.
    const read = (file: string) =>
      readFileSync(path.join(site.outDir, file), 'utf8').replace(/&#(\d+);/g, (_, code) =>
        String.fromCodePoint(Number(code)),
      );
    const title = 'China’s magnet exports fell 77% in two months after the April licensing rule';
    const note = page(site, '/notes/china-magnet-exports-may-2025/');
    expect(note.querySelector('h1')?.textContent?.trim()).toBe(title);
    const jsonLd = JSON.parse(note.querySelector('script[type="application/ld+json"]')?.textContent ?? '{}');
    expect(JSON.stringify(jsonLd)).toContain(title);
    expect(page(site, '/notes/china-magnet-exports-june-2025/').querySelector('.dek')?.textContent).toContain(
      'more than double May’s low',
    );
    const feed = JSON.parse(read('feed.json')) as { items: { title: string; summary: string }[] };
    expect(feed.items.map((item) => item.title)).toContain(title);
    for (const file of ['rss.xml', 'atom.xml', 'notes/china-magnet-exports-may-2025/email.html']) {
      expect(read(file), file).toContain(title);
      expect(read(file), file).not.toContain("China's magnet exports fell 77% in two months after");
    }
  });

  it('keeps older notes’ charts at their data vintage after later months are appended', () => {
    const current = readFileSync(path.join(PROJECT_ROOT, 'data/china-magnet-exports-us.csv'), 'utf8');
    expect(current).toContain('2025-07');
    // The June note's first version: its US chart has no end month, so only its data vintage stops it at June.
    const usChart = [...page(site, '/notes/china-magnet-exports-june-2025/v1/').querySelectorAll('figure.chart')].find(
      (figure) => figure.querySelector('.chart__title')?.textContent?.includes('US'),
    );
    const months = [...(usChart?.querySelectorAll('tbody tr td:first-child') ?? [])].map((td) => td.textContent);
    expect(months.join(' ')).toContain('Jun');
    expect(months.join(' ')).not.toContain('Jul');
  });
});
