// A worker thread of the encoding pool (workers/encoder.ts): encodes one selected dataset per job and hands the
// bytes back without a copy. Plain JavaScript that loads the TypeScript through tsx, as px-validate.worker.mjs does.
import { parentPort } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
const { runEncodeJob } = await import("../api/encode.ts");
const { etagOf } = await import("../http/response-cache.ts");
parentPort.on("message", async ({ id, input }) => {
  try {
    const result = await runEncodeJob(input.job);
    if (!result.ok) {
      parentPort.postMessage({ id, output: result });
      return;
    }
    const body = Buffer.from(result.bytes.buffer, result.bytes.byteOffset, result.bytes.byteLength);
    const etag = etagOf(input.versionKey, body);
    const bytes = new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
    // Handed over when the bytes are their buffer's only content (a large answer always is), copied otherwise.
    const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
    parentPort.postMessage({ id, output: { ...result, bytes, etag } }, whole ? [bytes.buffer] : []);
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
parentPort.postMessage({ ready: true });
