/**
 * Curly quotes and dashes reach every text an author writes outside Markdown: chart titles,
 * subtitles and captions (and so the PNG twin), event names and summaries (and so the
 * calendar file and JSON-LD), and the topics' names and descriptions from the site settings.
 */
import { describe, expect, it } from 'vitest';
import { normaliseChart } from '../../src/charts/normalise.ts';
import { twinSvg, twinText } from '../../src/charts/twin.ts';
import { resolveEvent } from '../../src/events/event.ts';
import { eventIcs } from '../../src/events/ics.ts';
import { eventJsonLd } from '../../src/events/jsonld.ts';
import { eventSchema } from '../../src/events/schema.ts';
import { checkTopics, declaredTopics } from '../../src/lib/topics.ts';
import { typesetEvent } from '../../src/lib/typography.ts';
import { site } from '../../src/site.config.ts';
import { monthlyDataset, place, renderProps } from '../charts/helpers.ts';
import { eventInput, PUBLISHER, SITE_URL } from '../events/fixtures.ts';

const data = monthlyDataset('exports', '2025-03,5383\n2025-04,2626\n2025-05,1238');

describe('chart text from <Chart> props', () => {
  it('title, subtitle and caption come out curly in the spec, the figure and the PNG twin', () => {
    const props = {
      title: `China's exports "fell" by three quarters`,
      subtitle: `Exports -- all destinations, tonnes`,
      caption: `March's figure is derived & rounded <b>`,
    };
    const spec = normaliseChart({ data: data.name, ...props }, data, place);
    expect(spec.title).toBe('China’s exports “fell” by three quarters');
    expect(spec.subtitle).toBe('Exports \u2013 all destinations, tonnes');
    expect(spec.caption).toBe('March’s figure is derived & rounded <b>');

    const chart = renderProps(props, data);
    const text = twinText({ spec, derivedRows: false });
    const twin = twinSvg(chart.svg.narrow, text).svg;
    expect(twin).toContain('China’s exports “fell”');
    // Escaped once for XML, after typesetting: no entity is escaped again, no markup gets through.
    expect(twin).toContain('derived &amp; rounded &lt;b&gt;');
    expect(twin).not.toMatch(/&amp;(amp|lt|#)/);
    expect(twin).not.toMatch(/["']fell|China's/);
  });

  it("the default subtitle, from the dataset's title and unit, is typeset too", () => {
    const quoted = monthlyDataset('quoted', '2025-03,5383');
    quoted.meta.title = `China's exports`;
    expect(normaliseChart({ data: quoted.name }, quoted, place).subtitle).toBe('China’s exports, tonnes');
  });
});

describe('event text from frontmatter', () => {
  const input = eventInput({
    name: `The "Magnets" summit -- Toronto's edition`,
    summary: `Buyers' questions, answered`,
    themes: [`Motors' supply`],
    days: [
      {
        date: '2025-09-23',
        title: `Day one: "the mine"`,
        sessions: [{ title: `Buyers' panel`, description: `What's next`, kind: 'panel', speakers: [] }],
      },
    ],
    updates: [{ date: '2025-08-25', summary: `Added the "mine" day` }],
  });
  const event = resolveEvent({ id: 'summit', data: eventSchema.transform(typesetEvent).parse(input) });

  it('name, summary, themes, day and session titles and update summaries are curly', () => {
    expect(event.data.name).toBe('The “Magnets” summit \u2013 Toronto’s edition');
    expect(event.data.summary).toBe('Buyers’ questions, answered');
    expect(event.data.themes).toEqual(['Motors’ supply']);
    expect(event.data.days[0]?.title).toBe('Day one: “the mine”');
    expect(event.data.days[0]?.sessions[0]).toMatchObject({ title: 'Buyers’ panel', description: 'What’s next' });
    expect(event.data.updates[0]?.summary).toBe('Added the “mine” day');
  });

  it('fields the author left out stay absent', () => {
    const plain = eventSchema.transform(typesetEvent).parse(eventInput({ days: [{ date: '2025-09-23' }] }));
    expect(plain.days[0]).not.toHaveProperty('title');
    expect(plain.speakers).toEqual([]);
  });

  it('the calendar file and JSON-LD carry the typeset name, escaped for their own formats', () => {
    const ics = eventIcs(event, {
      buildDate: new Date('2026-01-15T00:00:00Z'),
      siteUrl: SITE_URL,
      publisher: PUBLISHER,
    });
    expect(ics).toContain('SUMMARY:The “Magnets” summit – Toronto’s edition');
    const jsonLd = eventJsonLd(event, { siteUrl: SITE_URL });
    expect(JSON.stringify(jsonLd)).toContain('The “Magnets” summit');
  });
});

describe('topics from the site settings', () => {
  it('names and descriptions are typeset, slugs unchanged', () => {
    const [topic] = checkTopics([
      { name: `Buyers' view`, slug: 'buyers-view', description: `China's "licensing" rules -- and after` },
    ]);
    expect(topic).toEqual({
      name: 'Buyers’ view',
      slug: 'buyers-view',
      description: 'China’s “licensing” rules \u2013 and after',
    });
    expect(declaredTopics.map((declared) => declared.slug)).toEqual(site.topics.map((declared) => declared.slug));
  });
});
