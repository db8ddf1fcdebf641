import { escapeHtml } from '../lib/escape.ts';
import type { EmailBlock } from './body.ts';
import { layoutTable } from './layout-table.ts';
import { EMAIL_CSS, EMAIL_WIDTH } from './styles.ts';

/** What the email layout shows; text fields are plain text (escaped here), `*Html` are trusted fragments. */
export interface EmailContent {
  language: string;
  /** Headline, also the document title. */
  title: string;
  /** One-sentence summary: the preheader inbox lists show, and the dek. */
  dek: string;
  kicker: string;
  byline: string;
  /** Absolute URL (with UTM) of the note on the web. */
  webUrl: string;
  /** Absolute URL (with UTM) of the site's home page. */
  homeUrl: string;
  publisher: string;
  tagline: string;
  /** The note body, already made email-safe: runs of text, and charts the full width of the email. */
  body: readonly EmailBlock[];
  /** The note's sources list, already made email-safe; empty for none. */
  sourcesHtml: string;
}

/** A row of the body: text in the padded column, a chart without side padding (its PNG has margins). */
function bodyRow(block: EmailBlock): string {
  return block.kind === 'chart'
    ? `<tr><td class="chart-row" align="center">${block.html}</td></tr>`
    : `<tr><td class="content">\n${block.html}\n</td></tr>`;
}

/**
 * The email edition's document: nested tables (the one layout every client, Outlook's Word
 * engine included, renders), 600px wide on a desktop and the full width of a phone, with a
 * `<style>` block that juice moves inline before it ships. The 600px table's `max-width`
 * holds in Outlook on Windows (max-width works there on tables only); the `wrap` div holds
 * it in Apple Mail on iOS (where it does not work on tables).
 */
export function emailDocument(content: EmailContent): string {
  const e = escapeHtml;
  const sources = content.sourcesHtml ? `\n<tr><td class="sources-row">${content.sourcesHtml}</td></tr>` : '';
  return `<!DOCTYPE html>
<html lang="${e(content.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="x-apple-disable-message-reformatting">
<title>${e(content.title)}</title>
<style>${EMAIL_CSS}</style>
</head>
<body>
<div style="display:none;mso-hide:all">${e(content.dek)}</div>
${layoutTable({ class: 'outer' })}
<tr><td align="center" style="padding:16px 0">
<div class="wrap">
${layoutTable({ class: 'container', width: String(EMAIL_WIDTH), align: 'center' })}
<tr><td class="topbar"><a href="${e(content.webUrl)}">Read on the web</a></td></tr>
<tr><td class="masthead"><a href="${e(content.homeUrl)}">${e(content.publisher)}</a></td></tr>
<tr><td class="header">
<p class="kicker">${e(content.kicker)}</p>
<h1>${e(content.title)}</h1>
<p class="dek">${e(content.dek)}</p>
<p class="byline">${e(content.byline)}</p>
</td></tr>
${content.body.map(bodyRow).join('\n')}${sources}
<tr><td class="cta"><a href="${e(content.webUrl)}">Read on the web, with data tables and CSV downloads</a></td></tr>
<tr><td class="footer">${e(content.publisher)}: ${e(content.tagline)}. <a href="${e(content.homeUrl)}">${e(new URL(content.homeUrl).host)}</a></td></tr>
</table>
</div>
</td></tr>
</table>
</body>
</html>
`;
}
