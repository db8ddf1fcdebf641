// Unit tests for the _headers builder: no build needed, so this runs in the root `npm test`
// (the dist checks beside it are *.spec.ts and run with `npm run test:site`).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  contentSecurityPolicy,
  IMMUTABLE_CACHE,
  renderHeadersFile,
  securityHeaders,
  securityHeaderValues,
} from '../../src/integrations/headers.ts';

describe('contentSecurityPolicy', () => {
  const csp = contentSecurityPolicy();
  const directives = new Map(csp.split('; ').map((part) => [part.split(' ')[0], part.split(' ').slice(1)]));

  it('allows nothing inline and nothing from other origins', () => {
    expect(csp).not.toContain("'unsafe-inline'");
    expect(csp).not.toContain("'unsafe-eval'");
    expect(csp).not.toMatch(/https?:|\*/);
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('style-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it("lets scripts run only from the site, with WebAssembly for Pagefind's search", () => {
    expect(directives.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
  });

  it('allows data: images (icons in stylesheets) but no other scheme', () => {
    expect(directives.get('img-src')).toEqual(["'self'", 'data:']);
  });
});

describe('_headers', () => {
  it('gives every path the CSP and hardening headers, and /_astro/* a year of immutable caching', () => {
    const file = renderHeadersFile();
    const blocks = file.trim().split(/\n\n/);
    expect(blocks[0]?.split('\n')[0]).toBe('/*');
    for (const [name, value] of Object.entries(securityHeaderValues()))
      expect(blocks[0]).toContain(`\n  ${name}: ${value}`);
    expect(blocks[1]).toBe(`/_astro/*\n  Cache-Control: ${IMMUTABLE_CACHE}`);
  });

  it('puts every header on one line (hosts read one header per line)', () => {
    for (const line of renderHeadersFile().trim().split('\n')) {
      expect(line === '' || line.startsWith('/') || /^ {2}[A-Za-z-]+: \S/.test(line), line).toBe(true);
    }
  });

  it('is written to the build output by the integration at astro:build:done', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'assay-headers-'));
    try {
      const hook = securityHeaders().hooks['astro:build:done'] as unknown as (options: unknown) => void | Promise<void>;
      await hook({ dir: pathToFileURL(`${dir}/`), logger: { info: () => {} } });
      expect(readFileSync(path.join(dir, '_headers'), 'utf8')).toBe(renderHeadersFile());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
