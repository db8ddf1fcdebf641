import { parseHTML } from 'linkedom';
import { isSiteUrl } from '../feeds/urls.ts';
import { EMAIL_WIDTH } from './styles.ts';

/** Options for `emailRuleViolations`. */
export interface EmailRuleOptions {
  /** The site's absolute URL: links to it must carry the UTM parameters. */
  siteUrl: string;
  /** UTM parameters every link to the site must carry. */
  utm: Readonly<Record<string, string>>;
}

/**
 * CSS that common clients drop (Outlook's Word engine, Gmail): layouts built on them fall
 * apart in the inbox. A short list from caniemail.com, for the properties a stray site
 * stylesheet would bring in.
 */
const UNSUPPORTED_CSS = [
  /display\s*:\s*(flex|grid|inline-flex)/i,
  /position\s*:\s*(absolute|fixed|sticky)/i,
  /var\(--/i,
  /@import/i,
  /(^|;)\s*overflow(-[xy])?\s*:/i,
  /(^|;)\s*outline\s*:/i,
];

/** caniemail's "HTML5 semantics": Outlook on Windows and Yahoo strip these tags and their styles. */
const SEMANTIC_ELEMENTS =
  'article, aside, details, figcaption, figure, footer, header, main, mark, nav, section, summary, time';

/**
 * Checks an email edition against the rules a newsletter tool needs, returning one message
 * per broken rule (empty when it passes): no script, SVG, stylesheet or style block (all
 * CSS inline); no HTML5 semantic elements, and `role` only as role="presentation" on layout
 * tables; every URL absolute; every image with width, height and alt, none wider than
 * the layout; links to the site carry UTM parameters; a "Read on the web" link; a 600px layout table.
 */
export function emailRuleViolations(html: string, options: EmailRuleOptions): string[] {
  const { document } = parseHTML(html);
  const problems: string[] = [];
  const count = (selector: string) => document.querySelectorAll(selector).length;
  if (count('script')) problems.push(`${count('script')} <script> element(s): email clients strip or block them`);
  if (count('svg')) problems.push(`${count('svg')} inline <svg> element(s): most email clients do not render them`);
  if (count('link[rel~="stylesheet"]')) problems.push('an external stylesheet: email clients do not load them');
  if (count('style')) problems.push('a <style> block: all CSS must be inline');
  if (count('iframe, object, embed, form, video, audio')) problems.push('interactive or embedded elements');
  for (const element of document.querySelectorAll(SEMANTIC_ELEMENTS))
    problems.push(`a <${element.localName}> element: Outlook and Yahoo strip HTML5 semantic elements`);
  for (const element of document.querySelectorAll('[role]')) {
    if (element.localName !== 'table' || element.getAttribute('role') !== 'presentation')
      problems.push(
        `role="${element.getAttribute('role')}" on <${element.localName}>: only layout tables carry a role`,
      );
  }
  for (const element of document.querySelectorAll('[href], [src], [background]')) {
    for (const name of ['href', 'src', 'background']) {
      const value = element.getAttribute(name);
      if (value === null) continue;
      if (!/^(https?:|mailto:)/i.test(value.trim()))
        problems.push(`${element.localName} ${name}="${value}" is not an absolute URL`);
      else if (name === 'href' && isSiteUrl(value, options.siteUrl)) {
        const params = new URL(value).searchParams;
        const missing = Object.keys(options.utm).filter((key) => params.get(key) !== options.utm[key]);
        if (missing.length > 0) problems.push(`link ${value} lacks ${missing.join(', ')}`);
      }
    }
  }
  for (const img of document.querySelectorAll('img')) {
    const src = img.getAttribute('src') ?? '';
    const width = Number(img.getAttribute('width'));
    if (!img.hasAttribute('alt')) problems.push(`image ${src} has no alt text`);
    if (!(width > 0) || !(Number(img.getAttribute('height')) > 0)) problems.push(`image ${src} lacks width and height`);
    if (width > EMAIL_WIDTH) problems.push(`image ${src} is ${width}px wide, wider than the ${EMAIL_WIDTH}px layout`);
  }
  for (const element of document.querySelectorAll('[style]')) {
    const style = element.getAttribute('style') ?? '';
    for (const pattern of UNSUPPORTED_CSS) {
      if (pattern.test(style))
        problems.push(`${element.localName} style "${style}" uses CSS email clients drop (${pattern.source})`);
    }
  }
  const links = [...document.querySelectorAll('a')];
  if (!links.some((a) => /read on the web/i.test(a.textContent ?? ''))) problems.push('no "Read on the web" link');
  if (!document.querySelector(`table[width="${EMAIL_WIDTH}"]`)) problems.push(`no ${EMAIL_WIDTH}px layout table`);
  return problems;
}
