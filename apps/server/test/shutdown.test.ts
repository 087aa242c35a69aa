/**
 * Stopping a process (http/shutdown.ts with the application of app.ts): the request in flight is answered, new
 * connections are refused (so /readyz fails and nginx tries the next process), a hung request does not hold the
 * process past the timeout.
 */

import type { AddressInfo } from "node:net";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import { shutdown } from "../src/http/shutdown.ts";
import { type TestStorage, testStorage } from "./helpers.ts";

describe("graceful shutdown", () => {
  let t: TestStorage;
  beforeAll(async () => {
    t = await testStorage("pglite", { webDir: "/nonexistent" });
  }, 60_000);
  afterAll(() => t?.dispose());

  /** The application with a route that answers when the test lets it, listening on a free port. */
  async function started() {
    const app: FastifyInstance = await buildApp(t.config, t.storage, { logger: false });
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
    return { app, port: (app.server.address() as AddressInfo).port, release, entered };
  }

  it("answers the request in flight, refuses new connections (/readyz fails), then closes the rest", async () => {
    const { app, port, release, entered } = await started();
    const url = `http://127.0.0.1:${port}`;
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
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
    const ready = await fetch(`${url}/readyz`).then(
      (r) => r.status,
      () => "refused",
    );
    expect(ready).toBe("refused");
    expect(steps).toEqual(["before"]);
    release();
    const answer = await slow;
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ done: true });
    expect(await stopping).toBe("drained");
    expect(steps).toEqual(["before", "after"]);
  });

  it("does not wait longer than the timeout for a request that hangs", async () => {
    const { app, port, release, entered } = await started();
    const slow = fetch(`http://127.0.0.1:${port}/slow`).catch(() => undefined);
    await entered;
    expect(await shutdown(app, { timeoutMs: 50 })).toBe("timed out");
    release();
    await slow;
  });
});
