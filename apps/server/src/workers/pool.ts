/**
 * A small pool of worker threads for CPU-heavy requests, so that one of them never blocks the event loop that
 * answers every other request. Workers start on first use and are kept; a job waits in a bounded queue for a free
 * worker; a job that runs past its time, or a worker that dies (out of memory), ends that worker, and the next job
 * gets a new one.
 *
 * A worker file posts `{ ready: true }` once loaded, then answers each `{ id, input }` with `{ id, output }` or
 * `{ id, error }`.
 */

import { type ResourceLimits, Worker } from "node:worker_threads";

export interface PoolOptions {
  /** The worker's module. */
  readonly file: URL;
  /** Workers running at once. */
  readonly size: number;
  /** Jobs that may wait for a worker; past that `run` refuses at once. */
  readonly queue: number;
  /** Longest a job may run before its worker is ended. */
  readonly timeoutMs: number;
  readonly resourceLimits?: ResourceLimits;
}

/** Every worker is busy and the queue is full: try again later. */
export class PoolBusyError extends Error {}
/** The job ran longer than allowed. */
export class JobTimeoutError extends Error {}
/** The worker ended without answering (out of memory, a crash). */
export class JobCrashedError extends Error {}

interface Job {
  readonly id: number;
  readonly input: unknown;
  readonly transfer: readonly ArrayBuffer[];
  resolve(output: unknown): void;
  reject(error: Error): void;
}

interface Slot {
  readonly worker: Worker;
  ready: boolean;
  ended: boolean;
  job: Job | undefined;
  timer: NodeJS.Timeout | undefined;
}

export class WorkerPool<Input, Output> {
  private readonly slots: Slot[] = [];
  private readonly waiting: Job[] = [];
  private nextId = 0;
  private closed = false;

  constructor(private readonly options: PoolOptions) {}

  /** Runs one job; `transfer` lists buffers handed to the worker instead of copied. */
  run(input: Input, transfer: readonly ArrayBuffer[] = []): Promise<Output> {
    if (this.closed) return Promise.reject(new Error("the worker pool is closed"));
    if (this.waiting.length >= this.options.queue) {
      return Promise.reject(new PoolBusyError("every worker is busy"));
    }
    return new Promise<Output>((resolve, reject) => {
      this.waiting.push({ id: this.nextId++, input, transfer, resolve: resolve as (o: unknown) => void, reject });
      this.dispatch();
    });
  }

  /** Starts every worker now rather than on first use, so the first jobs do not wait for a worker to load. */
  warm(): void {
    while (!this.closed && this.slots.length < this.options.size) this.start();
  }

  /** Ends every worker; jobs still waiting are refused. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.waiting.splice(0)) job.reject(new Error("the worker pool is closed"));
    await Promise.all(this.slots.splice(0).map((s) => this.end(s, new Error("the worker pool is closed"))));
  }

  private dispatch(): void {
    while (this.waiting.length > 0) {
      const free = this.slots.find((s) => s.ready && !s.job);
      if (!free) {
        if (this.slots.length < this.options.size) this.start();
        return;
      }
      const job = this.waiting.shift() as Job;
      free.job = job;
      free.timer = setTimeout(() => {
        void this.end(free, new JobTimeoutError(`the job ran longer than ${this.options.timeoutMs} ms`));
      }, this.options.timeoutMs);
      free.worker.postMessage({ id: job.id, input: job.input }, [...job.transfer]);
    }
  }

  private start(): void {
    const worker = new Worker(this.options.file, {
      ...(this.options.resourceLimits ? { resourceLimits: this.options.resourceLimits } : {}),
    });
    const slot: Slot = { worker, ready: false, ended: false, job: undefined, timer: undefined };
    this.slots.push(slot);
    worker.unref(); // an idle pool does not keep the process alive
    worker.on("message", (message: { ready?: true; id?: number; output?: unknown; error?: string }) => {
      if (message.ready) {
        slot.ready = true;
        this.dispatch();
        return;
      }
      const job = slot.job;
      if (!job || message.id !== job.id) return;
      clearTimeout(slot.timer);
      slot.job = undefined;
      if (message.error !== undefined) job.reject(new Error(message.error));
      else job.resolve(message.output);
      this.dispatch();
    });
    worker.on("error", (error) => void this.end(slot, new JobCrashedError(error.message)));
    worker.on("exit", () => void this.end(slot, new JobCrashedError("the worker ended")));
  }

  private async end(slot: Slot, error: Error): Promise<void> {
    if (slot.ended) return;
    slot.ended = true;
    const at = this.slots.indexOf(slot);
    if (at !== -1) this.slots.splice(at, 1);
    clearTimeout(slot.timer);
    const job = slot.job;
    slot.job = undefined;
    job?.reject(error);
    // A worker that never became ready would fail the same way again: refuse what waits rather than loop.
    if (!slot.ready && !job) for (const waiting of this.waiting.splice(0)) waiting.reject(error);
    await slot.worker.terminate();
    if (!this.closed) this.dispatch();
  }
}
