/**
 * Start-up as readiness. The port opens before the migrations and the demo seeding run, so that a load balancer's
 * /readyz probe sees "starting" (503) instead of a refused connection it cannot tell from a dead process, and a
 * request that arrives early gets a 503 problem with Retry-After instead of an answer from a database that is not
 * ready. /healthz answers throughout: the process is alive.
 */

import type { FastifyInstance } from "fastify";
import { type Lang, requestLanguage } from "./language.ts";
import { PROBLEM_MEDIA_TYPE, problemDocument } from "./problem.ts";

export type StartupPhase = "connecting" | "migrating" | "seeding" | "ready";

/** Seconds a client is asked to wait while the server starts. */
export const STARTUP_RETRY_SECONDS = 2;

const PHASE_TEXT: Record<Exclude<StartupPhase, "ready">, Record<Lang, string>> = {
  connecting: { en: "opening the database", ru: "открывает базу данных" },
  migrating: { en: "migrating the database", ru: "обновляет структуру базы данных" },
  seeding: { en: "loading the demo data", ru: "загружает демонстрационные данные" },
};

/** Where the start-up is; main.ts moves it forward, the gate and /readyz read it. */
export class Startup {
  constructor(private current: StartupPhase = "ready") {}

  get phase(): StartupPhase {
    return this.current;
  }

  get ready(): boolean {
    return this.current === "ready";
  }

  enter(phase: StartupPhase): void {
    this.current = phase;
  }

  /** Why a request cannot be answered yet, in the reader's language. */
  message(lang: Lang): string {
    if (this.current === "ready") return "";
    const what = PHASE_TEXT[this.current][lang];
    return lang === "ru"
      ? `сервер запускается (${what}); повторите через ${STARTUP_RETRY_SECONDS} с`
      : `the server is starting (${what}); try again in ${STARTUP_RETRY_SECONDS} s`;
  }
}

const ALWAYS_ANSWERED = new Set(["/healthz", "/readyz"]);

/**
 * Until the start-up is done, every request but /healthz and /readyz is answered 503 (registered before all routes).
 * Behind a proxy (`closeConnections`, TRUST_PROXY) the connection is closed instead: nginx sends the request on to
 * the next process, as it does for a process that refuses connections, where a 503 would reach the reader (nginx
 * does not retry 503s, which mean "database unreachable" for every process alike; deploy/nginx.conf).
 */
export function startupGate(app: FastifyInstance, startup: Startup, options: { closeConnections: boolean }): void {
  app.addHook("onRequest", async (request, reply) => {
    if (startup.ready || ALWAYS_ANSWERED.has(request.url.split("?")[0] ?? "")) return;
    if (options.closeConnections) {
      reply.hijack();
      request.raw.socket.destroy();
      return;
    }
    return reply
      .code(503)
      .header("retry-after", String(STARTUP_RETRY_SECONDS))
      .header("cache-control", "no-store")
      .type(PROBLEM_MEDIA_TYPE)
      .send(problemDocument(503, startup.message(requestLanguage(request)), request.url));
  });
}
