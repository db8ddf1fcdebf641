/**
 * No dead ends and no engineering words, on every page of the built site: each note leads on
 * (previous/next by edition month, related notes besides those), every page ends with the publisher's
 * footer, and the email edition is for editors only (out of the reading line, kept out of
 * search engines and the sitemap).
 */
import { describe, expect, it } from 'vitest';
import { site } from '../../src/site.config.ts';
import { parsePage, readablePages, readDist } from './dist.ts';

const pages = readablePages();
const notes = pages.filter((page) => page.kind === 'note');

describe('reader paths through the built site', () => {
  it('has notes to check', () => {
    expect(notes.length).toBeGreaterThanOrEqual(3);
  });

  it('leads every note page on: previous or next note, and related notes besides those', () => {
    const ends: string[] = [];
    for (const page of notes) {
      const document = parsePage(page.file);
      const nav = document.querySelector('nav[aria-label="Previous and next notes"]');
      const steps = [...(nav?.querySelectorAll('a[rel="prev"], a[rel="next"]') ?? [])];
      expect(steps.length, page.url).toBeGreaterThan(0);
      if (steps.length === 1) ends.push(page.url);
      for (const a of steps) expect(a.getAttribute('href'), page.url).toMatch(/^\/notes\/[^/]+\/$/);
      // Related notes leave out the previous and next notes, linked just above: together the
      // page leads to at least two other notes (all of them on a smaller site), none twice.
      const related = [...document.querySelectorAll('.note-related h3 a')].map((a) => a.getAttribute('href'));
      const onward = [...steps.map((a) => a.getAttribute('href')), ...related];
      expect(new Set(onward).size, page.url).toBe(onward.length);
      expect(onward.length, page.url).toBeGreaterThanOrEqual(Math.min(2, notes.length - 1));
    }
    // Only the oldest and the newest note lack one side.
    expect(ends).toHaveLength(2);
  });

  it('ends every page with the footer from the site settings, in words for readers', () => {
    const { footer } = site;
    for (const page of pages.filter((p) => p.kind !== 'email')) {
      const element = parsePage(page.file).querySelector('footer.site-footer');
      const hrefs = [...(element?.querySelectorAll('a') ?? [])].map((a) => a.getAttribute('href'));
      for (const href of [footer.newsletter, footer.contact, footer.terms, footer.privacy, '/about/']) {
        expect(hrefs, `${page.url}: ${href}`).toContain(href);
      }
      expect(element?.textContent ?? '', page.url).not.toMatch(/version control|commit|git\b/i);
    }
  });

  it('links the email edition only in the note small print, for newsletter editors', () => {
    for (const page of notes) {
      const document = parsePage(page.file);
      const links = [...document.querySelectorAll('a[href$="/email.html"]')];
      expect(links, page.url).toHaveLength(1);
      const line = links[0]?.closest('p');
      expect(line?.classList.contains('note-editors'), page.url).toBe(true);
      expect(line?.textContent, page.url).toMatch(/^\s*For newsletter editors:/);
      // After the note and its version history, not in the body, byline or sources.
      expect(line?.previousElementSibling?.id, page.url).toBe('versions');
    }
  });

  it('keeps email editions out of search engines and the sitemap', () => {
    const emails = pages.filter((page) => page.kind === 'email');
    expect(emails.length).toBe(notes.length);
    for (const page of emails) {
      expect(parsePage(page.file).querySelector('meta[name="robots"]')?.getAttribute('content'), page.url).toBe(
        'noindex',
      );
    }
    expect(readDist('sitemap.xml')).not.toContain('email.html');
  });
});
