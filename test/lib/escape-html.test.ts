import { describe, expect, it } from 'vitest';
import { escapeHtml, escapeHtmlLatin1, latin1References } from '../../src/lib/escape-html.ts';

describe('HTML escaping', () => {
  it('escapes the five special characters and nothing else', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(escapeHtml('1 234 €')).toBe('1 234 €');
  });

  it('writes characters beyond Latin-1 as numeric references, one per character', () => {
    expect(escapeHtmlLatin1('Mar–May (−77%) <b>')).toBe('Mar&#8211;May (&#8722;77%) &lt;b&gt;');
    // Latin-1 stays as it is; an emoji outside the BMP is one reference, not two halves.
    expect(escapeHtmlLatin1('Société à 5 °C')).toBe('Société à 5 °C');
    expect(latin1References('<text>📈</text>')).toBe('<text>&#128200;</text>');
    const markup = 'plain ASCII';
    expect(latin1References(markup)).toBe(markup);
  });
});
