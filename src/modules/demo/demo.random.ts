// A seeded PRNG (mulberry32): the demo dataset is the same on every machine and every load.
export interface Random {
  next(): number;
  between(min: number, max: number): number;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  weighted<T>(items: readonly (readonly [T, number])[]): T;
}

export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    between: (min, max) => min + (max - min) * next(),
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)] as (typeof items)[number],
    weighted(items) {
      const total = items.reduce((s, [, w]) => s + w, 0);
      let r = next() * total;
      for (const [v, w] of items) {
        r -= w;
        if (r < 0) return v;
      }
      return (items[items.length - 1] as readonly [(typeof items)[number][0], number])[0];
    },
  };
}

/**
 * Splits an integer total into integer parts proportional to the weights (largest remainder), each
 * at least `min`: the parts always sum exactly to the total.
 */
export function apportion(total: number, weights: number[], min: number | number[] = 0): number[] {
  const n = weights.length;
  if (n === 0) {
    if (total !== 0) throw new Error(`cannot split ${total} into no parts`);
    return [];
  }
  const mins = typeof min === 'number' ? weights.map(() => min) : min;
  const free = total - mins.reduce((s, x) => s + x, 0);
  if (free < 0) throw new Error(`cannot split ${total} into ${n} parts of at least their minimum`);
  const sum = weights.reduce((s, w) => s + w, 0) || 1;
  const exact = weights.map((w) => (free * w) / sum);
  const parts = exact.map((x) => Math.floor(x));
  let rest = free - parts.reduce((s, x) => s + x, 0);
  const order = exact
    .map((x, i) => [x - Math.floor(x), i] as const)
    .sort((p, q) => q[0] - p[0] || p[1] - q[1])
    .map(([, i]) => i);
  for (let k = 0; rest > 0; k = (k + 1) % n, rest--) {
    const i = order[k] as number;
    parts[i] = (parts[i] as number) + 1;
  }
  return parts.map((p, i) => p + (mins[i] as number));
}
