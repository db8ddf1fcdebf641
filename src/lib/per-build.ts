import { runtime } from '../runtime/index.ts';

/**
 * `read()` once per build under `name`, the same frozen result for every page after that: for
 * lists made from the content layer, which does not change while a build renders its pages.
 * The dev server reads afresh on every call (an author edits content while it runs), and so
 * does code outside Astro. Frozen, so no page can reorder what the next page reads.
 */
export function perBuild<T>(name: string, read: () => Promise<readonly T[]>): Promise<readonly T[]> {
  if (import.meta.env.DEV) return read();
  const lists = runtime().lists;
  let list = lists.get(name) as Promise<readonly T[]> | undefined;
  if (!list) {
    list = read().then((items) => Object.freeze(items));
    lists.set(name, list);
  }
  return list;
}
