/**
 * The web interface (apps/web, built into apps/web/dist): its hashed assets cached for a year, its pages under
 * /en/… and /ru/… answered with the app's HTML in that language, and "/" sent to the reader's language (the
 * browser's Accept-Language, or ?lang=). Without a build, the pages say how to make one. Security headers (the
 * Content-Security-Policy among them) are the whole server's: http/security-headers.ts.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { type Lang, requestLanguage } from "./http/language.ts";
import { CONTENT_SECURITY_POLICY } from "./http/security-headers.ts";

/**
 * The embedded table pages (/{lang}/embed/…) are made to be framed by other sites: their policy allows any frame
 * ancestor. They show public figures and have no action a framing site could trick a reader into (no form, no
 * session call), so framing them is not clickjacking; every other page keeps frame-ancestors 'none'.
 */
export const EMBED_CONTENT_SECURITY_POLICY = Object.entries({ ...CONTENT_SECURITY_POLICY, "frame-ancestors": ["*"] })
  .map(([name, values]) => `${name} ${values.join(" ")}`)
  .join("; ");

const TITLE: Readonly<Record<Lang, string>> = {
  en: "Migration Statistics Clearinghouse",
  ru: "Информационный центр по статистике миграции",
};

/** The app's index.html for one language: its `lang` and title set, so the first paint is right. */
export function pageInLanguage(indexHtml: string, lang: Lang): string {
  return indexHtml
    .replace(/<html lang="[^"]*"/, `<html lang="${lang}"`)
    .replace(/<title>[^<]*<\/title>/, `<title>${TITLE[lang]}</title>`);
}

export async function web(app: FastifyInstance, options: { readonly dir: string }): Promise<void> {
  const indexFile = join(options.dir, "index.html");
  const built = existsSync(indexFile);
  const pages = built
    ? {
        en: pageInLanguage(readFileSync(indexFile, "utf8"), "en"),
        ru: pageInLanguage(readFileSync(indexFile, "utf8"), "ru"),
      }
    : undefined;

  if (built) {
    await app.register(fastifyStatic, {
      root: join(options.dir, "assets"),
      prefix: "/assets/",
      // File names carry a hash of their content: a changed file has a new name.
      immutable: true,
      maxAge: "365d",
      index: false,
    });
  }

  app.get("/", { schema: { hide: true } }, async (request, reply) => {
    const lang = requestLanguage(request);
    return reply.header("vary", "Accept-Language").header("cache-control", "no-cache").redirect(`/${lang}/`, 302);
  });

  const page = (lang: Lang) => async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.url.startsWith(`/${lang}/embed/`)) {
      reply.header("content-security-policy", EMBED_CONTENT_SECURITY_POLICY).removeHeader("x-frame-options");
    }
    if (!pages) {
      return reply
        .code(503)
        .type("text/plain; charset=utf-8")
        .send("The web interface is not built: run `npm run build -w apps/web` (npm start does it).");
    }
    return reply.type("text/html; charset=utf-8").header("cache-control", "no-cache").send(pages[lang]); // the Content-Security-Policy and other security headers: http/security-headers.ts
  };
  for (const lang of ["en", "ru"] as const) {
    app.get(`/${lang}`, { schema: { hide: true } }, async (_request, reply) => reply.redirect(`/${lang}/`, 301));
    app.get(`/${lang}/*`, { schema: { hide: true } }, page(lang));
  }
}
