/**
 * HTTP caching of published responses: a strong ETag from the response's bytes, 304 when the client has them, and
 * a Cache-Control that a CDN may honour. Published versions are immutable, so a response changes only when a new
 * version is published.
 */

import { createHash } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";

export const PUBLIC_CACHE_CONTROL = "public, max-age=60, stale-while-revalidate=600";
/** For what can never change, such as one version of a table. */
export const IMMUTABLE_CACHE_CONTROL = "public, max-age=31536000, immutable";

/** Sends `payload` (an object is sent as JSON) with an ETag, or 304 Not Modified when If-None-Match matches. */
export function sendCached(
  request: FastifyRequest,
  reply: FastifyReply,
  payload: unknown,
  versionKey = "",
  mediaType?: string,
  cacheControl = PUBLIC_CACHE_CONTROL,
): FastifyReply {
  const body = Buffer.isBuffer(payload) ? payload : Buffer.from(JSON.stringify(payload));
  const etag = `"${createHash("sha256").update(versionKey).update("\0").update(body).digest("base64url").slice(0, 27)}"`;
  reply.header("etag", etag).header("cache-control", cacheControl).header("vary", "accept-encoding");
  const asked = request.headers["if-none-match"];
  if (asked?.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag)) {
    return reply.code(304).send();
  }
  reply.type(mediaType ?? (Buffer.isBuffer(payload) ? "application/octet-stream" : "application/json; charset=utf-8"));
  return reply.send(body);
}
