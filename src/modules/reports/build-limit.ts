// Bounds on building report documents. A document takes the server's one thread for tens of
// milliseconds (an HTML page, an .xlsx) to about half a second (a .docx with its charts), while a
// cached one costs next to nothing (cache.ts), so builds are what is bounded — never cache hits, nor
// requests waiting for a build another caller started:
//  - per caller, an allowance of build units (a .docx 4, any other document 1) refilled over
//    ten minutes, a token bucket: anonymous callers per client address (an IPv6 one per /64, what
//    one subscriber is given), signed-in staff per account with ten times as much. Beyond it: 429
//    with Retry-After. A visitor's few documents fit many times over;
//  - per server, one build at a time, the others waiting their turn (so that builds never pile up
//    in memory nor share the thread among themselves); an anonymous build that would wait behind
//    more than a few others is refused at once with 503 and Retry-After.
// Per server process, on purpose: what is protected is each server's thread, and each server builds
// a document once per data version for its own cache; sharing the counts would cost a database
// write per build.
import { AppError } from '../../lib/errors.ts';

/** The build units each caller is allowed per `windowMs`, and what each document costs. */
export const DOCUMENT_BUILDS = {
  anonymous: 24,
  signedIn: 240,
  windowMs: 10 * 60_000,
  cost: { docx: 4, other: 1 },
  /** Anonymous builds refused (503) beyond this many waiting for their turn. */
  maxWaiting: 4,
} as const;

interface Bucket {
  units: number;
  at: number;
}

export class BuildAllowance {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    readonly units: number,
    readonly windowMs: number,
    /** Callers remembered at most; those seen longest ago are forgotten first. */
    private readonly maxCallers = 10_000,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Takes `cost` units from the caller's allowance: 0, or (too few left) the seconds until there are. */
  take(caller: string, cost: number): number {
    const now = this.now();
    const rate = this.units / this.windowMs; // units per millisecond
    const b = this.buckets.get(caller) ?? { units: this.units, at: now };
    b.units = Math.min(this.units, b.units + (now - b.at) * rate);
    b.at = now;
    this.buckets.delete(caller); // most recently seen last
    this.buckets.set(caller, b);
    for (const key of this.buckets.keys()) {
      if (this.buckets.size <= this.maxCallers) break;
      this.buckets.delete(key);
    }
    if (b.units >= cost) {
      b.units -= cost;
      return 0;
    }
    return Math.max(1, Math.ceil((cost - b.units) / rate / 1000));
  }
}

/** The server's builds, one at a time, in the order they came. */
export class BuildQueue {
  private running = false;
  private readonly waiting: (() => void)[] = [];

  get length(): number {
    return this.waiting.length;
  }

  async run<T>(build: () => Promise<T>): Promise<T> {
    if (this.running) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running = true;
    try {
      return await build();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running = false;
    }
  }
}

/** 429 for a caller whose allowance is spent (the route sends Retry-After with the same seconds). */
export const tooManyBuilds = (seconds: number, units: number, windowMs: number) =>
  new AppError(
    429,
    'rate_limited',
    `Too many report documents built for you in a short time; try again in ${seconds} s. Documents already built for the current data are served at once.`,
    [{ rule: 'document_builds', limit: units, perSeconds: windowMs / 1000, retryAfter: seconds }],
  );

/** 503 for an anonymous build when the server has a queue of them already. */
export const buildsBusy = (seconds: number) =>
  new AppError(
    503,
    'busy',
    `The server is building other report documents; try again in ${seconds} s. Documents already built for the current data are served at once.`,
    [{ rule: 'document_queue', retryAfter: seconds }],
  );
