/**
 * Passwords: the policy a new password must meet, and scrypt hashes (node:crypto, no native dependency) stored as
 * "scrypt$N$r$p$salt$hash" (salt and hash in base64url), so the cost can be raised later without losing the
 * hashes made before: each is verified with its own parameters and rehashed at the next sign-in.
 */

import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";

export interface ScryptParams {
  /** CPU and memory cost, a power of two. */
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/**
 * One of OWASP's equivalent scrypt settings (N=2^15, r=8, p=3): 32 MiB per hash rather than the 128 MiB of
 * N=2^17, p=1, so that a burst of sign-ins does not exhaust the server's memory; the time is comparable.
 */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 15, r: 8, p: 3 };

export const MIN_PASSWORD_LENGTH = 12;
/** Longer passwords are refused: hashing megabytes would be a cheap way to make the server work. */
export const MAX_PASSWORD_LENGTH = 1024;

const SALT_BYTES = 16;
const KEY_BYTES = 32;

/**
 * Passwords long enough to pass the length rule yet among the first an attacker tries. Short on purpose: the
 * length rule does most of the work, and a longer list would belong in a data file.
 */
const COMMON = new Set([
  "000000000000",
  "111111111111",
  "123123123123",
  "123456789012",
  "1234567890123",
  "12345678901234",
  "123456789abc",
  "1q2w3e4r5t6y",
  "abcdefghijkl",
  "administrator",
  "changeme1234",
  "clearinghouse",
  "iloveyou1234",
  "letmein12345",
  "password1234",
  "password12345",
  "password123456",
  "passwordpassword",
  "qwerty123456",
  "qwertyuiop12",
  "qwertyuiop123",
  "qwertyuiopasdf",
  "welcome12345",
  "йцукенгшщзхъ",
]);

export type PasswordProblem =
  | { readonly code: "too-short"; readonly min: number }
  | { readonly code: "too-long"; readonly max: number }
  | { readonly code: "common" };

/**
 * Passwords are compared after Unicode normalisation (NFC), so the same word typed on two keyboards that compose
 * accents differently is the same password.
 */
export const normalizePassword = (password: string): string => password.normalize("NFC");

/** Length in characters as a person counts them (code points, not UTF-16 units). */
const characters = (text: string): number => [...text].length;

/** What is wrong with a password chosen for an account (null: acceptable). `email` is the account's own. */
export function passwordProblem(password: string, email = ""): PasswordProblem | null {
  const normalized = normalizePassword(password);
  const length = characters(normalized);
  if (length > MAX_PASSWORD_LENGTH) return { code: "too-long", max: MAX_PASSWORD_LENGTH };
  if (length < MIN_PASSWORD_LENGTH) return { code: "too-short", min: MIN_PASSWORD_LENGTH };
  const lower = normalized.toLowerCase();
  const oneCharacter = new Set(lower).size === 1;
  if (COMMON.has(lower) || oneCharacter || (email !== "" && lower === email.trim().toLowerCase())) {
    return { code: "common" };
  }
  return null;
}

function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  // scrypt needs 128·N·r bytes; the default ceiling (32 MiB) is just below that for N=2^15, r=8.
  const maxmem = 256 * params.N * params.r;
  return new Promise((resolve, reject) =>
    scrypt(normalizePassword(password), salt, KEY_BYTES, { ...params, maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

export async function hashPassword(password: string, params: ScryptParams = DEFAULT_SCRYPT): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, params);
  return ["scrypt", params.N, params.r, params.p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

interface ParsedHash extends ScryptParams {
  readonly salt: Buffer;
  readonly key: Buffer;
}

function parseHash(stored: string): ParsedHash | null {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return null;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const valid = (n: number) => Number.isSafeInteger(n) && n > 0;
  // A power of two, and bounded: a corrupted row must not make one sign-in take gigabytes.
  if (!valid(N) || !valid(r) || !valid(p) || (N & (N - 1)) !== 0 || N > 2 ** 20 || r > 32 || p > 16) return null;
  const salt = Buffer.from(parts[4] as string, "base64url");
  const key = Buffer.from(parts[5] as string, "base64url");
  if (salt.length === 0 || key.length === 0) return null;
  return { N, r, p, salt, key };
}

/** Whether `password` is the one `stored` was made from; false for a stored value that is not a hash of ours. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed) return false;
  const key = await derive(password, parsed.salt, parsed);
  return key.length === parsed.key.length && timingSafeEqual(key, parsed.key);
}

/** Whether a hash was made with weaker parameters than `params` (and should be remade at the next sign-in). */
export function needsRehash(stored: string, params: ScryptParams = DEFAULT_SCRYPT): boolean {
  const parsed = parseHash(stored);
  return !parsed || parsed.N < params.N || parsed.r < params.r || parsed.p < params.p;
}
