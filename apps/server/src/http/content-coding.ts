/**
 * Content codings of responses: which one a client accepts (Accept-Encoding, RFC 9110 §12.5.3), and compressing a
 * body once, off the event loop (zlib's one-shot functions run in libuv's thread pool). The parameters are those
 * @fastify/compress uses for the responses it compresses itself (brotli quality 4, gzip's default level), so a
 * body kept compressed is the same as one compressed on the fly.
 */

import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";

export const CODINGS = ["br", "gzip"] as const;
export type Coding = (typeof CODINGS)[number];

/** Below this many bytes compressing costs more than it saves (@fastify/compress's threshold). */
export const COMPRESS_THRESHOLD = 1024;

/**
 * Media types compressed: those @fastify/compress compresses by default (text, JSON, XML, octets such as PX files),
 * so kept and fresh answers are coded alike; xlsx, itself a ZIP archive, is not.
 */
export function isCompressible(mediaType: string): boolean {
  return /^text\/(?!event-stream)|[+/]json(?:;|$)|[+/]text(?:;|$)|[+/]xml(?:;|$)|octet-stream(?:;|$)/iu.test(mediaType);
}

/**
 * The coding to answer with: the one with the highest quality the client gives (br before gzip on a tie), or
 * `undefined` for none (no header, only identity, or every coding refused with q=0).
 */
export function acceptedCoding(header: string | readonly string[] | undefined): Coding | undefined {
  if (header === undefined) return undefined;
  const text = typeof header === "string" ? header : header.join(",");
  const quality = new Map<string, number>();
  for (const part of text.split(",")) {
    const [rawName, ...params] = part.toLowerCase().split(";");
    const name = rawName?.trim();
    if (!name) continue;
    const q = params.map((p) => /^\s*q\s*=\s*([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    const value = q === undefined ? 1 : Number(q);
    quality.set(name, Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0);
  }
  let best: Coding | undefined;
  let bestQuality = 0;
  for (const coding of CODINGS) {
    const q = quality.get(coding) ?? quality.get("*") ?? 0;
    if (q > bestQuality) {
      best = coding;
      bestQuality = q;
    }
  }
  return best;
}

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/** `body` compressed with `coding`, in the thread pool. */
export function compress(body: Buffer, coding: Coding): Promise<Buffer> {
  return coding === "br"
    ? brotli(body, {
        params: {
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          [constants.BROTLI_PARAM_QUALITY]: 4,
          [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
        },
      })
    : gzipped(body);
}
