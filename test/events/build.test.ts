import { readFileSync } from 'node:fs';
import path from 'node:path';
import ICAL from 'ical.js';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuiltSite, buildSite, PROJECT_ROOT, removeSite } from '../helpers/build-site.ts';

const SUMMIT = '/events/rare-earth-summit-toronto-2025/';

function read(site: BuiltSite, urlPath: string): string {
  return readFileSync(path.join(site.outDir, urlPath, urlPath.endsWith('/') ? 'index.html' : ''), 'utf8');
}
const text = (document: Document, selector: string) =>
  document.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim();

describe('event pages in the built site', () => {
  let before: BuiltSite;
  let after: BuiltSite;
  beforeAll(() => {
    before = buildSite(PROJECT_ROOT, { ASSAY_BUILD_DATE: '2025-09-01' });
    if (!before.ok) throw new Error(`build failed:\n${before.output}`);
    after = buildSite(PROJECT_ROOT, { ASSAY_BUILD_DATE: '2026-01-15' });
    if (!after.ok) throw new Error(`build failed:\n${after.output}`);
  });
  afterAll(() => {
    removeSite(before);
    removeSite(after);
  });

  it('before 22 Sep 2025 the summit is upcoming, with registration open and calendar links', () => {
    const { document } = parseHTML(read(before, SUMMIT));
    expect(text(document, '.event__when')).toBe('22–24 September 2025, Toronto time (EDT)');
    expect(document.querySelector('a.cta__link')?.getAttribute('href')).toBe('https://adamasevent.com/');
    expect(document.querySelector('nav[aria-label="Add to calendar"] a[href$=".ics"]')).not.toBeNull();
    const index = parseHTML(read(before, '/events/')).document;
    expect(text(index, '#upcoming-title + ul')).toContain('Rare Earth Mines, Magnets & Motors 2025');
    expect(index.querySelector('#past-title')).toBeNull();
  });

  it('in 2026 the summit is past: the page stays, registration says the event has ended', () => {
    const { document } = parseHTML(read(after, SUMMIT));
    expect(document.querySelector('a.cta__link')).toBeNull();
    expect(text(document, '.cta--closed')).toBe('This event has ended');
    expect(text(document, '#agenda-title')).toBe('Agenda');
    expect(text(document, '.venue address')).toContain('The Ritz-Carlton, Toronto');
    expect(document.querySelectorAll('.event__related li').length).toBe(3);
    const index = parseHTML(read(after, '/events/')).document;
    expect(text(index, '#past-title + ul')).toContain('Rare Earth Mines, Magnets & Motors 2025');
    expect(text(index, '#upcoming-title + p')).toBe('No upcoming events are announced yet.');
  });

  it('ships JSON-LD as the only script, and it parses as a schema.org Event', () => {
    const html = read(after, SUMMIT);
    const scripts = [...html.matchAll(/<script\b[^>]*>/gi)].map((match) => match[0]);
    expect(scripts).toEqual(['<script type="application/ld+json">']);
    const json = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    expect(JSON.parse(json)).toMatchObject({ '@type': 'Event', startDate: '2025-09-22', endDate: '2025-09-24' });
  });

  it('serves the event .ics and the /events.ics feed, CRLF and parseable', () => {
    for (const file of ['/events/rare-earth-summit-toronto-2025.ics', '/events.ics']) {
      const ics = read(after, file);
      expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
      const calendar = new ICAL.Component(ICAL.parse(ics));
      const [event] = calendar.getAllSubcomponents('vevent');
      expect(event?.getFirstPropertyValue('uid')).toMatch(/^rare-earth-summit-toronto-2025@/);
      expect(event?.getFirstPropertyValue('dtstamp')?.toString()).toBe('2026-01-15T00:00:00Z');
    }
  });
});

describe('a bad event in the content layer', () => {
  it('fails the build naming the file and each field', () => {
    const site = buildSite(path.join(PROJECT_ROOT, 'test/fixtures/events/bad-event'));
    try {
      expect(site.ok).toBe(false);
      expect(site.output).toContain('broken.mdx');
      expect(site.output).toMatch(/timezone.*unknown time zone 'America\/Toranto'; did you mean 'America\/Toronto'/);
      expect(site.output).toMatch(/days\.0\.date.*2025-09-25 is outside the event's dates/);
    } finally {
      removeSite(site);
    }
  });
});
