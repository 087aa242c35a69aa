/**
 * HTTP caching of published responses: a strong ETag from the response's bytes, 304 when the client has them, and
 * a Cache-Control that a CDN may honour. Published versions are immutable, so a response changes only when a new
 * version is published. A kept response (response-cache.ts) is sent with its ETag and, when the client accepts
 * one, its compressed variant, both made once; other payloads are hashed here and compressed by @fastify/compress.
 */

import type { FastifyReply, FastifyRequest } from "fastify";
import { acceptedCoding, COMPRESS_THRESHOLD, isCompressible } from "./content-coding.ts";
import { etagOf, KeptResponse } from "./response-cache.ts";

export const PUBLIC_CACHE_CONTROL = "public, max-age=60, stale-while-revalidate=600";
/** For what can never change, such as one version of a table. */
export const IMMUTABLE_CACHE_CONTROL = "public, max-age=31536000, immutable";

const matches = (request: FastifyRequest, etag: string) =>
  request.headers["if-none-match"]?.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag) ?? false;

/** Sends `payload` (an object is sent as JSON) with an ETag, or 304 Not Modified when If-None-Match matches. */
export function sendCached(
  request: FastifyRequest,
  reply: FastifyReply,
  payload: unknown,
  versionKey = "",
  mediaType?: string,
  cacheControl = PUBLIC_CACHE_CONTROL,
): FastifyReply | Promise<FastifyReply> {
  if (payload instanceof KeptResponse) return sendKept(request, reply, payload, versionKey, cacheControl);
  const body = Buffer.isBuffer(payload) ? payload : Buffer.from(JSON.stringify(payload));
  const etag = etagOf(versionKey, body);
  reply.header("etag", etag).header("cache-control", cacheControl).header("vary", "accept-encoding");
  if (matches(request, etag)) return reply.code(304).send();
  reply.type(mediaType ?? (Buffer.isBuffer(payload) ? "application/octet-stream" : "application/json; charset=utf-8"));
  return reply.send(body);
}

/** Sends a kept response with its ETag and Cache-Control (304 when If-None-Match has it), its own headers too. */
export function sendKept(
  request: FastifyRequest,
  reply: FastifyReply,
  kept: KeptResponse,
  versionKey = "",
  cacheControl = PUBLIC_CACHE_CONTROL,
): FastifyReply | Promise<FastifyReply> {
  const etag = kept.etag(versionKey);
  reply.header("etag", etag).header("cache-control", cacheControl);
  if (matches(request, etag)) return reply.header("vary", "accept-encoding").code(304).send();
  return sendEncoded(request, reply, kept);
}

/**
 * Sends a kept response's bytes, compressed as the client accepts when worth it, with its own headers; the
 * variant is compressed once (in the thread pool) and kept with the response.
 */
export async function sendEncoded(
  request: FastifyRequest,
  reply: FastifyReply,
  kept: KeptResponse,
): Promise<FastifyReply> {
  for (const [name, value] of Object.entries(kept.headers ?? {})) reply.header(name, value);
  reply.type(kept.mediaType);
  if (kept.body.length < COMPRESS_THRESHOLD || !isCompressible(kept.mediaType)) return reply.send(kept.body);
  reply.header("vary", "accept-encoding");
  const coding =
    request.headers["x-no-compression"] === undefined ? acceptedCoding(request.headers["accept-encoding"]) : undefined;
  if (!coding) return reply.send(kept.body);
  const body = await kept.encoded(coding);
  return reply.header("content-encoding", coding).send(body);
}
