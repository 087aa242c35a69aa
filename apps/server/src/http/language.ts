/** The language a request asks for, for pages and messages that exist in English and Russian. */

import type { FastifyRequest } from "fastify";

export type Lang = "en" | "ru";

/** The reader's language: ?lang= if given, else the first of ours in Accept-Language (by quality), else English. */
export function languageOfRequest(asked: unknown, acceptLanguage: string | undefined): Lang {
  if (asked === "en" || asked === "ru") return asked;
  const ranked = (acceptLanguage ?? "")
    .split(",")
    .map((part, order) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { base: tag.toLowerCase().split("-")[0], q: q === undefined ? 1 : Number(q), order };
    })
    .filter((t) => t.q > 0)
    .sort((a, b) => b.q - a.q || a.order - b.order);
  const found = ranked.find((t) => t.base === "en" || t.base === "ru");
  return found?.base === "ru" ? "ru" : "en";
}

/** The language of a request: its `?lang=` if that is en or ru, else its Accept-Language. */
export function requestLanguage(request: FastifyRequest): Lang {
  return languageOfRequest((request.query as { lang?: unknown } | undefined)?.lang, request.headers["accept-language"]);
}
