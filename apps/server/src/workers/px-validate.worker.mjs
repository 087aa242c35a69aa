// A worker thread of the PX validation pool (workers/pool.ts). Plain JavaScript that loads the TypeScript through
// tsx, as bin/clearinghouse.mjs does, so it starts the same under `tsx`, plain `node`, and the tests.
import { parentPort } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
const { validatePx } = await import("../px-validation.ts");
parentPort.on("message", ({ id, input }) => {
  try {
    parentPort.postMessage({ id, output: validatePx({ ...input, bytes: new Uint8Array(input.bytes) }) });
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
parentPort.postMessage({ ready: true });
