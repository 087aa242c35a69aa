/**
 * /healthz (the process answers), /readyz (started, and the database answers) and /metrics (Prometheus text format).
 */

import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import type { Storage } from "../storage/database.ts";
import { DATABASE_RETRY_SECONDS } from "../storage/errors.ts";
import { STARTUP_RETRY_SECONDS, type Startup } from "./startup.ts";

/** Requests answered, by method and status, and their total time: what /metrics reports. */
export class RequestMetrics {
  readonly requests = new Map<string, number>();
  count = 0;
  sumSeconds = 0;
}

/** Counts every answer of the application (registered on the root before any route, so no plugin is left out). */
export function countRequests(app: FastifyInstance, metrics: RequestMetrics): void {
  app.addHook("onResponse", async (request, reply) => {
    const key = `method="${request.method}",status="${reply.statusCode}"`;
    metrics.requests.set(key, (metrics.requests.get(key) ?? 0) + 1);
    metrics.count++;
    metrics.sumSeconds += reply.elapsedTime / 1000;
  });
}

export async function health(
  app: FastifyInstance,
  options: { storage: Storage; startup: Startup; metrics: RequestMetrics },
): Promise<void> {
  const { metrics, startup } = options;
  app.get("/healthz", async () => ({ status: "ok" }));

  app.get("/readyz", async (_request, reply) => {
    if (!startup.ready)
      return reply
        .code(503)
        .header("retry-after", String(STARTUP_RETRY_SECONDS))
        .header("cache-control", "no-store")
        .send({ status: "starting", phase: startup.phase });
    try {
      await sql`select 1`.execute(options.storage.db);
      return { status: "ready", database: options.storage.kind };
    } catch (error) {
      return reply
        .code(503)
        .header("retry-after", String(DATABASE_RETRY_SECONDS))
        .header("cache-control", "no-store")
        .send({ status: "unavailable", error: (error as Error).message });
    }
  });

  app.get("/metrics", async (_request, reply) => {
    const memory = process.memoryUsage();
    const lines = [
      "# HELP http_requests_total HTTP requests answered, by method and status.",
      "# TYPE http_requests_total counter",
      ...[...metrics.requests].map(([labels, n]) => `http_requests_total{${labels}} ${n}`),
      "# HELP http_request_duration_seconds Time to answer HTTP requests.",
      "# TYPE http_request_duration_seconds summary",
      `http_request_duration_seconds_count ${metrics.count}`,
      `http_request_duration_seconds_sum ${metrics.sumSeconds}`,
      "# HELP process_resident_memory_bytes Resident memory.",
      "# TYPE process_resident_memory_bytes gauge",
      `process_resident_memory_bytes ${memory.rss}`,
      "",
    ];
    reply.type("text/plain; version=0.0.4");
    return lines.join("\n");
  });
}
