/**
 * The escaping module, one output context at a time: each escape is put where Assay puts it,
 * read back by a real parser (linkedom for HTML, saxes for XML, JSON.parse, ical.js), and the
 * hostile text must come back as the same text, with nothing opened, closed or injected.
 */
import ICAL from 'ical.js';
import { parseHTML } from 'linkedom';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import {
  escapeHtml,
  escapeHtmlLatin1,
  escapeIcsText,
  latin1References,
  serializeJsonLd,
} from '../../src/lib/escape.ts';

const HOSTILE = [
  '</script><script>alert(1)</script>',
  '<!-- open comment',
  `"double" and 'single' quotes`,
  'R&D <b>bold</b> &amp; already-escaped',
  'line\u2028separator\u2029paragraph',
  'Łódź −77% “Q3” → 📈 中文 Ελλάδα',
  ']]> end of CDATA',
  '<img src=x onerror="alert(1)">',
  'a\u00a0no-break space',
  '',
];

/** An HTML page with `text` as element text and as two quoted attributes; what the parser sees. */
function readHtml(escapeFor: (text: string) => string, text: string) {
  const { document } = parseHTML(
    `<!doctype html><html><body><p id="p" title="${escapeFor(text)}" data-x='${escapeFor(text)}'>${escapeFor(text)}</p></body></html>`,
  );
  const p = document.getElementById('p');
  return {
    text: p?.textContent,
    title: p?.getAttribute('title'),
    single: p?.getAttribute('data-x'),
    elements: document.body.querySelectorAll('*').length,
  };
}

/** Text and attributes read back from an XML (SVG) document by a strict parser. */
function readXml(markup: string): { text: string; attributes: Record<string, string>[] } {
  const parser = new SaxesParser();
  let text = '';
  const attributes: Record<string, string>[] = [];
  parser.on('text', (t) => {
    text += t;
  });
  parser.on('opentag', (tag) => {
    attributes.push(tag.attributes as Record<string, string>);
  });
  parser.write(markup).close();
  return { text, attributes };
}

describe('escapeHtml: HTML, XML and SVG text and quoted attributes', () => {
  it('escapes the five special characters and nothing else', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(escapeHtml('1 234 € − Łódź')).toBe('1 234 € − Łódź');
  });

  it.each(HOSTILE)('HTML reads %j back as the same text, with no element added', (text) => {
    const read = readHtml(escapeHtml, text);
    expect(read).toEqual({ text, title: text, single: text, elements: 1 });
  });

  it.each(HOSTILE)('strict XML (an SVG legend) reads %j back as the same text', (text) => {
    const markup = `<svg xmlns="http://www.w3.org/2000/svg"><text a="${escapeHtml(text)}" b='${escapeHtml(text)}'>${escapeHtml(text)}</text></svg>`;
    const read = readXml(markup);
    expect(read.text).toBe(text);
    expect(read.attributes[1]).toEqual({ a: text, b: text });
  });
});

describe('escapeHtmlLatin1 and latin1References: the same, beyond Latin-1 as references', () => {
  it('writes characters beyond Latin-1 as numeric references, one per character', () => {
    expect(escapeHtmlLatin1('Mar–May (−77%) <b>')).toBe('Mar&#8211;May (&#8722;77%) &lt;b&gt;');
    // Latin-1 stays as it is; an emoji outside the BMP is one reference, not two halves.
    expect(escapeHtmlLatin1('Société à 5 °C')).toBe('Société à 5 °C');
    expect(latin1References('<text>📈</text>')).toBe('<text>&#128200;</text>');
    const markup = 'plain ASCII';
    expect(latin1References(markup)).toBe(markup);
  });

  it.each(HOSTILE)('gives a one-byte string that HTML and XML read back as %j', (text) => {
    const escaped = escapeHtmlLatin1(text);
    expect(escaped).toMatch(/^[\0-\xff]*$/);
    expect(readHtml(escapeHtmlLatin1, text)).toEqual({ text, title: text, single: text, elements: 1 });
    expect(readXml(`<p>${escaped}</p>`).text).toBe(text);
  });
});

describe('serializeJsonLd: JSON in <script type="application/ld+json">', () => {
  it.each(HOSTILE)('one script element, whose text parses back to %j', (text) => {
    const value = { '@type': 'Article', headline: text, author: [{ name: text }] };
    const json = serializeJsonLd(value);
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    const { document } = parseHTML(
      `<!doctype html><html><head><script type="application/ld+json">${json}</script></head><body><p>after</p></body></html>`,
    );
    const scripts = document.querySelectorAll('script');
    expect(scripts.length).toBe(1);
    expect(JSON.parse(scripts[0]?.textContent ?? '')).toEqual(value);
    expect(document.querySelector('p')?.textContent).toBe('after');
  });

  it('writes an array of objects as one JSON array', () => {
    expect(JSON.parse(serializeJsonLd([{ a: '</script>' }, { b: 1 }]))).toEqual([{ a: '</script>' }, { b: 1 }]);
  });
});

describe('escapeIcsText: an iCalendar TEXT value', () => {
  it.each([...HOSTILE, 'a\\b;c,d\ne\r\nf', 'SUMMARY:injected\r\nEND:VEVENT'])(
    'ical.js reads %j back as one property',
    (text) => {
      const ics = `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:${escapeIcsText(text)}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n`;
      const vevent = new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent');
      expect(vevent?.getAllProperties().length).toBe(1);
      // ical.js reads every line break as \n, as the RFC writes it.
      expect(vevent?.getFirstPropertyValue('summary') ?? '').toBe(text.replace(/\r\n/g, '\n'));
    },
  );

  it('escapes backslash, semicolon, comma and line breaks', () => {
    expect(escapeIcsText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
  });
});
