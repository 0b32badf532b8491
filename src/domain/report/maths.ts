// The arithmetic of the reports, pure and total: every function answers null instead of NaN or
// Infinity (a zero or missing denominator is "not computable", never a silent zero).

export const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Rounds half away from zero at `digits` decimals, without binary artefacts (38.345 → 38.35). */
export function round(value: number, digits = 2): number {
  if (!Number.isFinite(value)) return value;
  const f = 10 ** digits;
  const r = Math.round(Math.abs(value) * f + 1e-9) / f;
  return value < 0 ? -r : r === 0 ? 0 : r;
}

/** part ÷ whole as a percentage rounded to 2 decimals; null when either is missing or whole is 0. */
export function share(
  part: number | null | undefined,
  whole: number | null | undefined,
  digits = 2,
): number | null {
  if (!isNum(part) || !isNum(whole) || whole === 0) return null;
  return round((part / whole) * 100, digits);
}

/** Change of `current` against `previous` in %, 1 decimal; null when not computable. */
export function change(
  current: number | null | undefined,
  previous: number | null | undefined,
): number | null {
  if (!isNum(current) || !isNum(previous) || previous === 0) return null;
  return round(((current - previous) / previous) * 100, 1);
}

export function ratio(a: number | null | undefined, b: number | null | undefined, digits = 2): number | null {
  if (!isNum(a) || !isNum(b) || b === 0) return null;
  return round(a / b, digits);
}

/** Sum of the known values; null when none is known (missing is not zero). */
export function sumKnown(values: Iterable<number | null | undefined>): number | null {
  let s = 0;
  let any = false;
  for (const v of values) {
    if (isNum(v)) {
      s += v;
      any = true;
    }
  }
  return any ? s : null;
}

export function median(values: number[]): number | null {
  const xs = values.filter(isNum).sort((a, b) => a - b);
  if (!xs.length) return null;
  const mid = xs.length >> 1;
  return xs.length % 2 ? (xs[mid] as number) : ((xs[mid - 1] as number) + (xs[mid] as number)) / 2;
}

/**
 * Modified z-scores (Iglewicz & Hoaglin): Mi = 0.6745 (xi − median) / MAD. When the MAD is 0 (more
 * than half the values equal), the mean absolute deviation × 1.2533 stands in for it; when that is 0
 * too, every value equals the median and no score is defined (all null).
 */
export function modifiedZScores(values: number[]): (number | null)[] {
  const med = median(values);
  if (med === null) return values.map(() => null);
  const dev = values.map((v) => Math.abs(v - med));
  const mad = median(dev) as number;
  if (mad > 0) return values.map((v) => round((0.6745 * (v - med)) / mad, 2));
  const meanAd = dev.reduce((s, d) => s + d, 0) / dev.length;
  if (meanAd > 0) return values.map((v) => round((v - med) / (1.253314 * meanAd), 2));
  return values.map(() => null);
}

export const OUTLIER_THRESHOLD = 3.5;

export function outliers<T>(
  items: T[],
  value: (t: T) => number,
  threshold = OUTLIER_THRESHOLD,
): { item: T; z: number }[] {
  const zs = modifiedZScores(items.map(value));
  const out: { item: T; z: number }[] = [];
  items.forEach((item, i) => {
    const z = zs[i];
    if (isNum(z) && Math.abs(z) > threshold) out.push({ item, z });
  });
  return out.sort((a, b) => Math.abs(b.z) - Math.abs(a.z));
}

/** Which of two figures prevails; null when either is missing or both are 0. */
export function prevailing<A extends string, B extends string>(
  a: number | null | undefined,
  b: number | null | undefined,
  names: [A, B],
): A | B | 'equal' | null {
  if (!isNum(a) || !isNum(b) || a + b === 0) return null;
  if (a === b) return 'equal';
  return a > b ? names[0] : names[1];
}

/** The entry with the largest (or smallest) value; ties go to the first; null for an empty list. */
export function extreme<T>(items: T[], value: (t: T) => number | null, dir: 'max' | 'min' = 'max'): T | null {
  let best: T | null = null;
  let bestV = 0;
  for (const it of items) {
    const v = value(it);
    if (!isNum(v)) continue;
    if (best === null || (dir === 'max' ? v > bestV : v < bestV)) {
      best = it;
      bestV = v;
    }
  }
  return best;
}

/** Groups rows by a key, keeping insertion order. */
export function groupBy<T, K>(rows: Iterable<T>, key: (t: T) => K): Map<K, T[]> {
  const m = new Map<K, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}

/** Replaces any non-finite number in a JSON-like value with null; returns the paths it replaced. */
export function scrubNonFinite(value: unknown, path = '$', found: string[] = []): string[] {
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      if (typeof v === 'number' && !Number.isFinite(v)) {
        value[i] = null;
        found.push(`${path}[${i}]`);
      } else scrubNonFinite(v, `${path}[${i}]`, found);
    });
  } else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    for (const k of Object.keys(o)) {
      const v = o[k];
      if (typeof v === 'number' && !Number.isFinite(v)) {
        o[k] = null;
        found.push(`${path}.${k}`);
      } else scrubNonFinite(v, `${path}.${k}`, found);
    }
  }
  return found;
}
