import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

/**
 * Content-Security-Policy directives for every page. Nothing on the site needs inline script or
 * inline style (Astro never inlines stylesheets; chart SVGs carry no <style>), so neither is allowed.
 * 'wasm-unsafe-eval' lets the search page compile Pagefind's WebAssembly; it does not allow JS eval,
 * and it is site-wide because hosts join two matching CSP rules into two policies that both apply.
 */
export const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'self'"],
  'script-src': ["'self'", "'wasm-unsafe-eval'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

/** The Content-Security-Policy header value, directives in a fixed order. */
export function contentSecurityPolicy(directives = CSP_DIRECTIVES): string {
  return Object.entries(directives)
    .map(([name, sources]) => [name, ...sources].join(' '))
    .join('; ');
}

/** Headers every response gets: the CSP plus the usual hardening headers. */
export function securityHeaderValues(): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    // Only features Chromium and Firefox recognise: unknown names log console errors.
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  };
}

/** Hashed build assets never change under the same name, so caches may keep them for a year. */
export const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';

/** The `_headers` file (Netlify and Cloudflare Pages format): a path pattern, then indented headers. */
export function renderHeadersFile(): string {
  const block = (pattern: string, headers: Record<string, string>) =>
    [pattern, ...Object.entries(headers).map(([name, value]) => `  ${name}: ${value}`)].join('\n');
  return `${[block('/*', securityHeaderValues()), block('/_astro/*', { 'Cache-Control': IMMUTABLE_CACHE })].join('\n\n')}\n`;
}

/** Writes `dist/_headers` when the build is done. */
export function securityHeaders(): AstroIntegration {
  return {
    name: 'assay-security-headers',
    hooks: {
      'astro:build:done': ({ dir, logger }) => {
        const file = path.join(fileURLToPath(dir), '_headers');
        writeFileSync(file, renderHeadersFile());
        logger.info('wrote _headers (Content-Security-Policy, caching for /_astro/*)');
      },
    },
  };
}
