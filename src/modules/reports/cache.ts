// A small response cache for the public report routes (the dashboard, the annual, half-year,
// monthly and data-quality JSON, and the documents: .html, .xlsx, .docx): the answer serialised once,
// kept per route and normalised query, and valid only for the data version it was computed at
// (server/plugins/data-version.ts), so that no write — through HTTP, by another server, or by
// another process such as the CLI — is ever followed by a stale answer. Bounded (least recently used
// out first, by count and by size: characters of a text, bytes of a file); requests that miss at the
// same time share one computation.
import { ResponseSerializationError } from 'fastify-type-provider-zod';
import { type ZodType, z } from 'zod';

/** A serialised answer: a text (JSON, HTML, SVG) or a file (.xlsx, .docx). */
type Body = string | Buffer;

interface Entry<B extends Body> {
  version: string;
  body: Promise<B>;
  bytes: number;
}

export interface CachedAnswer<B extends Body = string> {
  body: B;
  hit: boolean;
}

export class ResponseCache<B extends Body = string> {
  private readonly entries = new Map<string, Entry<B>>();
  private bytes = 0;

  constructor(
    private readonly maxEntries = 64,
    private readonly maxBytes = 32 * 1024 * 1024,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** Whether `get(key, version, …)` would answer without building: kept, or being built, at that version. */
  has(key: string, version: string | null): boolean {
    return version !== null && this.entries.get(key)?.version === version;
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
    serialize: (data: unknown) => B,
  ): Promise<CachedAnswer<B>> {
    if (version === null) return { body: serialize(await build()), hit: false };
    const found = this.entries.get(key);
    if (found && found.version === version) {
      // most recently used last
      this.entries.delete(key);
      this.entries.set(key, found);
      return { body: await found.body, hit: true };
    }
    const entry: Entry<B> = { version, body: build().then(serialize), bytes: 0 };
    this.remove(key);
    this.entries.set(key, entry);
    let body: B;
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
