import type { RenderedSvg } from './render.ts';
import { standaloneSvg } from './svg.ts';

/**
 * A drawing as cached: without its standalone SVG, which is rebuilt from the wide one
 * (`standaloneSvg`, a few string edits), so entries are a third smaller to write and read.
 */
export type CachedSvg = Omit<RenderedSvg, 'standalone'>;

export function toCached({ wide, narrow }: RenderedSvg): CachedSvg {
  return { wide, narrow };
}

export function fromCached(cached: CachedSvg): RenderedSvg {
  return { ...cached, standalone: standaloneSvg(cached.wide) };
}

export function isCached(value: unknown): value is CachedSvg {
  const v = value as CachedSvg | null;
  return (
    !!v &&
    typeof v.wide === 'string' &&
    v.wide.startsWith('<svg') &&
    typeof v.narrow === 'string' &&
    v.narrow.startsWith('<svg')
  );
}
