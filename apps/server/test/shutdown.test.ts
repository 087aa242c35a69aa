/** Stopping a process: requests in flight finish, new ones (/readyz included) are refused, a hung one times out. */

import type { AddressInfo } from "node:net";
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { health } from "../src/http/health.ts";
import { shutdown } from "../src/http/shutdown.ts";
import { type TestStorage, testStorage } from "./helpers.ts";

describe("graceful shutdown", () => {
  let t: TestStorage;
  beforeAll(async () => {
    t = await testStorage("pglite");
  }, 60_000);
  afterAll(() => t?.dispose());

  /** An app with /readyz and a route that answers when the test lets it. */
  async function started(): Promise<{
    app: FastifyInstance;
    url: string;
    release: () => void;
    entered: Promise<void>;
  }> {
    const app = Fastify({ logger: false });
    await app.register(health, { storage: t.storage });
    let release = () => {};
    let enter = () => {};
    const entered = new Promise<void>((resolve) => {
      enter = resolve;
    });
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    app.get("/slow", async () => {
      enter();
      await gate;
      return { done: true };
    });
    await app.listen({ port: 0, host: "127.0.0.1" });
    return { app, url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`, release, entered };
  }

  /** The status of a request, or "refused" when the connection is not accepted. */
  const statusOf = (url: string) =>
    fetch(url).then(
      (res) => res.status,
      () => "refused" as const,
    );

  it("finishes the request in flight while refusing new ones, then closes the database step", async () => {
    const { app, url, release, entered } = await started();
    expect(await statusOf(`${url}/readyz`)).toBe(200);
    const slow = fetch(`${url}/slow`);
    await entered;
    const steps: string[] = [];
    const stopping = shutdown(app, {
      timeoutMs: 60_000,
      before: () => {
        steps.push("before");
      },
      after: () => {
        steps.push("after");
      },
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect([503, "refused"]).toContain(await statusOf(`${url}/readyz`));
    expect(steps).toEqual(["before"]);
    release();
    const answer = await slow;
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ done: true });
    expect(await stopping).toBe("drained");
    expect(steps).toEqual(["before", "after"]);
  });

  it("does not wait longer than the timeout for a request that hangs", async () => {
    const { app, url, release, entered } = await started();
    const slow = fetch(`${url}/slow`).catch(() => undefined);
    await entered;
    expect(await shutdown(app, { timeoutMs: 50 })).toBe("timed out");
    release();
    await slow;
  });
});
