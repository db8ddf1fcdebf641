/**
 * The email-client gate: every note's email edition, built for real, checked against the
 * caniemail.com data for the clients in EMAIL_CLIENTS. A feature one of them does not
 * support fails the test unless CANIEMAIL_ALLOWED names that feature and client with a reason.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CANIEMAIL_ALLOWED, EMAIL_CLIENTS } from '../../src/email/clients.ts';
import { type BuiltSite, buildSite, PROJECT_ROOT, removeSite } from '../helpers/build-site.ts';
import { type CaniemailReport, caniemail, type Finding, tally } from './caniemail.ts';

const isAllowed = (finding: Finding) =>
  CANIEMAIL_ALLOWED.some((allowed) => allowed.feature === finding.feature && allowed.client === finding.client);

/** "notes/x/email.html: `overflow` unsupported by outlook.windows (2×)", one line per finding. */
function describeFindings(file: string, findings: readonly Finding[], what: string): string[] {
  return tally(findings).map(
    ({ feature, client, count }) => `${file}: \`${feature}\` ${what} ${client}${count > 1 ? ` (${count}×)` : ''}`,
  );
}

describe('email editions against caniemail', () => {
  let site: BuiltSite;
  /** Each note's edition, by its dist path, with its caniemail report. */
  const editions = new Map<string, CaniemailReport>();

  beforeAll(() => {
    site = buildSite(PROJECT_ROOT);
    if (!site.ok) throw new Error(`build failed:\n${site.output}`);
    // Every published note is in the site feed; each must have an edition.
    const feed = JSON.parse(readFileSync(path.join(site.outDir, 'feed.json'), 'utf8')) as { items: { url: string }[] };
    for (const { url } of feed.items) {
      const file = path.join(new URL(url).pathname.slice(1), 'email.html');
      if (!existsSync(path.join(site.outDir, file))) throw new Error(`${url} has no email edition at ${file}`);
      editions.set(file, caniemail(readFileSync(path.join(site.outDir, file), 'utf8'), EMAIL_CLIENTS));
    }
  }, 120_000);
  afterAll(() => site && removeSite(site));

  it('checks every note', () => {
    expect(editions.size).toBeGreaterThanOrEqual(3);
    expect([...editions.keys()]).toContain('notes/china-magnet-exports-july-2025/email.html');
  });

  it('uses no feature a target client lacks, except the allowed ones', () => {
    const problems = [...editions].flatMap(([file, report]) =>
      describeFindings(
        file,
        report.unsupported.filter((finding) => !isAllowed(finding)),
        'is not supported by',
      ),
    );
    expect(
      problems,
      `caniemail findings for ${EMAIL_CLIENTS.join(', ')}; fix the template (src/email/) or, if harmless, allow the feature for that client with a reason in src/email/clients.ts`,
    ).toEqual([]);
  });

  it('has caniemail data for every feature it uses on every target client', () => {
    const unknown = [...editions].flatMap(([file, report]) =>
      describeFindings(file, report.unknown, 'has no data for'),
    );
    expect(unknown, 'an unknown feature is not a pass: test it in that client, or avoid it').toEqual([]);
  });

  it('has no stale allow-list entry', () => {
    const found = [...editions.values()].flatMap((report) => report.unsupported);
    const stale = CANIEMAIL_ALLOWED.filter(
      (allowed) => !found.some((finding) => finding.feature === allowed.feature && finding.client === allowed.client),
    ).map(({ feature, client }) => `${feature} for ${client}`);
    expect(stale, 'allow-list entries no edition needs: remove them from src/email/clients.ts').toEqual([]);
  });
});

describe('caniemail checker', () => {
  it('names the feature and client of each finding, Outlook.com included', () => {
    const html =
      '<!DOCTYPE html><html><body><figure role="note" aria-label="Key" ' +
      'style="overflow: hidden; outline: none; aspect-ratio: 2"><p>x</p></figure></body></html>';
    const report = caniemail(html, [
      'outlook.windows',
      'outlook.outlook-com',
      'yahoo.desktop-webmail',
      'apple-mail.ios',
    ]);
    expect(tally(report.unsupported).map(({ feature, client }) => `${feature} / ${client}`)).toEqual(
      expect.arrayContaining([
        'HTML5 semantics / outlook.windows',
        'HTML5 semantics / yahoo.desktop-webmail',
        'aria-label attribute / yahoo.desktop-webmail',
        'overflow / outlook.windows',
        'outline / outlook.windows',
        'aspect-ratio / outlook.outlook-com',
      ]),
    );
    expect(report.unsupported.filter((finding) => finding.client === 'apple-mail.ios')).toEqual([]);
    expect(report.partial.length).toBeGreaterThan(0);
  });

  it('passes a plain table layout for every target client but the allowed <body> findings', () => {
    const html =
      '<!DOCTYPE html><html lang="en"><body style="margin: 0;"><table role="presentation" width="600" ' +
      'cellpadding="0" cellspacing="0" border="0"><tr><td style="padding: 8px; font-family: Arial, sans-serif; ' +
      'color: #1c1b19;"><p style="margin: 0 0 16px;">Text</p></td></tr></table></body></html>';
    const report = caniemail(html, EMAIL_CLIENTS);
    expect(report.unsupported.filter((finding) => !isAllowed(finding))).toEqual([]);
    expect(report.unknown).toEqual([]);
  });

  it('allows a finding for one client at a time, each with a reason', () => {
    for (const allowed of CANIEMAIL_ALLOWED) {
      expect(EMAIL_CLIENTS).toContain(allowed.client);
      expect(allowed.reason.length, `${allowed.feature} / ${allowed.client}`).toBeGreaterThan(30);
    }
    const keys = CANIEMAIL_ALLOWED.map(({ feature, client }) => `${feature}\u0000${client}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
