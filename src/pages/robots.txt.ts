import type { APIRoute } from 'astro';
import { absoluteUrl } from '../feeds/urls.ts';

/** Everything may be crawled (earlier versions say noindex themselves); the sitemap lists what matters. */
export const GET: APIRoute = () =>
  new Response(`User-agent: *\nAllow: /\n\nSitemap: ${absoluteUrl('/sitemap.xml')}\n`, {
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  });
