// A small response cache for the public report routes (the dashboard, the annual, half-year,
// monthly and data-quality JSON): the answer serialised once, kept per route and normalised query,
// and valid only for the data version it was computed at (server/plugins/data-version.ts), so that
// no write — through HTTP, or by another process such as the CLI — is ever followed by a stale
// answer. Bounded (least recently used out first, by count and by size); requests that miss at the
// same time share one computation.
import { ResponseSerializationError } from 'fastify-type-provider-zod';
import { type ZodType, z } from 'zod';

interface Entry {
  version: string;
  body: Promise<string>;
  bytes: number;
}

export interface CachedAnswer {
  body: string;
  hit: boolean;
}

export class ResponseCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;

  constructor(
    private readonly maxEntries = 64,
    private readonly maxBytes = 32 * 1024 * 1024,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /**
   * The answer for `key` at data version `version`: the cached one when it was computed at that
   * version, else `build()`'s, serialised as the route's response schema would (and kept).
   * The version must be read before anything the answer is computed from.
   */
  async get(
    key: string,
    version: string | null,
    build: () => Promise<unknown>,
    serialize: (data: unknown) => string,
  ): Promise<CachedAnswer> {
    if (version === null) return { body: serialize(await build()), hit: false };
    const found = this.entries.get(key);
    if (found && found.version === version) {
      // most recently used last
      this.entries.delete(key);
      this.entries.set(key, found);
      return { body: await found.body, hit: true };
    }
    const entry: Entry = { version, body: build().then(serialize), bytes: 0 };
    this.remove(key);
    this.entries.set(key, entry);
    let body: string;
    try {
      body = await entry.body;
    } catch (err) {
      if (this.entries.get(key) === entry) this.remove(key);
      throw err;
    }
    if (this.entries.get(key) === entry) {
      entry.bytes = body.length;
      this.bytes += entry.bytes;
      if (entry.bytes > this.maxBytes) this.remove(key);
    }
    this.evict();
    return { body, hit: false };
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  private remove(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    this.bytes -= e.bytes;
    this.entries.delete(key);
  }

  private evict(): void {
    for (const key of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      this.remove(key);
    }
  }
}

/** Serialises as fastify-type-provider-zod does for a response schema (encode, then JSON). */
export function serializerFor(schema: ZodType, method: string, url: string): (data: unknown) => string {
  return (data) => {
    const result = z.safeEncode(schema, data);
    if (result.error) throw new ResponseSerializationError(method, url, { cause: result.error });
    return JSON.stringify(result.data);
  };
}
