import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { securityHeaderValues } from '../../src/integrations/headers.ts';
import { launchChromium } from '../helpers/chromium.ts';
import { type StaticServer, serveDirectory } from '../helpers/static-server.ts';
import { DIST, type Page as DistPage, type PageKind, readablePages } from '../site/dist.ts';

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SCREENSHOTS = path.join(PROJECT_ROOT, 'test-results/screenshots');

/** The two reader viewports: a small phone and a laptop. */
export const VIEWPORTS = [
  { name: '360', width: 360, height: 740 },
  { name: '1280', width: 1280, height: 800 },
] as const;
export const SCHEMES = ['light', 'dark'] as const;
/** axe-core tags for WCAG 2.0, 2.1 and 2.2, levels A and AA (axe has no separate wcag22a tag). */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
export type Viewport = (typeof VIEWPORTS)[number];
export type Scheme = (typeof SCHEMES)[number];

/** A page to open in the browser: one per kind of page a reader meets. */
export interface Target {
  kind: PageKind | '404';
  /** Short name used in test titles and screenshot files. */
  name: string;
  url: string;
}

/**
 * One page of each kind found in dist/ (so new page types are picked up as they land): home,
 * archives (all notes, a month, a topic), the note with the most charts, an earlier version and
 * its differences from the one before (the June note's v2 in the sample), the change log, an
 * event, search, other pages such as About, and a URL that does not exist (served 404.html with
 * status 404).
 */
export function targets(): Target[] {
  const pages = readablePages();
  const first = (kind: PageKind, prefer?: RegExp) =>
    pages.find((page) => page.kind === kind && prefer?.test(page.url)) ?? pages.find((page) => page.kind === kind);
  const notes = pages.filter((page) => page.kind === 'note').sort((a, b) => chartCount(b.url) - chartCount(a.url));
  const picks: Array<[string, ReturnType<typeof first>]> = [
    ['home', first('home')],
    ['notes-archive', first('notes-archive', /^\/notes\/$/)],
    ['month', pages.find((page) => /^\/notes\/\d{4}\/\d{2}\/$/.test(page.url))],
    ['topic', pages.find((page) => /^\/topics\/[^/]+\/$/.test(page.url))],
    ['note', notes[0]],
    ['version', earlierVersion(pages) ?? first('version', /^\/notes\//)],
    ['diff', first('diff', /^\/notes\/[^/]+-june-\d{4}\/v2\/diff\/$/)],
    ['changes', first('changes', /^\/changes\/$/)],
    ['event', first('event')],
    ['events-archive', first('events-archive', /^\/events\/$/)],
    ['search', first('search')],
    ['other', first('other', /^\/about\/$/)],
  ];
  const found: Target[] = picks.flatMap(([name, page]) => (page ? [{ kind: page.kind, name, url: page.url }] : []));
  return [...found, { kind: '404', name: '404', url: '/this-page-does-not-exist/' }];
}

/** A note version that a later version supersedes (so it shows the "latest version" banner). */
function earlierVersion(pages: DistPage[]): DistPage | undefined {
  const versions = pages.filter((page) => page.kind === 'version' && page.url.startsWith('/notes/'));
  return versions.find((page) => {
    const [, slug, n] = /^\/notes\/([^/]+)\/v(\d+)\/$/.exec(page.url) ?? [];
    return versions.some((other) => other.url === `/notes/${slug}/v${Number(n) + 1}/`);
  });
}

/** Charts on a built page, counted in its HTML. */
export function chartCount(url: string): number {
  const file = path.join(DIST, url, url.endsWith('/') ? 'index.html' : '');
  return (readFileSync(file, 'utf8').match(/<figure class="chart\b/g) ?? []).length;
}

export { launchChromium };

/** One Chromium and one dist/ server for a spec file: started before its tests, closed after them. */
export function sharedBrowser(): { browser: Browser; server: StaticServer } {
  const shared = {} as { browser: Browser; server: StaticServer };
  beforeAll(async () => {
    [shared.browser, shared.server] = await Promise.all([launchChromium(), serveDistWithHeaders()]);
  });
  afterAll(async () => {
    await shared.browser?.close();
    await shared.server?.close();
  });
  return shared;
}

/** dist/ on 127.0.0.1 with the same headers `_headers` gives a CDN, CSP included. */
export function serveDistWithHeaders(): Promise<StaticServer> {
  return serveDirectory(DIST, securityHeaderValues());
}

/** What went wrong while a page loaded and was used. */
export interface PageProblems {
  consoleErrors: string[];
  failedRequests: string[];
  cspViolations: string[];
  thirdParty: string[];
  /** Font files the page downloaded. */
  fonts: string[];
}

// Runs before any page script; CSP does not apply to it. Reports land in window.__csp.
const CSP_LISTENER = `
  window.__csp = [];
  document.addEventListener('securitypolicyviolation', (event) => {
    window.__csp.push(event.violatedDirective + ' blocked ' + (event.blockedURI || 'inline') +
      (event.sourceFile ? ' at ' + event.sourceFile + ':' + event.lineNumber : '') +
      (event.sample ? ' (' + event.sample + ')' : ''));
  });
`;

/** A browser context for one viewport and scheme that records every problem a reader would hit. */
export async function openContext(
  browser: Browser,
  serverUrl: string,
  viewport: { width: number; height: number },
  colorScheme: Scheme,
): Promise<{ context: BrowserContext; page: Page; problems: PageProblems }> {
  const context = await browser.newContext({ viewport, colorScheme, reducedMotion: 'reduce' });
  await context.addInitScript(CSP_LISTENER);
  const page = await context.newPage();
  const origin = new URL(serverUrl).origin;
  const problems: PageProblems = {
    consoleErrors: [],
    failedRequests: [],
    cspViolations: [],
    thirdParty: [],
    fonts: [],
  };
  page.on('console', (message) => {
    const text = message.text();
    if (/Content.Security.Policy/i.test(text)) problems.cspViolations.push(text);
    else if (message.type() === 'error') problems.consoleErrors.push(`${text} (${message.location().url})`);
  });
  page.on('pageerror', (error) => problems.consoleErrors.push(`uncaught: ${error.message}`));
  page.on('requestfailed', (request) => {
    problems.failedRequests.push(`${request.url()}: ${request.failure()?.errorText ?? 'failed'}`);
  });
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) problems.thirdParty.push(url);
    if (request.resourceType() === 'font') problems.fonts.push(url);
  });
  page.on('response', (response) => {
    // The missing-URL test expects its document to be a 404; anything else failing is a defect.
    if (response.status() >= 400 && !isMainDocument(response.request(), page)) {
      problems.failedRequests.push(`${response.url()}: HTTP ${response.status()}`);
    }
  });
  return { context, page, problems };
}

function isMainDocument(request: Request, page: Page): boolean {
  return request.isNavigationRequest() && request.frame() === page.mainFrame();
}

/** Collects CSP reports from the page (the listener above), adding them to `problems`. */
export async function collectCspReports(page: Page, problems: PageProblems): Promise<void> {
  const reports = await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
  problems.cspViolations.push(...reports);
}

export function screenshotPath(target: Target, viewport: Viewport, scheme: Scheme): string {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return path.join(SCREENSHOTS, `${target.name}-${viewport.name}-${scheme}.png`);
}
