// Row keys of an import: the external id when a row has one, else a hash of its content plus the
// occurrence number in the file, so that the same file imported again finds the same rows and two
// identical rows of one file stay two rows. Keys of rows imported before must never change: the
// hashes and their text are fixed (test/exports.import-writer.test.ts holds them to it). The
// tables of seen keys live in typed arrays, off the JavaScript heap, for files of a million rows.
import { ACTIVITY_STORED_FIELDS, type ActivityInput } from '../../domain/activity-rules.ts';
import { normalizeName } from '../../domain/text.ts';

/** A fast 53-bit string hash (cyrb53): row keys need spread, not secrecy. */
export function hash53(str: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < str.length; i++) {
    const ch = str.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** The stored fields that are a row's content (the external id is its key, not its content). */
const CONTENT_FIELDS = ACTIVITY_STORED_FIELDS.filter((f) => f !== 'external_id');

/** The normalised content of an activity row: what makes two rows "the same row". */
export function activityContent(v: ActivityInput, normalize = normalizeName): string {
  const parts: unknown[] = [v.region, v.period, v.organization_type, normalize(v.organization)];
  for (const f of CONTENT_FIELDS) parts.push(v[f]);
  return parts.join('\u0001');
}

/**
 * hash53(str) and hash53(str, 0x9e3779b9) in one pass over the string: the same two numbers as the
 * two calls (so rows imported before keep their keys), at half the cost.
 */
export function hash53Pair(str: string): [number, number] {
  let a1 = 0xdeadbeef;
  let a2 = 0x41c6ce57;
  let b1 = 0xdeadbeef ^ 0x9e3779b9;
  let b2 = 0x41c6ce57 ^ 0x9e3779b9;
  for (let i = 0; i < str.length; i++) {
    const ch = str.charCodeAt(i);
    a1 = Math.imul(a1 ^ ch, 2654435761);
    a2 = Math.imul(a2 ^ ch, 1597334677);
    b1 = Math.imul(b1 ^ ch, 2654435761);
    b2 = Math.imul(b2 ^ ch, 1597334677);
  }
  a1 = Math.imul(a1 ^ (a1 >>> 16), 2246822507) ^ Math.imul(a2 ^ (a2 >>> 13), 3266489909);
  a2 = Math.imul(a2 ^ (a2 >>> 16), 2246822507) ^ Math.imul(a1 ^ (a1 >>> 13), 3266489909);
  b1 = Math.imul(b1 ^ (b1 >>> 16), 2246822507) ^ Math.imul(b2 ^ (b2 >>> 13), 3266489909);
  b2 = Math.imul(b2 ^ (b2 >>> 16), 2246822507) ^ Math.imul(b1 ^ (b1 >>> 13), 3266489909);
  return [4294967296 * (2097151 & a2) + (a1 >>> 0), 4294967296 * (2097151 & b2) + (b1 >>> 0)];
}

const DIGITS36 = '0123456789abcdefghijklmnopqrstuvwxyz';
/** "00" … "zz": two base-36 digits at a time. */
const PAIRS36 = Array.from(
  { length: 36 * 36 },
  (_, i) => (DIGITS36[Math.floor(i / 36)] as string) + (DIGITS36[i % 36] as string),
);
/** n.toString(36) of a whole number below 2^53, without V8's generic double-to-radix conversion. */
export function base36(n: number): string {
  if (n < 36) return DIGITS36[n] as string;
  let s = '';
  while (n >= 1296) {
    const r = n % 1296;
    s = (PAIRS36[r] as string) + s;
    n = (n - r) / 1296; // exact: n - r is a multiple of 1296
  }
  return (n < 36 ? DIGITS36[n] : PAIRS36[n]) + s;
}

/**
 * How many times each 53-bit hash was seen, in an open-addressing table of typed arrays: a million
 * rows' hashes take 24 MB outside the JavaScript heap instead of 40 MB of Map entries inside it
 * (which also made the garbage collector let the heap grow further).
 */
export class HashCounter {
  private keys = new Float64Array(1024).fill(-1);
  private counts = new Uint32Array(1024);
  private size = 0;
  /** Counts one more `h` (a whole number, 0 ≤ h < 2^53) and returns its count. */
  add(h: number): number {
    if (this.size * 2 >= this.keys.length) this.grow();
    const mask = this.keys.length - 1;
    let i = (h >>> 0) & mask; // the low bits of a hash are spread enough
    for (;;) {
      const k = this.keys[i] as number;
      if (k === h) {
        const n = (this.counts[i] as number) + 1;
        this.counts[i] = n;
        return n;
      }
      if (k === -1) {
        this.keys[i] = h;
        this.counts[i] = 1;
        this.size++;
        return 1;
      }
      i = (i + 1) & mask;
    }
  }
  private grow() {
    const { keys, counts } = this;
    this.keys = new Float64Array(keys.length * 2).fill(-1);
    this.counts = new Uint32Array(keys.length * 2);
    const mask = this.keys.length - 1;
    for (let j = 0; j < keys.length; j++) {
      const h = keys[j] as number;
      if (h === -1) continue;
      let i = (h >>> 0) & mask;
      while (this.keys[i] !== -1) i = (i + 1) & mask;
      this.keys[i] = h;
      this.counts[i] = counts[j] as number;
    }
  }
}

/**
 * The first row each key (region|external id) was seen on, by the key's two 53-bit hashes in
 * typed arrays: 24 bytes a key off the JavaScript heap, and no string kept. Two different keys
 * with both hashes equal (about 2^-106 for a pair) would be reported as a duplicate.
 */
export class FirstRows {
  private h1 = new Float64Array(1024).fill(-1);
  private h2 = new Float64Array(1024);
  private rows = new Float64Array(1024);
  private size = 0;
  /** The row `key` was first seen on; undefined the first time (and `row` is remembered). */
  firstOrSet(key: string, row: number): number | undefined {
    if (this.size * 2 >= this.h1.length) this.grow();
    const [a, b] = hash53Pair(key);
    const mask = this.h1.length - 1;
    let i = (a >>> 0) & mask;
    for (;;) {
      const k = this.h1[i] as number;
      if (k === -1) {
        this.h1[i] = a;
        this.h2[i] = b;
        this.rows[i] = row;
        this.size++;
        return undefined;
      }
      if (k === a && this.h2[i] === b) return this.rows[i] as number;
      i = (i + 1) & mask;
    }
  }
  private grow() {
    const { h1, h2, rows } = this;
    this.h1 = new Float64Array(h1.length * 2).fill(-1);
    this.h2 = new Float64Array(h1.length * 2);
    this.rows = new Float64Array(h1.length * 2);
    const mask = this.h1.length - 1;
    for (let j = 0; j < h1.length; j++) {
      const a = h1[j] as number;
      if (a === -1) continue;
      let i = (a >>> 0) & mask;
      while (this.h1[i] !== -1) i = (i + 1) & mask;
      this.h1[i] = a;
      this.h2[i] = h2[j] as number;
      this.rows[i] = rows[j] as number;
    }
  }
}

/** Row keys: the external id when given, else a content hash plus the occurrence number in the file. */
export class RowKeys {
  private readonly seen = new HashCounter();
  key(content: string): string {
    const [h1, h2] = hash53Pair(content);
    return `h:${base36(h1)}${base36(h2)}:${this.seen.add(h1)}`;
  }
}

// Ids the system gives rows entered through the form; exported as external_id so that they come
// back to the same row.
export const SYSTEM_KEY = /^(api|h):/;
