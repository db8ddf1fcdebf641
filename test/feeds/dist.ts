/** Reading a built site in tests: its HTML pages, head tags and the file a URL maps to. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export const SITE_URL = 'https://assay.example.com';

/** Every HTML file under a directory, as paths relative to it ("notes/x/index.html"). */
export function htmlFiles(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return name === 'pagefind' ? [] : htmlFiles(file, base);
    return name.endsWith('.html') ? [path.relative(base, file)] : [];
  });
}

/** The dist file an absolute site URL is served from (directory URLs → index.html), if it exists. */
export function distFileFor(outDir: string, url: string): string | undefined {
  const parsed = new URL(url);
  if (parsed.origin !== SITE_URL) return undefined;
  let file = path.join(outDir, decodeURIComponent(parsed.pathname));
  if (parsed.pathname.endsWith('/')) file = path.join(file, 'index.html');
  return existsSync(file) ? file : undefined;
}

/** Content of `<meta property|name="…">` tags in a page, by key (all values). */
export function metaTags(html: string): Map<string, string[]> {
  const head = html.slice(0, html.indexOf('</head>'));
  const tags = new Map<string, string[]>();
  for (const match of head.matchAll(/<meta\s+(?:property|name)="([^"]+)"\s+content="([^"]*)"/g)) {
    const [, key = '', value = ''] = match;
    tags.set(key, [...(tags.get(key) ?? []), decode(value)]);
  }
  return tags;
}

/** `<link rel="alternate">` tags of a page. */
export function alternateLinks(html: string): { type: string; href: string }[] {
  const head = html.slice(0, html.indexOf('</head>'));
  return [...head.matchAll(/<link rel="alternate" type="([^"]+)" title="[^"]*" href="([^"]+)"/g)].map((m) => ({
    type: m[1] as string,
    href: decode(m[2] as string),
  }));
}

function decode(value: string): string {
  return value
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
}

/** Width and height of a PNG file, or undefined when it is not a PNG. */
export function pngFileSize(file: string): { width: number; height: number } | undefined {
  const bytes = readFileSync(file);
  if (!bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return undefined;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** All href/src/srcset URLs in an HTML fragment. */
export function urlsIn(html: string): string[] {
  return [...html.matchAll(/\s(?:href|src)="([^"]*)"/g)].map((m) => decode(m[1] as string));
}
