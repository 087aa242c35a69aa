/**
 * The PX template of one table for one country: the country's slice of the standard table, every cell `..`,
 * English and Russian, UTF-8. The same file the clearinghouse would publish, so any PX tool (PC-Axis, PxEdit, our
 * `px` command) opens it, and `upload/px.ts` reads it back.
 */

import { datasetToPxBytes } from "@clearinghouse/cube";
import { emptyCube } from "../tables.ts";
import type { TableTemplateOptions } from "./options.ts";

export function templatePx(options: TableTemplateOptions): Uint8Array {
  const cube = emptyCube(options.table, { reporters: [options.reporter], years: options.years });
  return datasetToPxBytes(cube, { encoding: "utf-8" });
}
