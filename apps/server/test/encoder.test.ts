import { fromXlsx, XlsxError } from "@clearinghouse/cube";
import { afterAll, describe, expect, it } from "vitest";
import type { EncodeJob } from "../src/api/encode.ts";
import { etagOf } from "../src/http/response-cache.ts";
import { Encoder } from "../src/workers/encoder.ts";
import { PoolBusyError } from "../src/workers/pool.ts";
import { pxFixture } from "./helpers.ts";

// Every job goes to the one worker (minCells 1), next to an encoder that works on the main thread.
const inWorker = new Encoder({ workers: 1, minCells: 1, queue: 1 });
const onMainThread = new Encoder({ workers: 0 });
afterAll(() => inWorker.close());

const dataset = pxFixture();
const JOBS: EncodeJob[] = [
  { api: "v1", dataset, format: "json-stat2", lang: "en", languages: ["en", "ru"] },
  { api: "v1", dataset, format: "px", lang: "ru", languages: ["ru", "en"] },
  { api: "v2", dataset, output: { format: "csv", params: ["UseCodes"] }, lang: "en", placement: undefined },
  { api: "v2", dataset, output: { format: "json-px", params: [] }, lang: "ru", placement: undefined },
];

describe("encoding in a worker thread", () => {
  it.each(JOBS.map((job) => [`${job.api} ${"format" in job ? job.format : job.output.format}`, job] as const))(
    "gives the bytes and ETag the main thread gives: %s",
    async (_name, job) => {
      const [worker, main] = await Promise.all([inWorker.encode(job, "T3@1"), onMainThread.encode(job, "T3@1")]);
      expect(Buffer.from(worker.bytes).equals(Buffer.from(main.bytes))).toBe(true);
      expect([worker.mediaType, worker.extension]).toEqual([main.mediaType, main.extension]);
      expect(worker.etag).toEqual(main.etag);
      expect(worker.etag.value).toBe(etagOf("T3@1", Buffer.from(main.bytes)));
    },
  );

  it("writes a workbook that reads back as the dataset", async () => {
    const job: EncodeJob = {
      api: "v2",
      dataset,
      output: { format: "xlsx", params: [] },
      lang: "en",
      placement: undefined,
    };
    const back = await fromXlsx((await inWorker.encode(job, "T3@1")).bytes);
    expect(Array.from(back.values)).toEqual(Array.from(dataset.values));
  });

  it("throws an encoder's refusal as its own class, and refuses at once when every worker and the queue are busy", async () => {
    const values = dataset.values.slice();
    values[0] = Number.NaN;
    const bad: EncodeJob = {
      api: "v2",
      dataset: { ...dataset, values, status: new Uint8Array(values.length) },
      output: { format: "xlsx", params: [] },
      lang: "en",
      placement: undefined,
    };
    await expect(inWorker.encode(bad, "T3@1")).rejects.toBeInstanceOf(XlsxError);
    const job = JOBS[0] as EncodeJob;
    const running = [inWorker.encode(job, "a"), inWorker.encode(job, "b")];
    await expect(inWorker.encode(job, "c")).rejects.toBeInstanceOf(PoolBusyError);
    await Promise.all(running);
  });
});
