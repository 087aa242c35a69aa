/**
 * Demo data for a new, empty clearinghouse: the 12 standard tables in the bilingual table tree (chapters as
 * folders), tables 1.1 and 1.2 from the UN DESA workbooks and files when they are at hand, the rest illustrative,
 * and the illustrative country metadata of the illustrative tables only (a UN table's metadata is the UN's, in
 * the table). A UN table's "updated" is the release date of its UN revision. A database that already has tables
 * is left alone.
 */

import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  CHAPTERS,
  demoTables,
  readUnWorkbook,
  UN_DESA_ORIGIN_FILE,
  UN_DESA_TOTALS_FILE,
  UN_STOCK_2019_WORKBOOK,
  UN_STOCK_2020_WORKBOOK,
  type UnWorkbook,
} from "@clearinghouse/domain";
import type { Kysely } from "kysely";
import type { Database } from "../storage/schema.ts";
import { seedCountryMetadataDefaults } from "./country-metadata-defaults.ts";
import { type PathSegment, saveTableVersion } from "./repository.ts";

/** Where the UN files are by default: the shared corpus beside the repository, when it is there. */
export const DEFAULT_DEMO_DATA_DIR = join(dirname(fileURLToPath(import.meta.url)), "../../../../../shared/corpus/data");

export const DEMO_DATABASE: PathSegment = {
  code: "migration",
  label: { en: "Migration statistics", ru: "Статистика миграции" },
  sort: 0,
};

export interface SeedResult {
  readonly seeded: boolean;
  readonly tables: number;
  readonly cells: number;
  /** Whether the UN DESA files were found and used for tables 1.1 and 1.2. */
  readonly unData: boolean;
}

export async function seedDemo(
  db: Kysely<Database>,
  options: {
    dataDir?: string;
    reporters?: readonly string[];
    log?: (message: string) => void;
    /** Partner code list of the illustrative partner tables (default full; `reported` for the benchmark's baseline). */
    partnerList?: "full" | "reported";
  } = {},
): Promise<SeedResult> {
  const any = await db.selectFrom("data_table").select("id").limit(1).executeTakeFirst();
  if (any) return { seeded: false, tables: 0, cells: 0, unData: false };
  const dir = options.dataDir ?? DEFAULT_DEMO_DATA_DIR;
  const read = (name: string) => {
    const path = join(dir, name);
    return existsSync(path) ? readFileSync(path, "utf8") : undefined;
  };
  const workbook = async (name: string): Promise<UnWorkbook | undefined> => {
    const path = join(dir, name);
    return existsSync(path) ? readUnWorkbook(readFileSync(path), name) : undefined;
  };
  const [unStock2020, unStock2019] = await Promise.all([
    workbook(UN_STOCK_2020_WORKBOOK),
    workbook(UN_STOCK_2019_WORKBOOK),
  ]);
  // The totals file only stands in for the 2020 workbook, for the illustrative population.
  const unDesaTotalsCsv = unStock2020 ? undefined : read(UN_DESA_TOTALS_FILE);
  const unDesaOriginCsv = read(UN_DESA_ORIGIN_FILE);
  const reporters = options.reporters;
  const tables = demoTables({
    ...(reporters ? { reporters } : {}),
    ...(unStock2020 ? { unStock2020 } : {}),
    ...(unStock2019 ? { unStock2019 } : {}),
    ...(unDesaTotalsCsv ? { unDesaTotalsCsv } : {}),
    ...(unDesaOriginCsv ? { unDesaOriginCsv } : {}),
    ...(options.partnerList ? { partnerList: options.partnerList } : {}),
  });
  let cells = 0;
  for (const [k, chapter] of CHAPTERS.entries()) {
    const folder: PathSegment = { code: chapter.id, label: { ...chapter.label }, sort: k };
    for (const [position, tableId] of chapter.tables.entries()) {
      const table = tables.find((t) => t.tableId === tableId);
      if (!table) continue;
      await saveTableVersion(db, {
        tableId,
        path: [DEMO_DATABASE, folder],
        dataset: table.dataset,
        sourceName: table.illustrative ? "illustrative demo data" : "UN DESA International Migrant Stock",
        sort: position,
        // A UN table was last updated when the UN released its revision, not when this demo was seeded.
        ...(!table.illustrative && table.dataset.updated ? { now: new Date(table.dataset.updated) } : {}),
      });
      cells += table.dataset.values.length;
      options.log?.(`demo data: ${tableId} (${table.dataset.values.length} cells)`);
    }
  }
  // The illustrative national metadata describes illustrative figures: none for the tables that are the UN's.
  const unTables = tables.filter((t) => !t.illustrative).map((t) => t.tableId);
  await seedCountryMetadataDefaults(db, { ...(reporters ? { reporters } : {}), exceptTables: unTables });
  return { seeded: true, tables: tables.length, cells, unData: unTables.length === 2 };
}
