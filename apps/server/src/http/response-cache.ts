/**
 * Encoded responses of published data, kept by a key that includes the table version, so an entry is never stale:
 * a hot query is answered without selecting and serializing again. An entry also keeps its ETag and its compressed
 * variants (br, gzip), each made once when first asked for, so a cached answer is not hashed and compressed again on
 * every request. Least recently used entries go first when the byte budget (bodies and variants) is spent; losing
 * the cache costs only the work to rebuild an entry.
 */

import { createHash } from "node:crypto";
import { type Coding, compress } from "./content-coding.ts";

export interface CachedResponse {
  readonly body: Buffer;
  readonly mediaType: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** The ETag, when it was computed already (by the worker that encoded the body). */
  readonly computedEtag?: { readonly versionKey: string; readonly value: string };
}

/** A strong ETag of a response's bytes and the version they answer for. */
export function etagOf(versionKey: string, body: Buffer): string {
  return `"${createHash("sha256").update(versionKey).update("\0").update(body).digest("base64url").slice(0, 27)}"`;
}

/** A response with what serving it again needs: its ETag and compressed variants, made once each. */
export class KeptResponse implements CachedResponse {
  readonly body: Buffer;
  readonly mediaType: string;
  readonly headers?: Readonly<Record<string, string>>;
  private tag: { readonly versionKey: string; readonly etag: string } | undefined;
  private readonly variants = new Map<Coding, Promise<Buffer>>();
  private variantsMade = 0;
  /** Told the size of each variant made, while the entry is in a cache. */
  grew: ((bytes: number) => void) | undefined;

  constructor(response: CachedResponse) {
    this.body = response.body;
    this.mediaType = response.mediaType;
    if (response.headers) this.headers = response.headers;
    if (response.computedEtag) {
      this.tag = { versionKey: response.computedEtag.versionKey, etag: response.computedEtag.value };
    }
  }

  etag(versionKey: string): string {
    if (this.tag?.versionKey !== versionKey) this.tag = { versionKey, etag: etagOf(versionKey, this.body) };
    return this.tag.etag;
  }

  /** The body compressed with `coding`: compressed on the first call, then the same bytes. */
  encoded(coding: Coding): Promise<Buffer> {
    let variant = this.variants.get(coding);
    if (!variant) {
      variant = compress(this.body, coding);
      this.variants.set(coding, variant);
      variant.then(
        (bytes) => {
          this.variantsMade += bytes.length;
          this.grew?.(bytes.length);
        },
        () => this.variants.delete(coding),
      );
    }
    return variant;
  }

  /** Bytes of the compressed variants made so far. */
  variantBytes(): number {
    return this.variantsMade;
  }
}

export class ResponseCache {
  private readonly entries = new Map<string, KeptResponse>();
  private bytes = 0;

  constructor(
    private readonly maxBytes = 64 * 1024 * 1024,
    /** Larger responses are not kept: they are rare, and would push out many small ones. */
    private readonly maxEntryBytes = 1024 * 1024,
  ) {}

  get(key: string): KeptResponse | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  /** Keeps `response` (unless it is too large) and returns it as kept. */
  set(key: string, response: CachedResponse): KeptResponse {
    const kept = response instanceof KeptResponse ? response : new KeptResponse(response);
    if (kept.body.length > this.maxEntryBytes || kept.body.length > this.maxBytes) return kept;
    const old = this.entries.get(key);
    if (old) return old;
    this.entries.set(key, kept);
    kept.grew = (bytes) => {
      this.bytes += bytes;
      this.evict();
    };
    this.bytes += kept.body.length;
    this.evict();
    return kept;
  }

  /** Bytes kept: bodies and their compressed variants. */
  get size(): number {
    return this.bytes;
  }

  /** Returns the cached response for `key`, or makes, keeps and returns it. */
  async getOrMake(key: string, make: () => Promise<CachedResponse>): Promise<KeptResponse> {
    const hit = this.get(key);
    if (hit) return hit;
    return this.set(key, await make());
  }

  private evict(): void {
    for (const [oldKey, old] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldKey);
      old.grew = undefined;
      this.bytes -= old.body.length + old.variantBytes();
    }
  }
}
