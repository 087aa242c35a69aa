/**
 * /healthz (the process answers), /readyz (the database answers) and /metrics (Prometheus text format).
 */

import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import type { Storage } from "../storage/database.ts";
import { DATABASE_RETRY_SECONDS } from "../storage/errors.ts";

export async function health(app: FastifyInstance, options: { storage: Storage }): Promise<void> {
  const requests = new Map<string, number>();
  const durations = { count: 0, sum: 0 };
  app.addHook("onResponse", async (request, reply) => {
    const key = `method="${request.method}",status="${reply.statusCode}"`;
    requests.set(key, (requests.get(key) ?? 0) + 1);
    durations.count++;
    durations.sum += reply.elapsedTime / 1000;
  });

  app.get("/healthz", async () => ({ status: "ok" }));

  app.get("/readyz", async (_request, reply) => {
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
      ...[...requests].map(([labels, n]) => `http_requests_total{${labels}} ${n}`),
      "# HELP http_request_duration_seconds Time to answer HTTP requests.",
      "# TYPE http_request_duration_seconds summary",
      `http_request_duration_seconds_count ${durations.count}`,
      `http_request_duration_seconds_sum ${durations.sum}`,
      "# HELP process_resident_memory_bytes Resident memory.",
      "# TYPE process_resident_memory_bytes gauge",
      `process_resident_memory_bytes ${memory.rss}`,
      "",
    ];
    reply.type("text/plain; version=0.0.4");
    return lines.join("\n");
  });
}
