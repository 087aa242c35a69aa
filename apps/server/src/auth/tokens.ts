/**
 * Session and CSRF tokens.
 *
 * A session token is 32 random bytes (base64url in the cookie). The database keeps only its SHA-256, so a copy of
 * the sessions table does not give anyone a session; a plain hash is enough because the token is random, not a
 * password to guess.
 *
 * The CSRF token is derived from the session token: HMAC-SHA256 keyed by the token. Another site can neither read
 * the cookie nor compute the HMAC, the database does not hold what is needed to compute it, and there is no
 * server-wide secret to configure, share between processes and rotate. It changes with every session, so a token
 * seen before sign-in is worthless after it.
 */

import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** The cookie that carries the session token. */
export const SESSION_COOKIE = "ch_session";

const TOKEN_BYTES = 32;
/** base64url of 32 bytes. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export const newSessionToken = (): string => randomBytes(TOKEN_BYTES).toString("base64url");

/** Whether a cookie value could be one of our tokens (anything else is not looked up). */
export const isWellFormedToken = (value: unknown): value is string =>
  typeof value === "string" && TOKEN_PATTERN.test(value);

/** The session's key in the database: SHA-256 of the token, in hex. */
export const sessionIdOf = (token: string): string => createHash("sha256").update(token).digest("hex");

export const csrfTokenFor = (sessionToken: string): string =>
  createHmac("sha256", sessionToken).update("clearinghouse csrf v1").digest("base64url");

/** Compares in time independent of where the strings differ. */
export function sameToken(given: unknown, expected: string): boolean {
  if (typeof given !== "string") return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
