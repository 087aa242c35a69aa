/**
 * Start-up as readiness (http/startup.ts, as main.ts drives it): the port is open while the database is migrated,
 * /readyz says "starting" with the phase, /healthz answers, every other request is a 503 problem with Retry-After in
 * the reader's language; once ready the same requests are answered. /metrics counts the answers of every plugin.
 */

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import { configFromEnv } from "../src/config.ts";
import { Startup } from "../src/http/startup.ts";
import { connectStorage, migrateStorage, type Storage } from "../src/storage/database.ts";

describe("start-up", () => {
  let storage: Storage;
  const startup = new Startup("migrating");
  let app: Awaited<ReturnType<typeof buildApp>>;

  beforeAll(async () => {
    const config = { ...configFromEnv({}), dataDir: "memory://", webDir: "/nonexistent" };
    // A database with no migrations run: nothing may reach it before the start-up is done.
    storage = connectStorage(config);
    app = await buildApp(config, storage, { logger: false, startup });
  });
  afterAll(async () => {
    await app?.close();
    await storage?.close();
  });

  it("answers 'starting' while the database is migrated, then serves", async () => {
    const starting = await app.inject("/readyz");
    expect(starting.statusCode).toBe(503);
    expect(starting.headers["retry-after"]).toBe("2");
    expect(starting.json()).toEqual({ status: "starting", phase: "migrating" });
    expect((await app.inject("/healthz")).statusCode).toBe(200);

    const early = await app.inject("/api/v2/tables?lang=ru");
    expect(early.statusCode).toBe(503);
    expect(early.headers["content-type"]).toContain("application/problem+json");
    expect(early.headers["retry-after"]).toBe("2");
    expect(early.json().detail).toBe("сервер запускается (обновляет структуру базы данных); повторите через 2 с");
    const v1 = await app.inject({ method: "POST", url: "/api/v1/en/demo/T1_1", payload: { query: [] } });
    expect(v1.statusCode).toBe(503);
    expect(v1.json().detail).toContain("the server is starting (migrating the database)");

    await migrateStorage(storage);
    startup.enter("ready");
    expect((await app.inject("/readyz")).json()).toEqual({ status: "ready", database: "pglite" });
    const served = await app.inject("/api/v2/tables");
    expect(served.statusCode).toBe(200);
    expect(served.json().tables).toEqual([]);
  }, 60_000);

  it("closes the connection instead behind a proxy, so that nginx tries the next process", async () => {
    const config = { ...configFromEnv({}), dataDir: "memory://", webDir: "/nonexistent", trustProxy: true };
    const unmigrated = connectStorage(config);
    const proxied = await buildApp(config, unmigrated, { logger: false, startup: new Startup("seeding") });
    try {
      const url = await proxied.listen({ port: 0, host: "127.0.0.1" });
      await expect(fetch(`${url}/api/v2/tables`)).rejects.toThrow();
      const ready = await fetch(`${url}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({ status: "starting", phase: "seeding" });
    } finally {
      await proxied.close();
      await unmigrated.close();
    }
  });

  it("counts every plugin's answers in /metrics, not only its own", async () => {
    await app.inject("/api/v2/tables");
    await app.inject("/api/v2/tables/NOPE");
    const text = (await app.inject("/metrics")).body;
    const count = (status: number) =>
      Number(new RegExp(`http_requests_total\\{method="GET",status="${status}"\\} (\\d+)`).exec(text)?.[1] ?? 0);
    expect(count(503)).toBeGreaterThanOrEqual(2);
    expect(count(404)).toBeGreaterThanOrEqual(1);
    expect(count(200)).toBeGreaterThanOrEqual(3);
  });
});
