/**
 * The official PxWeb 2.0 web interface (the built static files in ../shared/clients/pxweb2, never copied into the
 * repository) served as its deployment guide says: every file as it is, any unknown path answering index.html (a
 * single-page application), and `config/config.js` rewritten on the fly so that `apiUrl` points at our server's
 * API 2.0 and the language list holds only the languages the bundle has translations for (`locales/LANG`).
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize } from "node:path";

export const PXWEB2_DIR = join(import.meta.dirname, "../../../../../shared/clients/pxweb2");

const MEDIA_TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".ttf": "font/ttf",
  ".woff2": "font/woff2",
};

const LANGUAGE_NAMES: Readonly<Record<string, string>> = { en: "English", ru: "Русский" };

export interface PxWeb2Site {
  readonly url: string;
  /** The languages the rewritten config offers. */
  readonly languages: readonly string[];
  close(): Promise<void>;
}

/** Of `wanted`, the languages the bundle can show (it has their interface texts). */
export function bundleLanguages(dir: string, wanted: readonly string[]): string[] {
  return wanted.filter((lang) => existsSync(join(dir, "locales", lang, "translation.json")));
}

/**
 * config.js with `apiUrl` set and the language list replaced; throws when the file no longer has the lines it
 * rewrites, so that a new PxWeb2 release with another layout fails loudly instead of talking to port 3000.
 */
export function rewriteConfig(source: string, apiUrl: string, languages: readonly string[]): string {
  const [first] = languages;
  if (first === undefined) throw new Error("PxWeb2 needs at least one language");
  const list = languages
    .map((lang) => `{ shorthand: '${lang}', languageName: '${LANGUAGE_NAMES[lang] ?? lang}' }`)
    .join(", ");
  const rewrites: [RegExp, string][] = [
    [/apiUrl:\s*'[^']*'/, `apiUrl: '${apiUrl}'`],
    [/supportedLanguages:\s*\[[^\]]*\]/, `supportedLanguages: [${list}]`],
    [/defaultLanguage:\s*'[^']*'/, `defaultLanguage: '${first}'`],
    [/fallbackLanguage:\s*'[^']*'/, `fallbackLanguage: '${first}'`],
  ];
  let out = source;
  for (const [pattern, replacement] of rewrites) {
    if (!pattern.test(out)) throw new Error(`PxWeb2's config.js has no ${pattern}: its layout changed`);
    out = out.replace(pattern, replacement);
  }
  return out;
}

/** Serves the PxWeb2 folder on a free port of 127.0.0.1, its config pointing at `apiUrl`. */
export async function servePxWeb2(
  apiUrl: string,
  wanted: readonly string[] = ["en", "ru"],
  dir = PXWEB2_DIR,
): Promise<PxWeb2Site> {
  const languages = bundleLanguages(dir, wanted);
  const config = rewriteConfig(readFileSync(join(dir, "config/config.js"), "utf8"), apiUrl, languages);
  const index = readFileSync(join(dir, "index.html"));
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://site").pathname);
    if (path === "/config/config.js") {
      response.writeHead(200, { "content-type": MEDIA_TYPES[".js"] as string, "cache-control": "no-store" });
      response.end(config);
      return;
    }
    // normalize() resolves "..": a path is served only when it stays inside the folder.
    const file = join(dir, normalize(path));
    if (file.startsWith(dir) && existsSync(file) && statSync(file).isFile()) {
      response.writeHead(200, { "content-type": MEDIA_TYPES[extname(file)] ?? "application/octet-stream" });
      response.end(readFileSync(file));
      return;
    }
    response.writeHead(200, { "content-type": MEDIA_TYPES[".html"] as string });
    response.end(index);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    languages,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
