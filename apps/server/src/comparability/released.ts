/**
 * The released tables a comparability view reads: the current version of each standard table, from the cube
 * cache. The key of the versions comes from the catalogue alone, so a cached answer is found without loading a
 * cube; a release makes a new version, hence a new key, and the next request computes afresh.
 */

import { type ReleasedTable, type ReleasedTables, TABLE_IDS, type TableId } from "@clearinghouse/domain";
import type { CubeService } from "../tables/cubes.ts";

/** The current version of every standard table that has one. */
export async function currentVersions(cubes: CubeService): Promise<ReadonlyMap<TableId, number>> {
  const versions = new Map<TableId, number>();
  for (const id of TABLE_IDS) {
    const info = await cubes.catalog.table(id);
    if (info) versions.set(id, info.version);
  }
  return versions;
}

/** "T1_1@3,T3@1": as `versionKey` of the package writes it, from the catalogue. */
export function versionsKey(versions: ReadonlyMap<TableId, number>, ids: readonly TableId[] = TABLE_IDS): string {
  return ids.flatMap((id) => (versions.has(id) ? [`${id}@${versions.get(id)}`] : [])).join(",");
}

/**
 * The cubes of `versions` (those of `ids`), with the version before each when `previous` is asked (the
 * consistency report's change against the previous version).
 */
export async function loadReleased(
  cubes: CubeService,
  versions: ReadonlyMap<TableId, number>,
  options: { readonly ids?: readonly TableId[]; readonly previous?: boolean } = {},
): Promise<ReleasedTables> {
  const out = new Map<TableId, ReleasedTable>();
  for (const id of options.ids ?? TABLE_IDS) {
    const version = versions.get(id);
    if (version === undefined) continue;
    const cube = await cubes.version(id, version);
    if (!cube) continue;
    const previous = options.previous && version > 1 ? await cubes.version(id, version - 1) : undefined;
    out.set(id, { version, cube, ...(previous ? { previous } : {}) });
  }
  return out;
}

/** The current version of each of these tables that has one. */
export async function releasedTables(cubes: CubeService, ids: readonly TableId[]): Promise<ReleasedTables> {
  return loadReleased(cubes, await currentVersions(cubes), { ids });
}
