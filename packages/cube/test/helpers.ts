/** Test helpers shared by the cube tests. */
import { readFileSync } from "node:fs";
import { readPx } from "@clearinghouse/px";
import { type Dataset, fromPx } from "../src/index.ts";

// The corpus, the PX fixtures and the corpus walk are the PX tests' own.
export { CORPUS, FIXTURES as PX_FIXTURES, pxFilesUnder } from "../../px/test/helpers.ts";

/** A dataset read from a PX file (throws if the file is refused). */
export function datasetFromFile(path: string): Dataset {
  const { file } = readPx(new Uint8Array(readFileSync(path)));
  if (!file) throw new Error(`${path} was refused`);
  return fromPx(file);
}

/** Plain values for deep comparison (typed arrays as arrays, PX extension without source lines). */
export function plain(ds: Dataset) {
  return {
    ...ds,
    values: Array.from(ds.values),
    status: Array.from(ds.status),
    flags: Array.from(ds.flags),
    extension: {
      ...ds.extension,
      // Their order is the writer's business; what matters is that every one is kept.
      px: (ds.extension?.px ?? []).map((e) => JSON.stringify({ ...e, line: 0 })).sort(),
    },
  };
}
