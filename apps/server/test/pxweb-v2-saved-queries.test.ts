/** Saved queries of PxWeb API 2.0 stay bounded: size, value count, saves per client, and expiry when unused. */
import type { FastifyInstance, InjectOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SavedQueryLimits, SavedQueryStore, type StoredQuery } from "../src/api/pxweb-v2/saved-queries.ts";
import { buildApp } from "../src/app.ts";
import { saveTableVersion } from "../src/tables/repository.ts";
import { BACKENDS, pxFixture, type TestStorage, testStorage } from "./helpers.ts";

const DAY = 86_400_000;
const LIMITS: SavedQueryLimits = { maxBytes: 2048, maxValues: 10, maxSaves: 3, windowSeconds: 3600, unusedDays: 30 };

describe.each(BACKENDS)("saved queries on %s", (backend) => {
  let t: TestStorage;
  let app: FastifyInstance;
  const t3 = pxFixture();
  const [country, sex, year] = t3.dimensions.map((d) => d.code) as [string, string, string];
  const query = (countries: readonly string[]) => ({
    tableId: "T3",
    language: "en",
    selection: {
      selection: [
        { variableCode: country, valueCodes: countries },
        { variableCode: sex, valueCodes: ["*"] },
        { variableCode: year, valueCodes: ["*"] },
      ],
    },
  });
  const save = (payload: unknown, remoteAddress = "192.0.2.1") =>
    app.inject({ method: "POST", url: "/api/v2/savedqueries", payload, remoteAddress } as InjectOptions);
  const problem = (res: { statusCode: number; headers: Record<string, unknown>; json(): unknown }, status: number) => {
    expect(res.statusCode).toBe(status);
    expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
    return res.json() as { detail: string };
  };

  beforeAll(async () => {
    t = await testStorage(backend, { savedQueries: LIMITS, maxCalls: 10_000 });
    const path = [{ code: "migration", label: { en: "Migration", ru: "Миграция" } }];
    await saveTableVersion(t.storage.db, { tableId: "T3", path, dataset: t3, sourceName: "t3.px" });
    app = await buildApp(t.config, t.storage);
  }, 120_000); // the embedded database starts slowly on a busy machine
  afterAll(async () => {
    await app?.close();
    await t?.dispose();
  });

  it("refuses a selection of more value codes than allowed, and a body over the size limit", async () => {
    const eleven = ["_T", "ARM", "BLR", "KAZ", "_O", "_T", "ARM", "BLR", "KAZ", "_O", "ARM"];
    expect(problem(await save(query(eleven)), 400).detail).toContain("13 value codes, more than the 10");
    const big = { ...query(["*"]), padding: "x".repeat(LIMITS.maxBytes) };
    expect(problem(await save(big), 413).detail).toContain(`larger than the ${LIMITS.maxBytes} bytes allowed`);
    // Neither was stored.
    const rows = await t.storage.db.selectFrom("saved_query").select("id").execute();
    expect(rows).toEqual([]);
  });

  it("lets one client save its share per window, then answers 429 with Retry-After; others go on", async () => {
    for (let k = 0; k < LIMITS.maxSaves; k++) expect((await save(query(["ARM"]), "198.51.100.7")).statusCode).toBe(201);
    const refused = await save(query(["ARM"]), "198.51.100.7");
    expect(problem(refused, 429).detail).toContain(`at most ${LIMITS.maxSaves} per ${LIMITS.windowSeconds} s`);
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
    expect(Number(refused.headers["retry-after"])).toBeLessThanOrEqual(LIMITS.windowSeconds);
    expect((await save(query(["ARM"]), "198.51.100.8")).statusCode).toBe(201);
  });

  it("forgets a query not used for the days allowed, and keeps one in use", async () => {
    let now = new Date("2030-01-01T00:00:00Z");
    const store = new SavedQueryStore(t.storage.db, LIMITS, () => now);
    const stored: StoredQuery = { tableId: "T3", language: "en", selection: query(["ARM"]).selection };
    const used = await store.save(stored);
    const unused = await store.save(stored);
    const lastUsed = async (id: string) =>
      (await t.storage.db.selectFrom("saved_query").select("last_used").where("id", "=", id).executeTakeFirst())
        ?.last_used;

    // Read within a day: last_used is not written again.
    now = new Date(now.getTime() + DAY / 2);
    await store.load(used);
    expect((await lastUsed(used))?.toISOString()).toBe("2030-01-01T00:00:00.000Z");
    // Read 20 days on: it moves to that day, so the query lives on.
    now = new Date(now.getTime() + 20 * DAY);
    await store.load(used);
    expect((await lastUsed(used))?.getTime()).toBe(now.getTime());
    // 31 days after its save, the unused one is gone for readers at once, and from the table on the next save.
    now = new Date(Date.parse("2030-01-01T00:00:00Z") + 31 * DAY);
    await expect(store.load(unused)).rejects.toMatchObject({ status: 404 });
    expect(await store.load(used)).toEqual(stored);
    await store.save(stored);
    expect(await lastUsed(unused)).toBeUndefined();
    expect(await lastUsed(used)).toBeDefined();
  });
});
