/**
 * The email edition of every note, built for real and checked against the rules a
 * newsletter tool needs; and the rule checker itself, against editions that break them.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareEmailBody } from '../../src/email/body.ts';
import { emailRuleViolations } from '../../src/email/rules.ts';
import { distFileFor } from '../feeds/dist.ts';
import { type BuiltSite, buildSite, PROJECT_ROOT, removeSite } from '../helpers/build-site.ts';

const SLUGS = ['china-magnet-exports-july-2025', 'china-magnet-exports-june-2025', 'china-magnet-exports-may-2025'];
const UTM = { utm_source: 'newsletter', utm_medium: 'email', utm_campaign: 'monthly-note' };
const RULES = { siteUrl: 'https://assay.example.com', utm: UTM };

describe('email edition in the built site', () => {
  let site: BuiltSite;
  const edition = (slug: string) => readFileSync(path.join(site.outDir, 'notes', slug, 'email.html'), 'utf8');
  beforeAll(() => {
    site = buildSite(PROJECT_ROOT);
    if (!site.ok) throw new Error(`build failed:\n${site.output}`);
  });
  afterAll(() => site && removeSite(site));

  it.each(SLUGS)('%s passes every email rule', (slug) => {
    expect(emailRuleViolations(edition(slug), RULES)).toEqual([]);
  });

  it.each(SLUGS)('%s: inline CSS only, no script, SVG or stylesheet', (slug) => {
    const html = edition(slug);
    expect(html).not.toMatch(/<script|<svg|<style|<link\b|\sclass="[^"]*"[^>]*>\s*<\/style>/i);
    const { document } = parseHTML(html);
    expect(document.querySelectorAll('[style]').length).toBeGreaterThan(20);
    const container = document.querySelector('table[width="600"]');
    expect(container?.getAttribute('style')).toMatch(/max-width: 600px/);
  });

  it.each(SLUGS)(
    '%s: charts are PNG twins the width of the email, with the title and description as alt text',
    (slug) => {
      const { document } = parseHTML(edition(slug));
      const images = [...document.querySelectorAll('img')];
      expect(images.length).toBeGreaterThan(0);
      const page = parseHTML(readFileSync(path.join(site.outDir, 'notes', slug, 'index.html'), 'utf8')).document;
      const titles = [...page.querySelectorAll('figure.chart .chart__title')].map((p) => p.textContent?.trim() ?? '');
      expect(titles).toHaveLength(images.length);
      images.forEach((img, i) => {
        const src = img.getAttribute('src') as string;
        expect(src).toMatch(/^https:\/\/assay\.example\.com\/charts\/[0-9a-f]{16}\.png$/);
        // For clients that block images: the chart's title, then its description.
        const alt = img.getAttribute('alt') ?? '';
        expect(alt.startsWith(titles[i] as string), alt).toBe(true);
        expect(alt).toMatch(/chart: /);
        // The full width of the email: 600 px, or a phone's width (a row without side padding).
        expect(img.getAttribute('width')).toBe('600');
        expect(img.getAttribute('style')).toMatch(/width: 100%/);
        expect(img.closest('td')?.getAttribute('style')).toMatch(/padding: 4px 0 16px/);
        // The file the email links to is in dist/, its height in proportion, and drawn at twice
        // the width a 360 px phone shows it at.
        const file = distFileFor(site.outDir, src) as string;
        expect(file, src).toBeDefined();
        const png = readFileSync(file);
        expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(2 * 360);
        const height = Number(img.getAttribute('height'));
        expect(Math.abs(height - (600 * png.readUInt32BE(20)) / png.readUInt32BE(16))).toBeLessThanOrEqual(1);
      });
    },
  );

  it.each(SLUGS)("%s: the PNG carries the chart's title and source, the HTML does not repeat them", (slug) => {
    const html = edition(slug);
    const { document } = parseHTML(html);
    const text = document.body.textContent ?? '';
    expect(text).not.toMatch(/Source: China General Administration of Customs/);
    expect(document.querySelectorAll('.chart__title, .chart__source, .chart__note')).toHaveLength(0);
    const data = [...document.querySelectorAll('a')].filter((a) => a.textContent === 'Download the data (CSV)');
    expect(data).toHaveLength(document.querySelectorAll('img').length);
    for (const link of data) expect(link.getAttribute('href')).toMatch(/\/charts\/[0-9a-f]{16}\.csv\?utm_source=/);
  });

  it.each(SLUGS)('%s: no text under 14 px', (slug) => {
    const sizes = [...edition(slug).matchAll(/font-size: (\d+)px/g)].map((m) => Number(m[1]));
    expect(sizes.length).toBeGreaterThan(10);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(14);
  });

  it.each(SLUGS)('%s: absolute links, UTM on site links, read-on-the-web and sources', (slug) => {
    const { document } = parseHTML(edition(slug));
    const links = [...document.querySelectorAll('a')].map((a) => ({
      href: a.getAttribute('href') as string,
      text: a.textContent ?? '',
    }));
    for (const { href } of links) expect(href).toMatch(/^https?:\/\//);
    const web = links.find((link) => /read on the web/i.test(link.text));
    expect(web?.href).toBe(
      `https://assay.example.com/notes/${slug}/?utm_source=newsletter&utm_medium=email&utm_campaign=monthly-note`,
    );
    for (const { href } of links.filter((link) => link.href.startsWith('https://assay.example.com'))) {
      expect(new URL(href).searchParams.get('utm_campaign'), href).toBe('monthly-note');
    }
    expect(document.body.textContent ?? '').toMatch(/Sources/);
  });
});

describe('email rule checker', () => {
  const good = `<!DOCTYPE html><html><body><table width="600"><tr><td>
    <a href="https://assay.example.com/notes/x/?utm_source=newsletter&utm_medium=email&utm_campaign=monthly-note">Read on the web</a>
    <img src="https://assay.example.com/charts/a.png" width="552" height="300" alt="A chart">
  </td></tr></table></body></html>`;

  it('passes a well-formed edition', () => {
    expect(emailRuleViolations(good, RULES)).toEqual([]);
  });

  it('names each broken rule', () => {
    const bad = good
      .replace(
        '<td>',
        '<td><script>x()</script><svg></svg><style>p{}</style><link rel="stylesheet" href="https://x/a.css"><div style="display:flex">',
      )
      .replace(
        'https://assay.example.com/notes/x/?utm_source=newsletter&utm_medium=email&utm_campaign=monthly-note',
        '/notes/x/',
      )
      .replace(' alt="A chart"', '')
      .replace('</td></tr></table>', '<figure role="note"><p style="overflow: hidden">x</p></figure></td></tr></table>')
      .replace('width="552" ', 'width="1280" ')
      .concat('<a href="https://assay.example.com/about/">About</a>');
    const problems = emailRuleViolations(bad, RULES).join('\n');
    for (const expected of [
      /<script>/,
      /inline <svg>/,
      /external stylesheet/,
      /<style> block/,
      /href="\/notes\/x\/" is not an absolute URL/,
      /no alt text/,
      /wider than the 600px layout/,
      /about\/ lacks utm_source, utm_medium, utm_campaign/,
      /display:flex/,
      /a <figure> element: Outlook and Yahoo strip HTML5 semantic elements/,
      /role="note" on <figure>/,
      /overflow: hidden/,
    ]) {
      expect(problems).toMatch(expected);
    }
  });
});

describe('email body preparation', () => {
  const tag = (url: string) => (url.startsWith('https://assay.example.com') ? `${url}?utm_source=newsletter` : url);

  it('makes callouts table cells, charts rows of their own, scales images to the column and drops what email cannot show', () => {
    const blocks = prepareEmailBody(
      '<!-- for authors --><div class="callout callout--key" role="note" aria-label="Key"><p class="callout__title">Key</p><p>Text</p></div>' +
        '<figure class="chart chart--image" data-chart-id="c1"><p class="chart__title"><strong>Chart</strong></p>' +
        '<img src="/charts/a.png" width="392" height="564" alt="Line chart: exports."><p class="chart__note">Note</p>' +
        '<p class="chart__source">Source: Customs. <a href="/charts/b.csv">Download the data (CSV)</a></p></figure>' +
        '<details><summary>Data</summary></details>' +
        '<svg></svg><h2 id="x">Head</h2><section><p>As of <time datetime="2025-05-01">May</time></p></section>' +
        '<p><img src="/a.png" width="640" height="390"></p>' +
        '<a href="/notes/">Notes</a> <a href="https://example.org/">Elsewhere</a>',
      'https://assay.example.com/notes/x/',
      tag,
    );
    expect(blocks.map((block) => block.kind)).toEqual(['text', 'chart', 'text']);
    const [before, chart, after] = blocks.map((block) => block.html) as [string, string, string];
    const layout = '<table(?=[^>]*role="presentation")(?=[^>]*width="100%")[^>]*>';
    expect(before).toMatch(
      new RegExp(
        `^${layout}<tr><td class="box">${layout}<tr><td class="callout callout--key"><p class="callout__title">Key</p><p>Text</p></td></tr></table></td></tr></table>$`,
      ),
    );
    // The chart: its twin the email's width, alt text title first; the title, note and source
    // are in the picture, not repeated; the data link stays.
    const image = parseHTML(`<div>${chart}</div>`).document.querySelector('img') as Element;
    expect(Object.fromEntries([...image.attributes].map((a) => [a.name, a.value]))).toEqual({
      class: 'chart-image',
      src: 'https://assay.example.com/charts/a.png',
      width: '600',
      height: '863',
      alt: 'Chart. Line chart: exports.',
    });
    expect(chart).toContain(
      '<p class="chart-data"><a href="https://assay.example.com/charts/b.csv?utm_source=newsletter">Download the data (CSV)</a></p>',
    );
    // An image in the text is scaled to the column.
    expect(after).toMatch(
      /<img (?=[^>]*src="https:\/\/assay\.example\.com\/a\.png")(?=[^>]*width="552")(?=[^>]*height="336")(?=[^>]*alt="")/,
    );
    expect(after).toContain('<div><p>As of <span>May</span></p></div>');
    const html = blocks.map((block) => block.html).join('');
    expect(html).not.toMatch(/<details|<svg|<figure|<section|<time|<!--|id="|aria-|role="note"|data-chart-id|Source:/);
    expect(html).toContain('href="https://assay.example.com/notes/?utm_source=newsletter"');
    expect(html).toContain('href="https://example.org/"');
  });

  it('marks tables written in the note as data tables, not layout', () => {
    const html = prepareEmailBody(
      '<table><thead><tr><th>Month</th></tr></thead><tbody><tr><td>May</td></tr></tbody></table>',
      'https://assay.example.com/notes/x/',
      tag,
    );
    expect(html[0]?.html).toMatch(/^<table(?=[^>]*class="data-table")(?![^>]*role=)[^>]*>/);
  });
});
