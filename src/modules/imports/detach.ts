// Strings an import keeps for its whole length (problems, organisation names, keys of caches) must
// not keep the file's text alive: the CSV parser's cells are slices of a whole 256 KB chunk.

/**
 * A copy of `s` that does not keep its source alive. A cell (or a string built from one) kept in a
 * Map for the rest of the import kept every such chunk: a million-row file re-imported with
 * external ids held ~900 MB. The concatenation is flattened into a fresh string before the slice.
 */
export const detach = (s: string): string => ` ${s}`.slice(1);

/** A file names the same few organisations over and over: `fn` of each name computed once. */
export function memoize(fn: (s: string) => string, max = 50_000): (s: string) => string {
  const cache = new Map<string, string>();
  return (s) => {
    let v = cache.get(s);
    if (v === undefined) {
      if (cache.size >= max) cache.clear(); // a file of all-different names stays bounded
      v = fn(s);
      cache.set(detach(s), v);
    }
    return v;
  };
}
