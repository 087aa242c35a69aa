/**
 * Losing PostgreSQL: the server's own connections are terminated (as a restart of the cluster does), and for a
 * longer outage its database refuses new connections for a while. The process must live through it, answer 503
 * with Retry-After meanwhile, and recover by itself. Only this suite's own database is touched.
 */

import type { FastifyInstance } from "fastify";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import { type TestStorage, testStorage } from "./helpers.ts";

describe.skipIf(!process.env.DATABASE_URL)("PostgreSQL outage", () => {
  let t: TestStorage;
  let app: FastifyInstance;
  let admin: pg.Client;
  let database: string;

  const terminateOwnConnections = async () => {
    const { rows } = await admin.query(
      "select pg_terminate_backend(pid) as done from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()",
      [database],
    );
    return rows.length;
  };
  const allowConnections = (allow: boolean) =>
    admin.query(`alter database ${database} allow_connections ${allow ? "true" : "false"}`);

  beforeAll(async () => {
    t = await testStorage("postgresql");
    database = decodeURIComponent(new URL(t.config.databaseUrl as string).pathname.slice(1));
    app = await buildApp(t.config, t.storage, { logger: false });
    admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
  }, 60_000);

  afterAll(async () => {
    await allowConnections(true);
    await admin.end();
    await app.close();
    await t.dispose();
  });

  const search = () => app.inject({ url: "/api/inventory/institutions?lang=en" });

  it("lives through its connections being terminated and opens new ones", async () => {
    expect((await search()).statusCode).toBe(200);
    // Idle connections in the pool die now: unhandled, the pool's "error" event would end the process.
    expect(await terminateOwnConnections()).toBeGreaterThan(0);
    // A request that meets a connection before its end has arrived answers 503; the next ones get new connections.
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 20 && statuses.at(-1) !== 200; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      statuses.push((await search()).statusCode);
    }
    expect(statuses.at(-1)).toBe(200);
    expect(statuses.every((s) => s === 200 || s === 503)).toBe(true);
    expect((await app.inject({ url: "/readyz" })).statusCode).toBe(200);
  });

  it("answers 503 with Retry-After while the database refuses connections, then recovers", async () => {
    await allowConnections(false);
    await terminateOwnConnections();
    await new Promise((resolve) => setTimeout(resolve, 100));

    const during = await search();
    expect(during.statusCode).toBe(503);
    expect(during.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect(Number(during.headers["retry-after"])).toBeGreaterThan(0);
    expect(during.json()).toMatchObject({ status: 503, title: "Service Unavailable" });
    expect(during.json().detail).toMatch(/database/);

    const russian = await app.inject({ url: "/api/inventory/institutions?lang=ru" });
    expect(russian.json().detail).toMatch(/База данных/);

    const v2 = await app.inject({ url: "/api/v2/tables?lang=en" });
    expect(v2.statusCode).toBe(503);
    expect(v2.headers["retry-after"]).toBeDefined();
    const v1 = await app.inject({ url: "/api/v1/en/" });
    expect(v1.statusCode).toBe(503);

    const ready = await app.inject({ url: "/readyz" });
    expect(ready.statusCode).toBe(503);
    expect(ready.headers["retry-after"]).toBeDefined();
    expect((await app.inject({ url: "/healthz" })).statusCode).toBe(200);

    await allowConnections(true);
    expect((await search()).statusCode).toBe(200);
    expect((await app.inject({ url: "/api/v2/tables?lang=en" })).statusCode).toBe(200);
    expect((await app.inject({ url: "/readyz" })).statusCode).toBe(200);
  });
});
