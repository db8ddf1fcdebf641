/**
 * The email edition's stylesheet. It is written for email clients, not browsers: only
 * properties Outlook, Gmail and Apple Mail all honour (no flex, grid, position, custom
 * properties or web fonts), and juice copies every rule into `style` attributes.
 */
export const EMAIL_WIDTH = 600;
/** Content width inside the 24px side padding: the widest a chart image is drawn. */
export const EMAIL_CONTENT_WIDTH = EMAIL_WIDTH - 2 * 24;

const serif = "Georgia, 'Times New Roman', serif";
const sans = 'Arial, Helvetica, sans-serif';

export const EMAIL_CSS = `
body { margin: 0; padding: 0; background-color: #f2efe7; }
.outer { background-color: #f2efe7; }
.container { width: 100%; max-width: ${EMAIL_WIDTH}px; background-color: #fbfaf6; }
.topbar { padding: 10px 24px; font-family: ${sans}; font-size: 12px; line-height: 18px; color: #58554e; text-align: right; }
.topbar a { color: #0b5a7a; }
.masthead { padding: 20px 24px 12px; border-top: 6px solid #0b5a7a; font-family: ${sans}; font-size: 15px; font-weight: bold; color: #1c1b19; }
.masthead a { color: #1c1b19; text-decoration: none; }
.content { padding: 8px 24px 24px; font-family: ${serif}; font-size: 17px; line-height: 27px; color: #1c1b19; }
.kicker { margin: 0 0 6px; font-family: ${sans}; font-size: 12px; line-height: 18px; font-weight: bold; letter-spacing: 1px; text-transform: uppercase; color: #0b5a7a; }
h1 { margin: 0 0 12px; font-family: ${serif}; font-size: 28px; line-height: 34px; font-weight: bold; color: #1c1b19; }
h2 { margin: 28px 0 8px; font-family: ${serif}; font-size: 21px; line-height: 27px; font-weight: bold; color: #1c1b19; }
h3 { margin: 24px 0 8px; font-family: ${serif}; font-size: 18px; line-height: 24px; font-weight: bold; color: #1c1b19; }
p { margin: 0 0 16px; }
ul, ol { margin: 0 0 16px; padding-left: 24px; }
li { margin: 0 0 6px; }
a { color: #0b5a7a; text-decoration: underline; }
.dek { margin: 0 0 12px; font-size: 19px; line-height: 28px; color: #58554e; }
.byline { margin: 0 0 20px; padding-bottom: 16px; border-bottom: 1px solid #d9d4c8; font-family: ${sans}; font-size: 13px; line-height: 20px; color: #58554e; }
.value, .change { font-weight: bold; }
figure { margin: 24px 0; padding: 0; }
.chart__title { margin: 0 0 2px; font-family: ${sans}; font-size: 15px; line-height: 21px; color: #1c1b19; }
.chart__subtitle { margin: 0 0 10px; font-family: ${sans}; font-size: 13px; line-height: 19px; color: #58554e; }
.chart__note, .chart__source { margin: 8px 0 0; font-family: ${sans}; font-size: 12px; line-height: 18px; color: #58554e; }
img { display: block; border: 0; outline: none; text-decoration: none; height: auto; max-width: 100%; }
.callout { margin: 20px 0; padding: 14px 16px; background-color: #f2efe7; border-left: 4px solid #0b5a7a; }
.callout--key { background-color: #fdf3d8; }
.callout--caution { background-color: #fbe7e2; border-left-color: #c2410c; }
.callout__title { margin: 0 0 6px; font-family: ${sans}; font-size: 13px; font-weight: bold; text-transform: uppercase; letter-spacing: 1px; }
.sources { margin-top: 28px; padding-top: 12px; border-top: 1px solid #d9d4c8; font-family: ${sans}; font-size: 13px; line-height: 20px; color: #58554e; }
.sources h2 { margin: 0 0 8px; font-family: ${sans}; font-size: 14px; line-height: 20px; }
.cta { margin: 24px 0 0; font-family: ${sans}; font-size: 15px; font-weight: bold; }
.footer { padding: 16px 24px 24px; font-family: ${sans}; font-size: 12px; line-height: 18px; color: #58554e; border-top: 1px solid #d9d4c8; }
.footer a { color: #58554e; }
`;
