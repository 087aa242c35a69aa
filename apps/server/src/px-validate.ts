/**
 * PX validation for uploads (`POST /api/px/validate`), with messages in English or Russian. Anyone may call it, so
 * it is bounded on every side: the body's size, the cells a file may declare (refused before they are allocated),
 * the time one file may take, and calls per client and minute. Files are read in a small pool of worker threads
 * (workers/pool.ts) with a bounded queue, so a hostile file never blocks the requests of others.
 */

import rateLimit, { type RateLimitPluginOptions } from "@fastify/rate-limit";
import type { FastifyInstance, FastifyReply } from "fastify";
import { type Lang, requestLanguage } from "./http/language.ts";
import { PROBLEM_MEDIA_TYPE } from "./http/problem.ts";
import type { ValidationReport, ValidationRequest } from "./px-validation.ts";
import { JobCrashedError, JobTimeoutError, PoolBusyError, WorkerPool } from "./workers/pool.ts";

export interface PxValidateOptions {
  /** Largest file accepted, in bytes. */
  readonly maxBytes: number;
  /** Most cells a file may declare. */
  readonly maxCells: number;
  /** Longest one file may take to read, in seconds. */
  readonly seconds: number;
  /** Calls per client per minute. */
  readonly callsPerMinute: number;
  /** Where the calls are counted (http/rate-limit.ts sharedCounts: in PostgreSQL for every process). */
  readonly counts?: Pick<RateLimitPluginOptions, "store">;
}

/** Files read at once (the server has few cores to spare), and files that may wait for them. */
const WORKERS = 2;
const QUEUE = 8;
/** Memory of one worker's JavaScript heap; the cells themselves are limited by maxCells. */
const WORKER_HEAP_MB = 512;

type Texts = Readonly<Record<Lang, string>>;

function problem(reply: FastifyReply, lang: Lang, status: number, title: Texts, detail: Texts) {
  return reply
    .code(status)
    .type(PROBLEM_MEDIA_TYPE)
    .send({ type: "about:blank", title: title[lang], status, detail: detail[lang], instance: "/api/px/validate" });
}

export async function pxValidate(app: FastifyInstance, options: PxValidateOptions): Promise<void> {
  const pool = new WorkerPool<Omit<ValidationRequest, "bytes"> & { bytes: ArrayBuffer }, ValidationReport>({
    file: new URL("./workers/px-validate.worker.mjs", import.meta.url),
    size: WORKERS,
    queue: QUEUE,
    timeoutMs: options.seconds * 1000,
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
  });
  app.addHook("onClose", () => pool.close());
  const size =
    options.maxBytes >= 1024 * 1024
      ? {
          en: `${Math.round(options.maxBytes / 1024 / 1024)} MB`,
          ru: `${Math.round(options.maxBytes / 1024 / 1024)} МБ`,
        }
      : { en: `${Math.round(options.maxBytes / 1024)} kB`, ru: `${Math.round(options.maxBytes / 1024)} КБ` };

  await app.register(rateLimit, { max: options.callsPerMinute, timeWindow: 60_000, ...options.counts });
  app.setErrorHandler((error, request, reply) => {
    const lang = requestLanguage(request);
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    if (status === 413) {
      return problem(
        reply,
        lang,
        413,
        { en: "File too large", ru: "Слишком большой файл" },
        {
          en: `A PX file to validate may have at most ${size.en}.`,
          ru: `Файл PX для проверки может занимать не больше ${size.ru}.`,
        },
      );
    }
    if (status === 429) {
      return problem(
        reply,
        lang,
        429,
        { en: "Too many requests", ru: "Слишком много запросов" },
        {
          en: `At most ${options.callsPerMinute} files per minute may be validated; try again later.`,
          ru: `Можно проверить не больше ${options.callsPerMinute} файлов в минуту; повторите позже.`,
        },
      );
    }
    if (status >= 400 && status < 500) {
      const message = error instanceof Error ? error.message : String(error);
      return problem(reply, lang, status, { en: "Bad request", ru: "Неверный запрос" }, { en: message, ru: message });
    }
    request.log.error(error);
    return problem(
      reply,
      lang,
      500,
      { en: "Internal error", ru: "Внутренняя ошибка" },
      { en: "The file could not be validated.", ru: "Файл не удалось проверить." },
    );
  });

  app.post("/api/px/validate", { bodyLimit: options.maxBytes }, async (request, reply) => {
    const lang = requestLanguage(request);
    const body = request.body;
    if (!Buffer.isBuffer(body) || body.length === 0) {
      return problem(
        reply,
        lang,
        400,
        { en: "Empty request", ru: "Пустой запрос" },
        {
          en: "Send the bytes of a PX file with Content-Type: application/octet-stream.",
          ru: "Отправьте байты файла PX с Content-Type: application/octet-stream.",
        },
      );
    }
    const strict = (request.query as { strict?: string }).strict === "true";
    // A copy of the bytes of their own, handed over to the worker rather than copied again.
    const bytes = new Uint8Array(body).buffer;
    try {
      return await pool.run({ bytes, strict, lang, maxCells: options.maxCells }, [bytes]);
    } catch (error) {
      if (error instanceof PoolBusyError) {
        return problem(
          reply.header("retry-after", "5"),
          lang,
          503,
          { en: "Busy", ru: "Сервер занят" },
          {
            en: "Too many files are being validated at the moment; try again in a few seconds.",
            ru: "Сейчас проверяется слишком много файлов; повторите через несколько секунд.",
          },
        );
      }
      if (error instanceof JobTimeoutError || error instanceof JobCrashedError) {
        return problem(
          reply,
          lang,
          422,
          { en: "File too complex", ru: "Слишком сложный файл" },
          {
            en: `The file could not be read within the limits of validation (${options.seconds} s, ${WORKER_HEAP_MB} MB of memory): it is far larger or more complex than a statistical table.`,
            ru: `Файл не удалось прочитать в пределах проверки (${options.seconds} с, ${WORKER_HEAP_MB} МБ памяти): он намного больше или сложнее статистической таблицы.`,
          },
        );
      }
      throw error;
    }
  });
}
