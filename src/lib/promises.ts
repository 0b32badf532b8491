// Promise.all over an object: each value awaited at once, each answer under its own name, so that a
// long list of parallel reads is not written twice (once as an array, once as names).

export type AwaitedAll<T> = { [K in keyof T]: Awaited<T[K]> };

/** The object with every promise replaced by its value, the promises run concurrently. */
export async function awaitAll<T extends Record<string, unknown>>(promises: T): Promise<AwaitedAll<T>> {
  const keys = Object.keys(promises);
  const values = await Promise.all(keys.map((k) => promises[k]));
  return Object.fromEntries(keys.map((k, i) => [k, values[i]])) as AwaitedAll<T>;
}
