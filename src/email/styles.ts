/**
 * The email edition's stylesheet. It is written for email clients, not browsers: only
 * properties the clients in `EMAIL_CLIENTS` honour (no flex, grid, position, overflow,
 * outline, custom properties or web fonts), boxes and rules on table cells (Outlook's Word
 * engine draws borders and backgrounds reliably only there), and juice copies every rule
 * into `style` attributes.
 */
export const EMAIL_WIDTH = 600;
/** Side padding of the content column. */
export const EMAIL_GUTTER = 24;
/** Content width inside the side padding: the widest an image in the text is drawn (charts span the email). */
export const EMAIL_CONTENT_WIDTH = EMAIL_WIDTH - 2 * EMAIL_GUTTER;

const serif = "Georgia, 'Times New Roman', serif";
const sans = 'Arial, Helvetica, sans-serif';
const ink = '#1c1b19';
const muted = '#58554e';
const accent = '#0b5a7a';
const rule = '#d9d4c8';
const paper = '#fbfaf6';
const page = '#f2efe7';

export const EMAIL_CSS = `
body { margin: 0; padding: 0; background-color: ${page}; }
.outer { background-color: ${page}; }
.wrap { max-width: ${EMAIL_WIDTH}px; margin: 0 auto; }
.container { width: 100%; max-width: ${EMAIL_WIDTH}px; background-color: ${paper}; }
.topbar { padding: 10px ${EMAIL_GUTTER}px; font-family: ${sans}; font-size: 14px; line-height: 20px; color: ${muted}; text-align: right; }
.topbar a { color: ${accent}; }
.masthead { padding: 20px ${EMAIL_GUTTER}px 12px; border-top: 6px solid ${accent}; font-family: ${sans}; font-size: 15px; line-height: 21px; font-weight: bold; color: ${ink}; }
.masthead a { color: ${ink}; text-decoration: none; }
.header { padding: 8px ${EMAIL_GUTTER}px 4px; font-family: ${serif}; color: ${ink}; border-bottom: 1px solid ${rule}; }
.content { padding: 20px ${EMAIL_GUTTER}px 4px; font-family: ${serif}; font-size: 17px; line-height: 27px; color: ${ink}; }
.kicker { margin: 0 0 6px; font-family: ${sans}; font-size: 14px; line-height: 18px; font-weight: bold; letter-spacing: 1px; text-transform: uppercase; color: ${accent}; }
h1 { margin: 0 0 12px; font-family: ${serif}; font-size: 28px; line-height: 34px; font-weight: bold; color: ${ink}; }
h2 { margin: 28px 0 8px; font-family: ${serif}; font-size: 21px; line-height: 27px; font-weight: bold; color: ${ink}; }
h3 { margin: 24px 0 8px; font-family: ${serif}; font-size: 18px; line-height: 24px; font-weight: bold; color: ${ink}; }
p { margin: 0 0 16px; }
ul, ol { margin: 0 0 16px; padding: 0 0 0 24px; }
li { margin: 0 0 6px; }
a { color: ${accent}; text-decoration: underline; }
.dek { margin: 0 0 12px; font-size: 19px; line-height: 28px; color: ${muted}; }
.byline { margin: 0 0 12px; font-family: ${sans}; font-size: 14px; line-height: 20px; color: ${muted}; }
.value, .change { font-weight: bold; }
code { font-family: Consolas, Menlo, monospace; font-size: 15px; }
blockquote { margin: 0 0 16px; padding: 0 0 0 16px; border-left: 3px solid ${rule}; color: ${muted}; }
.chart { padding: 8px 0 16px; }
.chart__title { margin: 0 0 2px; font-family: ${sans}; font-size: 15px; line-height: 21px; color: ${ink}; }
.chart__subtitle { margin: 0 0 10px; font-family: ${sans}; font-size: 14px; line-height: 19px; color: ${muted}; }
.chart__note, .chart__source { margin: 8px 0 0; font-family: ${sans}; font-size: 14px; line-height: 20px; color: ${muted}; }
/* A chart's row: no side padding, so the PNG twin (which has margins) spans a phone's full width. */
.chart-row { padding: 4px 0 16px; }
img.chart-image { width: 100%; max-width: ${EMAIL_WIDTH}px; }
.chart-data { margin: 4px ${EMAIL_GUTTER}px 0; font-family: ${sans}; font-size: 14px; line-height: 20px; text-align: left; }
img { display: block; border: 0; text-decoration: none; height: auto; max-width: 100%; }
.box { padding: 4px 0 16px; }
.callout { padding: 14px 16px 2px; background-color: ${page}; border-left: 4px solid ${accent}; }
.callout--key { background-color: #fdf3d8; }
.callout--caution { background-color: #fbe7e2; border-left-color: #c2410c; }
.callout__title { margin: 0 0 6px; font-family: ${sans}; font-size: 14px; line-height: 19px; font-weight: bold; text-transform: uppercase; letter-spacing: 1px; }
.data-table { margin: 0 0 16px; font-family: ${sans}; font-size: 14px; line-height: 20px; }
.data-table th, .data-table td { padding: 4px 8px 4px 0; border-bottom: 1px solid ${rule}; text-align: left; vertical-align: top; }
.sources-row { padding: 0 ${EMAIL_GUTTER}px; }
.sources { padding: 12px 0 0; border-top: 1px solid ${rule}; font-family: ${sans}; font-size: 14px; line-height: 20px; color: ${muted}; }
.sources h2 { margin: 0 0 8px; font-family: ${sans}; font-size: 14px; line-height: 20px; }
.cta { padding: 8px ${EMAIL_GUTTER}px 24px; font-family: ${sans}; font-size: 15px; line-height: 21px; font-weight: bold; }
.footer { padding: 16px ${EMAIL_GUTTER}px 24px; font-family: ${sans}; font-size: 14px; line-height: 20px; color: ${muted}; border-top: 1px solid ${rule}; }
.footer a { color: ${muted}; }
`;
