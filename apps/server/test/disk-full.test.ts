/**
 * The embedded database's disk running out, with the free space injected: a write is refused with 507 naming the
 * data folder and its free space before PostgreSQL's log could fail, reads go on, nothing acknowledged is lost,
 * writes work again once there is room, and a start on a full disk says why it will not start.
 * (scripts/disk-full.sh does the same on a real, small filesystem.)
 */

import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { datasetFromPxBytes } from "@clearinghouse/cube";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import { configFromEnv } from "../src/config.ts";
import { openStorage, type Storage } from "../src/storage/database.ts";
import { listVersions, saveTableVersion } from "../src/tables/repository.ts";
import { PX_FIXTURES } from "./helpers.ts";

const MB = 1024 * 1024;

describe("disk full under the embedded database", () => {
  let dataDir: string;
  let free = 10_000 * MB;
  let storage: Storage;
  let app: FastifyInstance;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "ch-disk-full-"));
    const config = { ...configFromEnv({}), dataDir, databaseUrl: undefined, diskReserveMb: 64 };
    storage = await openStorage(config, { freeBytes: () => free });
    const { dataset } = datasetFromPxBytes(new Uint8Array(readFileSync(join(PX_FIXTURES, "t3-ru-utf-8.px"))));
    if (!dataset) throw new Error("fixture not read");
    await saveTableVersion(storage.db, { tableId: "T3", path: [{ code: "m", label: {} }], dataset, sourceName: "t3" });
    app = await buildApp(config, storage, { logger: false });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await storage?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const save = () =>
    app.inject({
      method: "POST",
      url: "/api/v2/savedqueries",
      payload: { tableId: "T3", language: "en", selection: { selection: [] } },
    });

  it("refuses a write with 507 naming the folder and its free space, and goes on reading", async () => {
    const saved = [];
    for (let i = 0; i < 3; i++) {
      const answer = await save();
      expect(answer.statusCode).toBe(201);
      saved.push(answer.json().id as string);
    }

    free = 10 * MB;
    const refused = await save();
    expect(refused.statusCode).toBe(507);
    expect(refused.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect(refused.json()).toMatchObject({ status: 507, title: "Insufficient Storage" });
    expect(refused.json().detail).toContain(dataDir);
    expect(refused.json().detail).toMatch(/10\.0 MB free/);
    const russian = await app.inject({
      method: "POST",
      url: "/api/v2/savedqueries?lang=ru",
      payload: { tableId: "T3", language: "en", selection: { selection: [] } },
    });
    expect(russian.json().detail).toMatch(/свободно 10\.0 МБ/);

    expect((await app.inject({ url: "/healthz" })).statusCode).toBe(200);
    expect((await app.inject({ url: "/readyz" })).statusCode).toBe(200);
    expect((await app.inject({ url: "/api/v2/tables/T3/data?lang=en" })).statusCode).toBe(200);
    for (const id of saved) expect((await app.inject({ url: `/api/v2/savedqueries/${id}` })).statusCode).toBe(200);

    free = 10_000 * MB;
    expect((await save()).statusCode).toBe(201);
  });

  it("refuses a write larger than the free space above the reserve", async () => {
    const { dataset } = datasetFromPxBytes(new Uint8Array(readFileSync(join(PX_FIXTURES, "t3-ru-utf-8.px"))));
    if (!dataset) throw new Error("fixture not read");
    free = 64 * MB + 1000;
    await expect(
      saveTableVersion(storage.db, { tableId: "T3", path: [{ code: "m", label: {} }], dataset, sourceName: "t3" }),
    ).rejects.toMatchObject({ statusCode: 507, folder: dataDir });
    free = 10_000 * MB;
    // The transaction was rolled back whole: still the one version.
    expect((await listVersions(storage.db, "T3")).map((v) => v.version)).toEqual([1]);
  });

  it("will not start on a disk under the reserve, and says which folder and how much is free", async () => {
    await expect(
      openStorage({ dataDir, databaseUrl: undefined, diskReserveMb: 64 }, { freeBytes: () => 20 * MB }),
    ).rejects.toThrow(`the data folder ${dataDir} has 20.0 MB free on its disk`);
  });
});
