/**
 * Encoding of data answers off the event loop: a selection of many cells is encoded (serialized, hashed for its
 * ETag) in a worker thread, so that one large JSON-stat or Excel download never holds up the small requests of
 * everyone else; a small one is encoded at once on the main thread, where posting it to a worker would cost more
 * than the work. With no workers (ENCODE_WORKERS=0) everything is encoded on the main thread.
 */

import { type EncodeJob, type EncodeResult, encodedOrThrow, runEncodeJob } from "../api/encode.ts";
import type { Encoded } from "../api/pxweb-v2/output.ts";
import { etagOf } from "../http/response-cache.ts";
import { WorkerPool } from "./pool.ts";

/** Selections of at least this many cells go to a worker (a 20-cell answer takes well under a millisecond). */
export const WORKER_MIN_CELLS = 5_000;

/** What a refused request's Retry-After says when every worker is busy. */
export const BUSY_RETRY_SECONDS = 5;

export interface EncoderOptions {
  /** Worker threads (0: encode on the main thread). */
  readonly workers: number;
  /** Jobs that may wait for a worker; past that a request is answered 503 at once (default 32 per worker). */
  readonly queue?: number;
  /** Longest one job may take (default 60 s). */
  readonly timeoutMs?: number;
  readonly minCells?: number;
}

export interface EncodedAnswer extends Encoded {
  readonly etag: { readonly versionKey: string; readonly value: string };
}

type WorkerOutput = EncodeResult & { readonly etag?: string };

export class Encoder {
  private readonly pool: WorkerPool<{ job: EncodeJob; versionKey: string }, WorkerOutput> | undefined;
  private readonly minCells: number;

  constructor(options: EncoderOptions) {
    this.minCells = options.minCells ?? WORKER_MIN_CELLS;
    this.pool =
      options.workers > 0
        ? new WorkerPool({
            file: new URL("./encode.worker.mjs", import.meta.url),
            size: options.workers,
            queue: options.queue ?? 32 * options.workers,
            timeoutMs: options.timeoutMs ?? 60_000,
          })
        : undefined;
  }

  /**
   * The job's bytes and their ETag for `versionKey`. Rejects with PoolBusyError when every worker is busy and the
   * queue is full, and with the encoder's own refusal (XlsxError, HtmlTableError…) as on the main thread.
   */
  async encode(job: EncodeJob, versionKey: string): Promise<EncodedAnswer> {
    if (!this.pool || job.dataset.values.length < this.minCells) {
      const encoded = encodedOrThrow(await runEncodeJob(job));
      const body = Buffer.from(encoded.bytes.buffer, encoded.bytes.byteOffset, encoded.bytes.byteLength);
      return { ...encoded, etag: { versionKey, value: etagOf(versionKey, body) } };
    }
    const output = await this.pool.run({ job, versionKey });
    const encoded = encodedOrThrow(output);
    return { ...encoded, etag: { versionKey, value: output.etag as string } };
  }

  /** Starts the workers (a server about to take requests), so the first large answer does not wait for one. */
  warm(): void {
    this.pool?.warm();
  }

  close(): Promise<void> {
    return this.pool?.close() ?? Promise.resolve();
  }
}
