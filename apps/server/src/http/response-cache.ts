/**
 * Encoded responses of published data, kept by a key that includes the table version, so an entry is never stale:
 * a hot query is answered without selecting and serializing again. Least recently used entries go first when the
 * byte budget is spent; losing the cache costs only the work to rebuild an entry.
 */

export interface CachedResponse {
  readonly body: Buffer;
  readonly mediaType: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export class ResponseCache {
  private readonly entries = new Map<string, CachedResponse>();
  private bytes = 0;

  constructor(
    private readonly maxBytes = 64 * 1024 * 1024,
    /** Larger responses are not kept: they are rare, and would push out many small ones. */
    private readonly maxEntryBytes = 1024 * 1024,
  ) {}

  get(key: string): CachedResponse | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, response: CachedResponse): void {
    if (response.body.length > this.maxEntryBytes || this.entries.has(key)) return;
    this.entries.set(key, response);
    this.bytes += response.body.length;
    for (const [oldKey, old] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldKey);
      this.bytes -= old.body.length;
    }
  }

  /** Returns the cached response for `key`, or makes, keeps and returns it. */
  async getOrMake(key: string, make: () => Promise<CachedResponse>): Promise<CachedResponse> {
    const hit = this.get(key);
    if (hit) return hit;
    const made = await make();
    this.set(key, made);
    return made;
  }
}
