/**
 * Link previews: the card renderer (deterministic, cached, 1200x630 PNG) and, on a real
 * build, Open Graph and Twitter tags on every page pointing at a preview image in dist/.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textBelow } from '../../src/charts/image-text.ts';
import { NAMED_SERIES_COLOURS, PALETTE } from '../../src/charts/palette.ts';
import { pngSize } from '../../src/charts/png.ts';
import { twinSvg } from '../../src/charts/twin.ts';
import { MIN_CARD_TEXT, type OgCard, treeFontSizes } from '../../src/og/card.ts';
import { drawOgCard, nestChart, ogCardSvg } from '../../src/og/draw.ts';
import { ogCardKey, prefetchOgCard, renderOgCard } from '../../src/og/render.ts';
import { eventCard, withdrawnNoteCard } from '../../src/og/site-cards.ts';
import { distFileFor, htmlFiles, metaTags, pngFileSize } from '../feeds/dist.ts';
import { type BuiltSite, buildSite, PROJECT_ROOT, removeSite } from '../helpers/build-site.ts';
import { rawRows } from '../helpers/png.ts';
import { RETRACTED } from './retracted.ts';

const card: OgCard = {
  kicker: 'Market note · July 2025',
  title: "July's magnet exports were back near their level </script><b>before</b> the controls",
  text: 'At 5,577 tonnes, China’s July shipments matched March & beat July 2024.',
  meta: ['Published 21 August 2025'],
  publisher: 'Assay Rare Earths Research',
  // A golden phone drawing in its PNG twin, as the chart engine stages it.
  chart: { svg: twinOf(readFileSync(path.join(PROJECT_ROOT, 'test/output/line-narrow.svg'), 'utf8')) },
};

function twinOf(narrow: string): string {
  const text = { title: 'Chart title', source: 'Source: Customs.', publisher: 'P', host: 'assay.example.com' };
  return twinSvg(narrow, text).svg;
}

describe('preview card renderer', () => {
  let cacheDir: string;
  beforeAll(() => {
    cacheDir = mkdtempSync(path.join(tmpdir(), 'assay-og-cache-'));
    process.env.ASSAY_CACHE_DIR = cacheDir;
  });
  afterAll(() => {
    delete process.env.ASSAY_CACHE_DIR;
    rmSync(cacheDir, { recursive: true, force: true });
  });

  it('draws a 1200x630 PNG, the same bytes every time', async () => {
    const start = performance.now();
    const first = await drawOgCard(card);
    const ms = performance.now() - start;
    const second = await drawOgCard(card);
    expect(pngSize(first)).toEqual({ width: 1200, height: 630 });
    expect(Buffer.compare(first, second)).toBe(0);
    console.info(`preview card with chart: ${Math.round(ms)} ms uncached`);
  }, 30_000);

  it("nests the lead chart, out of its twin, as a scaled group: no nested viewport, clip, mask, titles or the twin's texts", () => {
    const chart = card.chart?.svg as string;
    expect(chart).toContain('Source: Customs.');
    const layout =
      '<svg width="1200" height="630" xmlns="http://www.w3.org/2000/svg"><path d="M0,0"/>' +
      '<image x="560" y="12" width="640" height="618" href="data:image/svg+xml;base64,AB+C/=" preserveAspectRatio="none" clip-path="url(#c)" mask="url(#m)"/><path d="M1,1"/></svg>';
    const nested = nestChart(layout, 'data:image/svg+xml;base64,AB+C/=', chart) as string;
    expect(nested).not.toContain('<image');
    expect(nested).not.toContain('<title>');
    expect(nested).not.toContain('url(#c)');
    expect(nested).not.toContain('Source: Customs.');
    expect(nested.match(/<svg\b/g)).toHaveLength(1);
    expect(nested).toMatch(/^<svg[^>]*><path d="M0,0"\/><g transform="translate\(/);
    expect(nested).toMatch(/<\/g><path d="M1,1"\/><\/svg>$/);
    // Font and colour set on the chart's root still reach its text, raised to 20 px on the card.
    expect(nested).toMatch(/<g transform="[^"]*"[^>]* font-family="Inter"/);
    expect(nested).toContain('data-mark="y-axis tick label"');
    expect(textBelow(nested, MIN_CARD_TEXT)).toEqual([]);
    // A chart too tall to reach that size is left off rather than shown illegibly.
    const squat = layout.replace('height="618"', 'height="300"');
    expect(nestChart(squat, 'data:image/svg+xml;base64,AB+C/=', chart)).toBeUndefined();
  });

  it('cards carry no text under 20 px: their own, and any golden chart as the lead chart', async () => {
    const goldens = readdirSync(path.join(PROJECT_ROOT, 'test/output')).filter((file) => /-narrow\.svg$/.test(file));
    expect(goldens.length).toBeGreaterThan(8);
    let withChart = 0;
    for (const file of goldens) {
      const narrow = readFileSync(path.join(PROJECT_ROOT, 'test/output', file), 'utf8');
      const { svg, tree, chart } = await ogCardSvg({ ...card, chart: { svg: twinOf(narrow) } });
      if (chart) withChart++;
      expect(Math.min(...treeFontSizes(tree)), file).toBeGreaterThanOrEqual(MIN_CARD_TEXT);
      expect(textBelow(svg, MIN_CARD_TEXT), file).toEqual([]);
    }
    expect(withChart).toBe(goldens.length);
  }, 60_000);

  it('says whether an event is upcoming, under way or past by the build date, with its dates, place and organiser', async () => {
    const event = {
      data: {
        name: 'Summit',
        summary: 'Two days in Toronto.',
        venue: { name: 'The Ritz-Carlton, Toronto', city: 'Toronto', country: 'Canada' },
        organiser: { name: 'Adamas Intelligence', url: 'https://example.org/' },
        status: 'scheduled' as const,
        registration: { url: 'https://example.org/', status: 'open' as const },
      },
      startInstant: new Date('2025-09-22T04:00:00Z'),
      endInstant: new Date('2025-09-25T04:00:00Z'),
      dates: '22–24 September 2025',
    };
    const past = eventCard(event, new Date('2026-01-15'));
    expect(past.status).toBe('Past');
    expect(past.panel?.heading).toBe('22–24 September 2025');
    expect(past.panel?.items).toEqual([
      { label: 'Where', text: 'The Ritz-Carlton, Toronto, Canada' },
      { label: 'Organiser', text: 'Adamas Intelligence' },
      { label: 'Status', text: 'This event has ended.' },
    ]);
    const upcoming = eventCard(event, new Date('2025-09-01'));
    expect(upcoming.status).toBe('Upcoming');
    expect(upcoming.panel?.items.at(-1)).toEqual({ label: 'Status', text: 'Registration open.' });
    expect(eventCard(event, new Date('2025-09-23T12:00:00Z')).status).toBe('Under way');
    const cancelled = eventCard({ ...event, data: { ...event.data, status: 'cancelled' } }, new Date('2025-09-01'));
    expect(cancelled.status).toBe('Cancelled');
    const { tree } = await ogCardSvg(past);
    expect(Math.min(...treeFontSizes(tree))).toBeGreaterThanOrEqual(MIN_CARD_TEXT);
  }, 30_000);

  it('says a withdrawn note is withdrawn, when and why, with no chart, legibly', async () => {
    const withdrawn = withdrawnNoteCard(RETRACTED);
    expect(withdrawn.status).toBe('Withdrawn');
    expect(withdrawn.kicker).toBe('Market note · April 2025');
    expect(withdrawn.panel?.heading).toBe('Withdrawn');
    expect(withdrawn.panel?.items[0]).toEqual({ label: 'On', text: '1 September 2025' });
    expect(withdrawn.panel?.items[1]).toMatchObject({ label: 'Why', text: 'The source retracted its May figures.' });
    // A withdrawn note's figures are not shown on its card as if they stood.
    expect(withdrawn.chart).toBeUndefined();
    const { tree } = await ogCardSvg(withdrawn);
    expect(Math.min(...treeFontSizes(tree))).toBeGreaterThanOrEqual(MIN_CARD_TEXT);
    const png = await drawOgCard(withdrawn);
    expect(pngSize(png)).toEqual({ width: 1200, height: 630 });
  }, 30_000);

  it('draws cards without a chart, for events', async () => {
    const png = await drawOgCard({
      kicker: 'Event',
      title: 'Summit',
      meta: ['22–24 September 2025', 'Toronto, Canada'],
      publisher: 'P',
    });
    expect(pngSize(png)).toEqual({ width: 1200, height: 630 });
  });

  it('caches by content: an identical card is read back, a changed one redrawn', async () => {
    const miss = await renderOgCard(card);
    const start = performance.now();
    const hit = await renderOgCard(card);
    const ms = performance.now() - start;
    expect(miss.cached).toBe(false);
    expect(hit.cached).toBe(true);
    expect(Buffer.compare(Buffer.from(hit.png), Buffer.from(miss.png))).toBe(0);
    expect((await renderOgCard({ ...card, title: 'Another title' })).cached).toBe(false);
    console.info(`preview card from cache: ${ms.toFixed(1)} ms`);
  }, 30_000);

  it("keys a card by its chart's drawing key when it has one, without making the chart's SVG", () => {
    const withDrawing = (drawing: string): OgCard => ({
      ...card,
      chart: {
        drawing,
        get svg(): string {
          throw new Error('the chart SVG was made for a cache key');
        },
      },
    });
    expect(ogCardKey(withDrawing('a'))).toBe(ogCardKey(withDrawing('a')));
    expect(ogCardKey(withDrawing('a'))).not.toBe(ogCardKey(withDrawing('b')));
  });
  it('draws a card started ahead of need once, and hands the same bytes to its endpoint', async () => {
    const early = { ...card, title: 'Drawn while pages render' };
    prefetchOgCard(early);
    prefetchOgCard(early);
    const first = await renderOgCard(early);
    expect(first.cached).toBe(false);
    expect(Buffer.compare(Buffer.from(first.png), await drawOgCard(early))).toBe(0);
    // Handed over once; the next request reads the cache.
    expect((await renderOgCard(early)).cached).toBe(true);
  }, 30_000);
});

describe('link previews in the built site', () => {
  let site: BuiltSite;
  beforeAll(() => {
    site = buildSite(PROJECT_ROOT);
    if (!site.ok) throw new Error(`build failed:\n${site.output}`);
  });
  afterAll(() => site && removeSite(site));

  it('every note and event has a 1200x630 PNG preview', () => {
    for (const file of [
      'og/notes/china-magnet-exports-july-2025.png',
      'og/notes/china-magnet-exports-june-2025.png',
      'og/notes/china-magnet-exports-may-2025.png',
      'og/events/rare-earth-summit-toronto-2025.png',
      'og/site.png',
    ]) {
      expect(pngFileSize(path.join(site.outDir, file)), file).toEqual({ width: 1200, height: 630 });
    }
  });

  it("shows each note's lead chart on its card, read from the MDX, and no chart on a card without one", () => {
    // Cards are drawn from the note's MDX and the chart engine, not from rendering the note's
    // page first: pixels in a series colour are the chart's lines, bars and areas.
    for (const note of ['july-2025', 'june-2025', 'may-2025'])
      expect(seriesPixels(path.join(site.outDir, `og/notes/china-magnet-exports-${note}.png`)), note).toBeGreaterThan(
        1000,
      );
    expect(seriesPixels(path.join(site.outDir, 'og/events/rare-earth-summit-toronto-2025.png'))).toBe(0);
    expect(seriesPixels(path.join(site.outDir, 'og/site.png'))).toBe(0);
  });

  it('every page has Open Graph and Twitter card tags with an image in dist/', () => {
    const pages = htmlFiles(site.outDir).filter((file) => !file.endsWith('email.html'));
    expect(pages.length).toBeGreaterThan(10);
    for (const file of pages) {
      const html = readFileSync(path.join(site.outDir, file), 'utf8');
      const meta = metaTags(html);
      for (const key of [
        'og:title',
        'og:description',
        'og:image',
        'og:image:alt',
        'og:site_name',
        'twitter:card',
        'twitter:image',
      ]) {
        expect(meta.get(key)?.[0], `${key} in ${file}`).toBeTruthy();
      }
      expect(meta.get('twitter:card')).toEqual(['summary_large_image']);
      const image = meta.get('og:image')?.[0] as string;
      const imageFile = distFileFor(site.outDir, image);
      expect(imageFile, `${image} (from ${file}) in dist`).toBeDefined();
      expect(pngFileSize(imageFile as string)).toEqual({ width: 1200, height: 630 });
      expect(meta.get('og:image:width')).toEqual(['1200']);
      // The 404 page has no URL of its own to give; every other page names its canonical URL.
      if (file !== '404.html') expect(meta.get('og:url')?.[0]).toMatch(/^https:\/\/assay\.example\.com\/(.*\/)?$/);
    }
  });

  it('the August note previews with its own image, title and article dates', () => {
    const meta = metaTags(
      readFileSync(path.join(site.outDir, 'notes/china-magnet-exports-july-2025/index.html'), 'utf8'),
    );
    expect(meta.get('og:image')).toEqual(['https://assay.example.com/og/notes/china-magnet-exports-july-2025.png']);
    expect(meta.get('og:type')).toEqual(['article']);
    expect(meta.get('article:published_time')).toEqual(['2025-08-21T00:00:00.000Z']);
    expect(meta.get('article:tag')).toContain('Germany');
  });

  it('the event previews with its own image', () => {
    const meta = metaTags(
      readFileSync(path.join(site.outDir, 'events/rare-earth-summit-toronto-2025/index.html'), 'utf8'),
    );
    expect(meta.get('og:image')).toEqual(['https://assay.example.com/og/events/rare-earth-summit-toronto-2025.png']);
  });
});

/** Pixels of a card (our encoder's unfiltered RGBA rows) within a hair of a series colour. */
function seriesPixels(file: string): number {
  const png = readFileSync(file);
  const { width, height } = pngSize(png);
  const rows = rawRows(png);
  const colours = [...PALETTE, ...Object.values(NAMED_SERIES_COLOURS)].map((hex) =>
    [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)),
  );
  let count = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * (width * 4 + 1) + 1 + x * 4;
      const near = colours.some(
        ([r, g, b]) =>
          Math.abs((rows[i] as number) - (r as number)) +
            Math.abs((rows[i + 1] as number) - (g as number)) +
            Math.abs((rows[i + 2] as number) - (b as number)) <
          12,
      );
      if (near) count++;
    }
  }
  return count;
}
