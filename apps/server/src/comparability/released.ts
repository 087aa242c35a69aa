/** The current versions of standard tables, as the comparability views take them (`ReleasedTables`). */

import type { ReleasedTable, ReleasedTables, TableId } from "@clearinghouse/domain";
import type { CubeService } from "../tables/cubes.ts";

/** The current version of each of these tables that has one. */
export async function releasedTables(cubes: CubeService, ids: readonly TableId[]): Promise<ReleasedTables> {
  const out = new Map<TableId, ReleasedTable>();
  for (const id of ids) {
    const table = await cubes.current(id);
    if (table) out.set(id, { version: table.info.version, cube: table.dataset });
  }
  return out;
}
