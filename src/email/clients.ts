/**
 * The email clients the email edition is written for, and the caniemail.com findings we
 * accept for them. test/email/caniemail.test.ts checks every note's edition against the
 * caniemail data (via @jsx-email/doiuse-email) for these clients and fails on any feature
 * a client does not support that is not allowed below.
 */

/**
 * Clients named as caniemail's `<family>.<platform>`. Chosen for reach and for what a
 * research publisher's readers use at work and on the move: Apple Mail and Gmail are most
 * of all opens; Outlook (the Word engine on Windows, the Mac app, Outlook.com and the new
 * Outlook for Windows that renders like it, and the phone apps) is the corporate inbox;
 * Yahoo is the largest remaining webmail.
 *
 * Left out on purpose: `outlook.windows-mail` (the Windows Mail app, retired by Microsoft at
 * the end of 2024 in favour of the new Outlook), `gmail.mobile-webmail` (Gmail in a phone
 * browser, used when the app is missing), and regional webmails (Orange, SFR, Mail.ru,
 * LaPoste, …) that the sample publisher's readers do not use; add them here if yours do.
 */
export const EMAIL_CLIENTS = [
  'apple-mail.macos',
  'apple-mail.ios',
  'gmail.desktop-webmail',
  'gmail.ios',
  'gmail.android',
  'outlook.windows',
  'outlook.macos',
  'outlook.outlook-com',
  'outlook.ios',
  'outlook.android',
  'yahoo.desktop-webmail',
] as const;

export type EmailClient = (typeof EMAIL_CLIENTS)[number];

/** A caniemail finding we accept: a feature one client does not support, and why that is fine. */
export interface AllowedFinding {
  /** The caniemail feature title, as doiuse-email names it (e.g. "`<body> element`" without backticks). */
  feature: string;
  /** The one client it is allowed for. */
  client: EmailClient;
  /** Why the edition still reads well there. */
  reason: string;
}

/**
 * Findings that are unavoidable or harmless, one client at a time: never a whole feature
 * for every client, never a whole client. The gate also fails when an entry no longer
 * matches anything, so this list cannot go stale.
 */
export const CANIEMAIL_ALLOWED: readonly AllowedFinding[] = [
  // Every HTML document has a <body>. Outlook for Mac and the Outlook phone apps drop it
  // with its attributes and styles, so nothing depends on it: the background, width and
  // spacing are on the outer layout table; the body's margin reset matters only where it is kept.
  ...(['outlook.macos', 'outlook.ios', 'outlook.android'] as const).map((client) => ({
    feature: '<body> element',
    client,
    reason:
      'every document has a <body>; where it is dropped the outer layout table carries background, width and spacing',
  })),
];
