import { escapeHtml } from '../feeds/html.ts';
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
  /** The note body, already made email-safe. */
  bodyHtml: string;
  /** The note's sources list, already made email-safe; empty for none. */
  sourcesHtml: string;
}

/**
 * The email edition's document: nested 600px tables (the one layout every client, Outlook
 * included, renders), with a `<style>` block that juice moves inline before it ships.
 */
export function emailDocument(content: EmailContent): string {
  const e = escapeHtml;
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
<div style="display:none;max-height:0;overflow:hidden;mso-hide:all">${e(content.dek)}</div>
<table role="presentation" class="outer" width="100%" cellpadding="0" cellspacing="0" border="0">
<tr><td align="center" style="padding:16px 8px">
<table role="presentation" class="container" width="${EMAIL_WIDTH}" cellpadding="0" cellspacing="0" border="0">
<tr><td class="topbar"><a href="${e(content.webUrl)}">Read on the web</a></td></tr>
<tr><td class="masthead"><a href="${e(content.homeUrl)}">${e(content.publisher)}</a></td></tr>
<tr><td class="content">
<p class="kicker">${e(content.kicker)}</p>
<h1>${e(content.title)}</h1>
<p class="dek">${e(content.dek)}</p>
<p class="byline">${e(content.byline)}</p>
${content.bodyHtml}
${content.sourcesHtml}
<p class="cta"><a href="${e(content.webUrl)}">Read on the web, with data tables and CSV downloads</a></p>
</td></tr>
<tr><td class="footer">${e(content.publisher)}: ${e(content.tagline)}. <a href="${e(content.homeUrl)}">${e(new URL(content.homeUrl).host)}</a></td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;
}
