// How many report documents a caller may have built for it: a document costs from tens of
// milliseconds (HTML) to about half a second (.docx) of the server's one thread, while a cached one
// costs next to nothing, so builds are what is counted — never cache hits, nor requests waiting for
// a build another caller started. A token bucket per caller: `perMinute` builds at once, then one
// more every 60/perMinute s. Anonymous callers are counted per client address (IPv6 per /64, what
// one subscriber is given), signed-in staff per account with a larger allowance.
// Per server process, on purpose: the resource it protects is each server's CPU, and each server
// builds a document once per data version in its own cache; sharing the count would need a write
// to the database per build.
import { AppError } from '../../lib/errors.ts';

interface Bucket {
  tokens: number;
  at: number;
}

/** The documents built per minute: anonymous callers per address, signed-in users per account. */
export const DOCUMENT_BUILDS_PER_MINUTE = { anonymous: 20, signedIn: 200 } as const;

export class BuildLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    readonly perMinute: number,
    /** Callers remembered at most; those idle longest are forgotten first (their bucket was full). */
    private readonly maxCallers = 10_000,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Takes one build from the caller's allowance: 0, or (none left) the seconds until there is one. */
  take(caller: string): number {
    const now = this.now();
    const rate = this.perMinute / 60_000; // builds per millisecond
    const b = this.buckets.get(caller) ?? { tokens: this.perMinute, at: now };
    b.tokens = Math.min(this.perMinute, b.tokens + (now - b.at) * rate);
    b.at = now;
    this.buckets.delete(caller); // most recently seen last
    this.buckets.set(caller, b);
    this.forgetIdle();
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / rate / 1000));
  }

  private forgetIdle(): void {
    for (const key of this.buckets.keys()) {
      if (this.buckets.size <= this.maxCallers) return;
      this.buckets.delete(key);
    }
  }
}

/** 429 for a caller whose allowance is spent (the route sets Retry-After to the same seconds). */
export const tooManyBuilds = (seconds: number, perMinute: number) =>
  new AppError(
    429,
    'rate_limited',
    `Too many report documents built for you in a short time; try again in ${seconds} s. Documents already built for the current data are served at once.`,
    [{ rule: 'document_builds', limit: perMinute, per: 'minute', retryAfter: seconds }],
  );

/** The key an anonymous caller is counted under: its address, an IPv6 one cut to its /64. */
export function addressKey(ip: string): string {
  if (!ip.includes(':') || ip.startsWith('::ffff:')) return ip.replace(/^::ffff:/, '');
  const [head = '', tail] = ip.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups =
    tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => g.toLowerCase().replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
