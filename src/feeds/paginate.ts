/** One page of a paginated list. */
export interface ListPage<T> {
  /** 1-based page number. */
  number: number;
  /** Total number of pages (at least 1). */
  total: number;
  items: T[];
  /** URL path of this page: the list's path for page 1, "<path>page/<n>/" after. */
  url: string;
  prev: string | undefined;
  next: string | undefined;
}

/** URL path of page `n` of a list at `base` ("/notes/"): page 1 is the list itself. */
export function pageUrl(base: string, n: number): string {
  return n <= 1 ? base : `${base}page/${n}/`;
}

/**
 * Splits a list into pages of `size`. Page 1 keeps the list's own URL, so links to
 * "/notes/" never change when the archive grows past one page.
 */
export function paginate<T>(items: readonly T[], size: number, base: string): ListPage<T>[] {
  if (!Number.isInteger(size) || size < 1) throw new Error(`page size must be a whole number above 0, got ${size}`);
  const total = Math.max(1, Math.ceil(items.length / size));
  return Array.from({ length: total }, (_, i) => {
    const number = i + 1;
    return {
      number,
      total,
      items: items.slice(i * size, number * size),
      url: pageUrl(base, number),
      prev: number > 1 ? pageUrl(base, number - 1) : undefined,
      next: number < total ? pageUrl(base, number + 1) : undefined,
    };
  });
}
