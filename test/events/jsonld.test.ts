import { describe, expect, it } from 'vitest';
import { eventJsonLd } from '../../src/events/jsonld.ts';
import { serializeJsonLd } from '../../src/lib/escape.ts';
import { makeEvent, SITE_URL, sampleSummit } from './fixtures.ts';

describe('JSON-LD Event', () => {
  it('describes the summit as a schema.org Event at a Place with a PostalAddress', () => {
    const ld = eventJsonLd(sampleSummit(), {
      siteUrl: SITE_URL,
      image: '/og/events/rare-earth-summit-toronto-2025.png',
    });
    expect(ld).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'Event',
      name: 'Rare Earth Mines, Magnets & Motors 2025',
      url: `${SITE_URL}/events/rare-earth-summit-toronto-2025/`,
      startDate: '2025-09-22',
      endDate: '2025-09-24',
      eventStatus: 'https://schema.org/EventScheduled',
      eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
      location: {
        '@type': 'Place',
        name: 'The Ritz-Carlton, Toronto',
        address: {
          '@type': 'PostalAddress',
          addressLocality: 'Toronto',
          addressRegion: 'Ontario',
          addressCountry: 'Canada',
        },
      },
      organizer: { '@type': 'Organization', name: 'Adamas Intelligence' },
      offers: { '@type': 'Offer', url: 'https://adamasevent.com/', availability: 'https://schema.org/InStock' },
      image: [`${SITE_URL}/og/events/rare-earth-summit-toronto-2025.png`],
    });
    expect(typeof ld.description).toBe('string');
    // No street address in our facts, so none is sent.
    expect(JSON.stringify(ld)).not.toContain('streetAddress');
  });

  it('gives timed dates with the offset in force on each date (EDT then EST)', () => {
    const ld = eventJsonLd(makeEvent({ start: '2025-11-01T09:00', end: '2025-11-03T17:00' }), { siteUrl: SITE_URL });
    expect(ld.startDate).toBe('2025-11-01T09:00:00-04:00');
    expect(ld.endDate).toBe('2025-11-03T17:00:00-05:00');
  });

  it('reports cancelled, rescheduled and moved-online events', () => {
    expect(eventJsonLd(makeEvent({ status: 'cancelled' }), { siteUrl: SITE_URL }).eventStatus).toBe(
      'https://schema.org/EventCancelled',
    );
    const rescheduled = eventJsonLd(makeEvent({ status: 'rescheduled', previousStart: '2025-06-10T09:00' }), {
      siteUrl: SITE_URL,
    });
    expect(rescheduled).toMatchObject({
      eventStatus: 'https://schema.org/EventRescheduled',
      previousStartDate: '2025-06-10T09:00:00-04:00',
    });
    const online = eventJsonLd(
      makeEvent({ status: 'moved-online', registration: { url: 'https://stream.example/' } }),
      { siteUrl: SITE_URL },
    );
    expect(online).toMatchObject({
      eventStatus: 'https://schema.org/EventMovedOnline',
      eventAttendanceMode: 'https://schema.org/OnlineEventAttendanceMode',
      location: { '@type': 'VirtualLocation', url: 'https://stream.example/' },
    });
  });

  it('lists speakers as performers and a structured price when given', () => {
    const ld = eventJsonLd(
      makeEvent({
        speakers: [{ name: 'Ada Okafor', role: 'Analyst', organisation: 'Assay' }],
        registration: {
          url: 'https://x.example/',
          status: 'sold-out',
          price: 'CAD 1,495',
          amount: 1495,
          currency: 'CAD',
        },
      }),
      { siteUrl: SITE_URL },
    );
    expect(ld.performer).toEqual([
      {
        '@type': 'Person',
        name: 'Ada Okafor',
        jobTitle: 'Analyst',
        affiliation: { '@type': 'Organization', name: 'Assay' },
      },
    ]);
    expect(ld.offers).toMatchObject({ price: 1495, priceCurrency: 'CAD', availability: 'https://schema.org/SoldOut' });
  });

  it('escapes < so a value cannot close the script element, and stays valid JSON', () => {
    const name = 'Magnets </script><script>alert(1)</script> & <!-- motors';
    const json = serializeJsonLd(eventJsonLd(makeEvent({ name }), { siteUrl: SITE_URL }));
    expect(json).not.toContain('<');
    expect(json).not.toContain('>');
    expect(json).toContain('\\u003c/script\\u003e');
    expect(JSON.parse(json).name).toBe(name);
  });
});
