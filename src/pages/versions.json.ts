import type { APIRoute } from 'astro';
import { buildVersionsManifest, serializeVersionsManifest } from '../versions/index.ts';
import { datasetsNamedIn, siteVersions } from '../versions/site.ts';

/**
 * /versions.json: every note and event, every version with its URL, date, summary and commit,
 * and for each dataset it uses, the vintage commit and a content hash. Deterministic bytes.
 */
export const GET: APIRoute = () => {
  const index = siteVersions({ dev: import.meta.env.DEV });
  const manifest = buildVersionsManifest(index, {
    datasetsUsed: (entry, version) =>
      datasetsNamedIn(index.text(entry.file, version.number)).map(({ name, latest }) =>
        latest ? { name, vintage: 'latest' as const } : name,
      ),
  });
  return new Response(serializeVersionsManifest(manifest), {
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
};
