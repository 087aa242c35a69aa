/**
 * Where a table's figures come from, as the site tells its readers (home page, footer, table list): UN estimates,
 * illustrative demo figures, or the national submissions of the participating countries. Read from the cube's own
 * marks, so the site's statements follow the data: illustrative cubes start their first note or source with
 * `ILLUSTRATIVE` (`isIllustrative`), the UN tables cite the UN Population Division (`UN_DESA_CREDIT`) at the start of
 * their source; every other table holds what the countries submitted.
 */

import type { Dataset } from "@clearinghouse/cube";
import { isIllustrative } from "./demo/synthetic.ts";
import { UN_DESA_CREDIT } from "./demo/un-desa.ts";

export const DATA_ORIGINS = ["un-estimates", "illustrative", "national"] as const;
export type DataOrigin = (typeof DATA_ORIGINS)[number];

/** The origin of a cube's figures; illustrative wins over UN (illustrative figures scaled to UN totals are invented). */
export function dataOrigin(ds: Pick<Dataset, "notes" | "source">): DataOrigin {
  if (isIllustrative(ds)) return "illustrative";
  const source = ds.source;
  const citesUn =
    source !== undefined &&
    (source.en?.startsWith(UN_DESA_CREDIT.en) === true || source.ru?.startsWith(UN_DESA_CREDIT.ru) === true);
  return citesUn ? "un-estimates" : "national";
}
