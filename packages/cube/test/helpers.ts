/** Test helpers shared by the cube tests. */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { readPx } from "@clearinghouse/px";
import { type Dataset, fromPx } from "../src/index.ts";

const here = dirname(fileURLToPath(import.meta.url));
export const CORPUS = join(here, "../../../../shared/corpus/px");
export const PX_FIXTURES = join(here, "../../px/test/fixtures");

export function pxFilesUnder(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.px$/i.test(name)) out.push(relative(root, path));
    }
  };
  walk(root);
  return out.sort();
}

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
