import { describe, expect, it } from 'vitest';
import { checkPermalinks, normaliseUrl, permalinkError } from '../../src/versions/permalinks.ts';
import { renderRedirectPage, renderRedirectsFile } from '../../src/versions/redirects.ts';

describe('permanent links guard', () => {
  it('normalises trailing slashes and absolute aliases but keeps file URLs', () => {
    expect(normaliseUrl('/notes/x')).toBe('/notes/x/');
    expect(normaliseUrl('notes/x/')).toBe('/notes/x/');
    expect(normaliseUrl('https://assay.example.com/notes/x')).toBe('/notes/x/');
    expect(normaliseUrl('/versions.json')).toBe('/versions.json');
  });

  it('reports none missing when every published URL is served or redirected', () => {
    const check = checkPermalinks({
      published: ['/notes/a/', '/notes/old/'],
      current: ['/notes/a/', '/notes/b/', '/notes/new/'],
      redirects: [{ from: '/notes/old/', to: '/notes/new/' }],
    });
    expect(check.missing).toEqual([]);
    expect(permalinkError(check)).toBeUndefined();
  });

  it('fails for a vanished URL, a redirect to nowhere and a redirect hiding a page', () => {
    const check = checkPermalinks({
      published: ['/notes/a/', '/notes/gone/'],
      current: ['/notes/a/'],
      redirects: [
        { from: '/notes/old/', to: '/notes/missing/', reason: 'alias in content/notes/x.mdx' },
        { from: '/notes/a/', to: '/notes/a/v1/' },
      ],
    });
    expect(check.missing).toEqual(['/notes/gone/']);
    const message = permalinkError(check)?.message ?? '';
    expect(message).toContain('1 URL published in git history would disappear without a redirect');
    expect(message).toContain('  /notes/gone/');
    expect(message).toContain('/notes/old/ -> /notes/missing/ (alias in content/notes/x.mdx)');
    expect(message).toContain('also pages in this build');
    expect(message).toContain(
      'hint: published links must keep working: restore the page (withdraw a note rather than delete it: withdrawn: { date, reason })',
    );
    expect(message).toContain('add its old address to the `aliases` list');
  });
});

describe('redirects', () => {
  it('writes _redirects lines sorted, one 301 each', () => {
    const text = renderRedirectsFile([
      { from: '/notes/z/', to: '/notes/new/' },
      { from: '/notes/a/', to: '/notes/new/' },
    ]);
    expect(text).toBe('/notes/a/ /notes/new/ 301\n/notes/z/ /notes/new/ 301\n');
    expect(renderRedirectsFile([])).toBe('');
    expect(() => renderRedirectsFile([{ from: '/a b/', to: '/c/' }])).toThrow(/white space/);
  });

  it('renders a redirect page with refresh, canonical and link, escaping the target and title', () => {
    const html = renderRedirectPage({
      to: '/notes/new/?a=1&b="2"',
      siteUrl: 'https://assay.example.com',
      title: '<Magnets> & "exports"',
    });
    expect(html).toContain(
      '<meta http-equiv="refresh" content="0; url=https://assay.example.com/notes/new/?a=1&amp;b=%222%22">',
    );
    expect(html).toContain('<link rel="canonical" href="https://assay.example.com/notes/new/?a=1&amp;b=%222%22">');
    expect(html).toContain('<meta name="robots" content="noindex">');
    expect(html).toContain('&lt;Magnets&gt; &amp; &quot;exports&quot;</a>');
    expect(html).not.toContain('<script');
    expect(() => renderRedirectPage({ to: 'javascript:alert(1)' })).toThrow(/not a web address/);
  });
});
