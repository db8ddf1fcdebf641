/** `make`, remembering each result by its argument: for pure functions called with few distinct arguments. */
export function memoised<K, V>(make: (key: K) => V): (key: K) => V {
  const results = new Map<K, V>();
  return (key) => {
    if (results.has(key)) return results.get(key) as V;
    const value = make(key);
    results.set(key, value);
    return value;
  };
}
