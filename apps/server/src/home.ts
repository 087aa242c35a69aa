/** The start page (English and Russian) and PX validation for uploads (`POST /api/px/validate`). */

import { formatDiagnostic, readPx } from "@clearinghouse/px";
import type { FastifyInstance } from "fastify";

type Lang = "en" | "ru";

const TEXT = {
  en: {
    title: "Migration Statistics Clearinghouse",
    intro:
      "Migration statistics of Eastern Europe, the Caucasus and Central Asia, comparable across countries, in English and Russian.",
    validate: "Check a PX file: POST its bytes to /api/px/validate (add ?lang=ru for messages in Russian).",
    other: "Русский",
  },
  ru: {
    title: "Информационный центр по статистике миграции",
    intro:
      "Статистика миграции стран Восточной Европы, Кавказа и Центральной Азии, сопоставимая между странами, на английском и русском языках.",
    validate:
      "Проверка файла PX: отправьте его байты методом POST на /api/px/validate (?lang=en — сообщения на английском).",
    other: "English",
  },
} satisfies Record<Lang, Record<string, string>>;

function language(query: unknown, acceptLanguage: string | undefined): Lang {
  const asked = (query as { lang?: string } | undefined)?.lang;
  if (asked === "ru" || asked === "en") return asked;
  return /^\s*ru\b/i.test(acceptLanguage ?? "") ? "ru" : "en";
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);

export async function home(app: FastifyInstance): Promise<void> {
  app.get("/", async (request, reply) => {
    const lang = language(request.query, request.headers["accept-language"]);
    const t = TEXT[lang];
    const other: Lang = lang === "en" ? "ru" : "en";
    reply.type("text/html; charset=utf-8");
    return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(t.title)}</title></head>
<body><main><h1>${escapeHtml(t.title)}</h1><p>${escapeHtml(t.intro)}</p><p>${escapeHtml(t.validate)}</p>
<p><a href="/?lang=${other}" lang="${other}">${escapeHtml(t.other)}</a></p></main></body></html>`;
  });

  app.post("/api/px/validate", async (request, reply) => {
    const lang = language(request.query, request.headers["accept-language"]);
    const body = request.body;
    if (!Buffer.isBuffer(body) || body.length === 0) {
      return reply
        .code(400)
        .type("application/problem+json")
        .send({
          type: "about:blank",
          title: lang === "ru" ? "Пустой запрос" : "Empty request",
          status: 400,
          detail:
            lang === "ru"
              ? "Отправьте байты файла PX с Content-Type: application/octet-stream."
              : "Send the bytes of a PX file with Content-Type: application/octet-stream.",
        });
    }
    const strict = (request.query as { strict?: string }).strict === "true";
    const result = readPx(new Uint8Array(body.buffer, body.byteOffset, body.byteLength), { strict });
    const errors = result.diagnostics.filter((d) => d.severity === "error").length;
    return {
      valid: errors === 0,
      errors,
      warnings: result.diagnostics.length - errors,
      encoding: result.encoding,
      cells: result.file?.data.length ?? null,
      diagnostics: result.diagnostics.map((d) => ({ ...d, text: formatDiagnostic(d, "", lang) })),
    };
  });
}
