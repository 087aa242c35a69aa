/**
 * Stopping a server process without dropping requests: stop accepting connections, let the requests in flight
 * finish (Fastify answers 503 to any new request on a kept-alive connection meanwhile, /readyz included, so a
 * load balancer sends no more), then close the rest. A request that has not finished within the timeout does not
 * keep the process alive.
 */

import type { FastifyInstance } from "fastify";

export interface ShutdownSteps {
  /** How long requests in flight may take. */
  readonly timeoutMs: number;
  /** Before draining: background work that must not start anything new (the link checker). */
  readonly before?: () => Promise<void> | void;
  /** After draining, or after the timeout: the database pool. */
  readonly after?: () => Promise<void> | void;
}

export async function shutdown(app: FastifyInstance, steps: ShutdownSteps): Promise<"drained" | "timed out"> {
  await steps.before?.();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<"timed out">((resolve) => {
    timer = setTimeout(() => resolve("timed out"), steps.timeoutMs);
  });
  // A kept-alive connection whose last request finished after close() began would otherwise stay open until the
  // client or the keep-alive timeout ends it.
  const idle = setInterval(() => app.server.closeIdleConnections(), 100);
  const outcome = await Promise.race([app.close().then(() => "drained" as const), timedOut]);
  clearTimeout(timer);
  clearInterval(idle);
  await steps.after?.();
  return outcome;
}
