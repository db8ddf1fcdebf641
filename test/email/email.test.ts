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

  it.each(SLUGS)('%s: charts are 2x PNG images with size and alt text', (slug) => {
    const { document } = parseHTML(edition(slug));
    const images = [...document.querySelectorAll('img')];
    expect(images.length).toBeGreaterThan(0);
    for (const img of images) {
      const src = img.getAttribute('src') as string;
      expect(src).toMatch(/^https:\/\/assay\.example\.com\/charts\/[0-9a-f]{16}\.png$/);
      expect((img.getAttribute('alt') ?? '').length).toBeGreaterThan(40);
      const width = Number(img.getAttribute('width'));
      expect(width).toBeGreaterThan(0);
      expect(width).toBeLessThanOrEqual(552);
      expect(Number(img.getAttribute('height'))).toBeGreaterThan(0);
      // The file the email links to is in dist/ and drawn at least twice the displayed width.
      const file = distFileFor(site.outDir, src) as string;
      expect(file, src).toBeDefined();
      expect(readFileSync(file).readUInt32BE(16)).toBeGreaterThanOrEqual(2 * width);
    }
  });

  it.each(SLUGS)('%s: absolute links, UTM on site links, read-on-the-web and source lines', (slug) => {
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
    const text = document.body.textContent ?? '';
    expect(text).toMatch(/Source: China General Administration of Customs/);
    expect(text).toMatch(/Sources/);
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

  it('makes callouts and charts table cells, scales images to the column and drops what email cannot show', () => {
    const html = prepareEmailBody(
      '<!-- for authors --><div class="callout callout--key" role="note" aria-label="Key"><p class="callout__title">Key</p><p>Text</p></div>' +
        '<figure class="chart chart--image" data-chart-id="c1"><p class="chart__title">Chart</p>' +
        '<img src="/charts/a.png" width="640" height="390" alt="A chart"></figure><details><summary>Data</summary></details>' +
        '<svg></svg><h2 id="x">Head</h2><section><p>As of <time datetime="2025-05-01">May</time></p></section>' +
        '<a href="/notes/">Notes</a> <a href="https://example.org/">Elsewhere</a>',
      'https://assay.example.com/notes/x/',
      tag,
    );
    const layout = '<table(?=[^>]*role="presentation")(?=[^>]*width="100%")[^>]*>';
    expect(html).toMatch(
      new RegExp(
        `${layout}<tr><td class="box">${layout}<tr><td class="callout callout--key"><p class="callout__title">Key</p><p>Text</p></td></tr></table></td></tr></table>`,
      ),
    );
    expect(html).toMatch(
      new RegExp(
        `${layout}<tr><td class="chart chart--image"><p class="chart__title">Chart</p><img [^>]+></td></tr></table>`,
      ),
    );
    expect(html).toContain('<img src="https://assay.example.com/charts/a.png" width="552" height="336" alt="A chart">');
    expect(html).toContain('<div><p>As of <span>May</span></p></div>');
    expect(html).not.toMatch(/<details|<svg|<figure|<section|<time|<!--|id="|aria-|role="note"|data-chart-id/);
    expect(html).toContain('href="https://assay.example.com/notes/?utm_source=newsletter"');
    expect(html).toContain('href="https://example.org/"');
  });

  it('marks tables written in the note as data tables, not layout', () => {
    const html = prepareEmailBody(
      '<table><thead><tr><th>Month</th></tr></thead><tbody><tr><td>May</td></tr></tbody></table>',
      'https://assay.example.com/notes/x/',
      tag,
    );
    expect(html).toMatch(/^<table(?=[^>]*class="data-table")(?![^>]*role=)[^>]*>/);
  });
});
