/**
 * What the full partner code list costs the demo: for the illustrative partner tables with only the partners
 * some reporter reports (`reported`, the baseline: the cubes before the full list) and with every country of
 * TABLES.md's list (`full`, what the demo seeds now), in the same run:
 *   - generation: reading the two UN workbooks, and `demoTables` (all 12 tables), in milliseconds;
 *   - cells of the 12 cubes and the bytes of their value, status and flag arrays;
 *   - seeding a new database (`seedDemo`: the tables and the country metadata) on PGlite in a temporary folder,
 *     and on PostgreSQL when DATABASE_URL is set (a database of its own is created and dropped), with the bytes
 *     the stored versions take (`table_version` and `table_version_part`, indexes and TOAST included);
 *   - a query on the seeded database: table 3, five reporters × all years × 3 partners (RUS, DEU, TUR: in both lists), sex and age totals, cold
 *     (first load of the cube from the database) and warm (cube cached), median of 5 warm runs.
 * Run from the repository root: `npx tsx bench/demo-seed.ts`.
 */

import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { select } from "@clearinghouse/cube";
import {
  demoTables,
  readUnWorkbook,
  UN_DESA_ORIGIN_FILE,
  UN_STOCK_2019_WORKBOOK,
  UN_STOCK_2020_WORKBOOK,
} from "@clearinghouse/domain";
import { sql } from "kysely";
import { configFromEnv } from "../apps/server/src/config.ts";
import { openStorage } from "../apps/server/src/storage/database.ts";
import { CubeService } from "../apps/server/src/tables/cubes.ts";
import { DEFAULT_DEMO_DATA_DIR, seedDemo } from "../apps/server/src/tables/seed.ts";

const LISTS = ["reported", "full"] as const;
const ms = (t: number) => `${(performance.now() - t).toFixed(0)} ms`;
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

const dir = DEFAULT_DEMO_DATA_DIR;
let t = performance.now();
const [unStock2020, unStock2019] = await Promise.all([
  readUnWorkbook(readFileSync(join(dir, UN_STOCK_2020_WORKBOOK)), UN_STOCK_2020_WORKBOOK),
  readUnWorkbook(readFileSync(join(dir, UN_STOCK_2019_WORKBOOK)), UN_STOCK_2019_WORKBOOK),
]);
console.log(`read the two UN workbooks: ${ms(t)}`);
const unDesaOriginCsv = readFileSync(join(dir, UN_DESA_ORIGIN_FILE), "utf8");

for (const partnerList of LISTS) {
  t = performance.now();
  const tables = demoTables({ unStock2020, unStock2019, unDesaOriginCsv, partnerList });
  const took = ms(t);
  const cells = tables.reduce((s, x) => s + x.dataset.values.length, 0);
  const t3 = tables.find((x) => x.tableId === "T3")?.dataset.dimensions[2]?.categories.length;
  console.log(
    `${partnerList.padEnd(8)} demoTables: ${took}, ${cells.toLocaleString("en")} cells (${mb(cells * 10)} of arrays), table 3 partners ${t3}`,
  );
}

async function seedAndQuery(backend: string, databaseUrl: string | undefined, partnerList: (typeof LISTS)[number]) {
  const dataDir = mkdtempSync(join(tmpdir(), "demo-seed-"));
  const storage = await openStorage({ ...configFromEnv(process.env), databaseUrl, dataDir });
  try {
    let t0 = performance.now();
    const seeded = await seedDemo(storage.db, { partnerList });
    const seedTime = ms(t0);
    const size = await sql<{
      bytes: number;
    }>`select (pg_total_relation_size('table_version') + pg_total_relation_size('table_version_part'))::bigint as bytes`
      .execute(storage.db)
      .then((r) => Number(r.rows[0]?.bytes ?? 0))
      .catch(() => Number.NaN);
    const cubes = new CubeService(storage.db);
    const query = async () => {
      const table = await cubes.current("T3");
      if (!table) throw new Error("no table 3");
      const item = (code: string, values: string[]) => ({ code, selection: { filter: "item", values } });
      const answer = select(table.dataset, [
        item("reporter", ["ARM", "GEO", "KAZ", "RUS", "UKR"]),
        item("prevres", ["RUS", "DEU", "TUR"]),
        item("sex", ["_T"]),
        item("age", ["_T"]),
        item("ContentsCode", ["IMM"]),
        { code: "year", selection: { filter: "all", values: ["*"] } },
      ]);
      if (!answer.ok) throw new Error(`selection refused: ${JSON.stringify(answer)}`);
      return answer.dataset;
    };
    t0 = performance.now();
    const answer = await query();
    const cold = ms(t0);
    const warm: number[] = [];
    for (let i = 0; i < 5; i++) {
      const w = performance.now();
      await query();
      warm.push(performance.now() - w);
    }
    warm.sort((a, b) => a - b);
    console.log(
      `${backend.padEnd(10)} ${partnerList.padEnd(8)} seed ${seedTime} (${seeded.cells.toLocaleString("en")} cells), stored ${mb(size)}, query ${answer.values.length} cells: cold ${cold}, warm ${(warm[2] as number).toFixed(1)} ms`,
    );
  } finally {
    await storage.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

for (const partnerList of LISTS) await seedAndQuery("pglite", undefined, partnerList);
const url = process.env.DATABASE_URL;
if (url) {
  for (const partnerList of LISTS) {
    const name = `demo_seed_bench_${process.pid}_${partnerList}`;
    const admin = await openStorage({ ...configFromEnv(process.env), databaseUrl: url, dataDir: tmpdir() });
    await sql.raw(`create database ${name}`).execute(admin.db);
    try {
      const u = new URL(url);
      u.pathname = `/${name}`;
      await seedAndQuery("postgresql", u.toString(), partnerList);
    } finally {
      await sql.raw(`drop database ${name} with (force)`).execute(admin.db);
      await admin.close();
    }
  }
} else console.log("postgresql: DATABASE_URL not set, skipped");
