import { afterEach, describe, expect, it } from "vitest";
import { JobCrashedError, JobTimeoutError, PoolBusyError, WorkerPool } from "../src/workers/pool.ts";

const file = new URL("./fixtures/busy.worker.mjs", import.meta.url);
let pool: WorkerPool<{ ms?: number; exit?: boolean; fail?: boolean }, number> | undefined;
afterEach(async () => {
  await pool?.close();
});

describe("worker pool", () => {
  it("runs jobs off the main thread, a bounded number at a time", async () => {
    pool = new WorkerPool({ file, size: 1, queue: 2, timeoutMs: 10_000 });
    const jobs = [pool.run({ ms: 300 }), pool.run({ ms: 1 })];
    // One worker, two jobs waiting for it: the next is refused at once.
    await expect(pool.run({ ms: 1 })).rejects.toBeInstanceOf(PoolBusyError);
    expect(await Promise.all(jobs)).toEqual([300, 1]);
    expect(await pool.run({ ms: 1 })).toBe(1);
  });

  it("ends a job past its time, and the next job gets a new worker", async () => {
    pool = new WorkerPool({ file, size: 1, queue: 4, timeoutMs: 200 });
    await expect(pool.run({ ms: 5000 })).rejects.toBeInstanceOf(JobTimeoutError);
    expect(await pool.run({ ms: 1 })).toBe(1);
  });

  it("reports a worker that dies, and an error the job answers with", async () => {
    pool = new WorkerPool({ file, size: 1, queue: 4, timeoutMs: 10_000 });
    await expect(pool.run({ exit: true })).rejects.toBeInstanceOf(JobCrashedError);
    await expect(pool.run({ fail: true })).rejects.toThrow("failed as asked");
    expect(await pool.run({ ms: 1 })).toBe(1);
  });
});
