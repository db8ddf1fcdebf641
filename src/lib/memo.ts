/**
 * `make`, remembering each result by its argument: for pure functions called with few distinct
 * arguments (number and date formats). The memo lives as long as the module, not a build:
 * a pure function's results hold for every build. Per-build state belongs to the runtime.
 */
export function memoised<K, V>(make: (key: K) => V): (key: K) => V {
  const results = new Map<K, V>();
  return (key) => {
    if (results.has(key)) return results.get(key) as V;
    const value = make(key);
    results.set(key, value);
    return value;
  };
}

/**
 * A Map that keeps only the `limit` entries used most recently: a memo whose values can be
 * made again (or read from the disk cache), so memory stays flat however large the site.
 */
export class RecentMap<K, V> extends Map<K, V> {
  // A plain field, not a parameter property: worker threads run this file with Node's type
  // stripping, which does not support those.
  private readonly limit: number;

  constructor(limit: number) {
    super();
    this.limit = limit;
  }

  override get(key: K): V | undefined {
    const value = super.get(key);
    // Used again: to the back of the line, last to be dropped.
    if (value !== undefined) {
      super.delete(key);
      super.set(key, value);
    }
    return value;
  }

  override set(key: K, value: V): this {
    super.delete(key);
    super.set(key, value);
    if (this.size > this.limit) this.delete(this.keys().next().value as K);
    return this;
  }
}
