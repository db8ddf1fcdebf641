/**
 * Author mistakes in links (src/lib/safe-url.ts): every link an author or a dataset supplies
 * must be https:, http:, mailto: or a site path starting with /, so nothing a reader clicks
 * runs code. Each case is the smallest change to the base fixture site.
 */

import { BASE_FRONTMATTER, BASE_NOTE, BODY_LINE, baseFile, note } from '../base.ts';
import type { Mistake } from '../mistake.ts';

const WORLD = 'data/china-magnet-exports-world';
const worldYml = baseFile(`${WORLD}.yml`);
const BODY = 'May exports fell.';
const ALLOWED = '(links must be https:, http:, mailto: or a site path starting with /)';
const LINK_HINT = "link to the page's https:// address, or leave the link out";
/** The `url:` line of the one source `sourced` adds, after the base frontmatter's five lines. */
const SOURCE_URL_LINE = 9;

/** The base note with one source whose link is `url`. */
const sourced = (url: string) =>
  note(BODY, `${BASE_FRONTMATTER}\nsources:\n  - name: China General Administration of Customs\n    url: ${url}`);

/** The world dataset's metadata with its source link replaced by `url`. */
const sourceUrl = (url: string) => worldYml.replace(/url: .*/, `url: ${url}`);

export const mistakes: Mistake[] = [
  {
    title: 'A javascript: link in a note source',
    files: { [BASE_NOTE]: sourced('"javascript:alert(1)"') },
    expect: {
      file: BASE_NOTE,
      line: SOURCE_URL_LINE,
      column: 5,
      problem: `sources.0.url: 'javascript:alert(1)' is not an allowed link: the javascript: scheme is not allowed ${ALLOWED}`,
      hint: LINK_HINT,
    },
    fix: 'Link the source with its https:// address, or leave `url` out.',
  },
  {
    title: 'A javascript: link as a dataset source',
    files: { [`${WORLD}.yml`]: sourceUrl('"javascript:alert(1)"') },
    expect: {
      file: `${WORLD}.yml`,
      line: 7,
      column: 8,
      problem: `field 'source.url': 'javascript:alert(1)' is not an allowed link: the javascript: scheme is not allowed ${ALLOWED}`,
      hint: LINK_HINT,
    },
    fix: "Give the publisher's https:// page as `source.url`, or leave it out.",
  },
  {
    title: 'A data: URL as a link',
    files: { [BASE_NOTE]: sourced('"data:text/html,<script>alert(1)</script>"') },
    expect: {
      file: BASE_NOTE,
      line: SOURCE_URL_LINE,
      column: 5,
      problem: `sources.0.url: 'data:text/html,<script>alert(1)</script>' is not an allowed link: the data: scheme is not allowed ${ALLOWED}`,
      hint: LINK_HINT,
    },
    fix: 'Link to a page on the web (https://) instead of embedding content in the link.',
  },
  {
    title: 'A link without https://',
    files: { [`${WORLD}.yml`]: sourceUrl('www.customs.gov.cn/x') },
    expect: {
      file: `${WORLD}.yml`,
      line: 7,
      column: 8,
      problem: `field 'source.url': 'www.customs.gov.cn/x' is not an allowed link: it has no scheme ${ALLOWED}; did you mean 'https://www.customs.gov.cn/x'?`,
      hint: 'write the full address: https://www.customs.gov.cn/x',
    },
    fix: 'Write the full address, starting with https://.',
  },
  {
    title: 'A javascript: link in the text of a note',
    files: { [BASE_NOTE]: note('See [the data](javascript:alert(1)).') },
    expect: {
      file: BASE_NOTE,
      line: BODY_LINE,
      column: 5,
      problem: `link 'javascript:alert(1)' is not an allowed link: the javascript: scheme is not allowed ${ALLOWED}`,
      hint: LINK_HINT,
    },
    fix: 'Link to an https:// page, a mailto: address or a page of the site (/notes/…).',
  },
];
