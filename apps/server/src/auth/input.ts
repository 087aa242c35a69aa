/**
 * Checking the bodies of the accounts API. Bodies are checked here rather than by Fastify's schema validation,
 * which converts types (a number where a string is expected would pass as text) and answers in English only: each
 * problem names its field, and `messages.ts` words it in the reader's language.
 */

import { DEFAULT_INVITATION_DAYS, MAX_INVITATION_DAYS } from "./invitations.ts";
import { MAX_PASSWORD_LENGTH, type PasswordProblem, passwordProblem } from "./password.ts";
import { isCountryBound, isRole, type Role } from "./roles.ts";

export const MAX_EMAIL_LENGTH = 254;
export const MAX_NAME_LENGTH = 200;

export type InputProblem =
  | { readonly code: "not-object" }
  | { readonly code: "no-changes"; readonly fields: readonly string[] }
  | { readonly code: "unknown-field"; readonly field: string }
  | { readonly code: "missing"; readonly field: string }
  | { readonly code: "not-string"; readonly field: string }
  | { readonly code: "not-boolean"; readonly field: string }
  | { readonly code: "empty"; readonly field: string }
  | { readonly code: "too-long"; readonly field: string; readonly max: number }
  | { readonly code: "control-characters"; readonly field: string }
  | { readonly code: "email"; readonly field: string }
  | { readonly code: "role"; readonly field: string }
  | { readonly code: "password"; readonly field: string; readonly problem: PasswordProblem }
  | { readonly code: "not-array"; readonly field: string }
  | { readonly code: "country"; readonly field: string; readonly value: string; readonly allowed: readonly string[] }
  | { readonly code: "countries-required"; readonly field: string }
  | { readonly code: "countries-not-bound"; readonly field: string; readonly role: Role }
  | { readonly code: "days"; readonly field: string; readonly max: number };

export type Parsed<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problem: InputProblem };

export interface LoginInput {
  readonly email: string;
  readonly password: string;
}

export interface NewUserInput {
  readonly email: string;
  readonly name: string;
  readonly role: Role;
  readonly countries: readonly string[];
  readonly password: string;
}

export interface UserPatch {
  readonly email?: string;
  readonly name?: string;
  readonly role?: Role;
  readonly countries?: readonly string[];
  readonly disabled?: boolean;
  readonly password?: string;
}

export interface InvitationInput {
  readonly email: string;
  readonly role: Role;
  readonly countries: readonly string[];
  readonly days: number;
}

export interface AcceptanceInput {
  readonly token: string;
  readonly name: string;
  /** Checked against the policy with the invitation's email, once the invitation is found. */
  readonly password: string;
}

export interface PasswordChangeInput {
  readonly currentPassword: string;
  /** Checked against the policy with the account's email. */
  readonly newPassword: string;
}

class Refused {
  constructor(readonly problem: InputProblem) {}
}

/** C0 and C1 control characters (Unicode category Cc). */
const CONTROL = /\p{Cc}/u;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const length = (text: string): number => [...text].length;

function parse<T>(read: () => T): Parsed<T> {
  try {
    return { ok: true, value: read() };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, problem: error.problem };
    throw error;
  }
}

/** A JSON object with only the `allowed` fields. */
function fields(body: unknown, allowed: readonly string[]): Record<string, unknown> {
  if (typeof body !== "object" || body === null || Array.isArray(body) || Buffer.isBuffer(body)) {
    throw new Refused({ code: "not-object" });
  }
  const unknown = Object.keys(body).find((key) => !allowed.includes(key));
  if (unknown !== undefined) throw new Refused({ code: "unknown-field", field: unknown });
  return body as Record<string, unknown>;
}

/** A present, non-blank string of at most `max` characters, trimmed unless `raw`. */
function text(body: Record<string, unknown>, field: string, max: number, raw = false): string {
  const value = body[field];
  if (value === undefined || value === null) throw new Refused({ code: "missing", field });
  if (typeof value !== "string") throw new Refused({ code: "not-string", field });
  if (length(value) > max) throw new Refused({ code: "too-long", field, max });
  const result = raw ? value : value.trim();
  if (result.trim() === "") throw new Refused({ code: "empty", field });
  if (!raw && CONTROL.test(result)) throw new Refused({ code: "control-characters", field });
  return result;
}

function email(body: Record<string, unknown>): string {
  const value = text(body, "email", MAX_EMAIL_LENGTH);
  if (!EMAIL.test(value)) throw new Refused({ code: "email", field: "email" });
  return value;
}

function role(body: Record<string, unknown>): Role {
  const value = body.role;
  if (value === undefined || value === null) throw new Refused({ code: "missing", field: "role" });
  if (!isRole(value)) throw new Refused({ code: "role", field: "role" });
  return value;
}

/** A new password: long enough, not too common, not the account's email. */
function newPassword(body: Record<string, unknown>, accountEmail: string | undefined, field = "password"): string {
  const value = text(body, field, MAX_PASSWORD_LENGTH, true);
  const problem = passwordProblem(value, accountEmail);
  if (problem) throw new Refused({ code: "password", field, problem });
  return value;
}

/** A list of participating countries (ISO alpha-3 of `reporters`, any case), sorted and without repeats. */
function countries(body: Record<string, unknown>, reporters: readonly string[]): string[] {
  const value = body.countries;
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new Refused({ code: "not-array", field: "countries" });
  const codes = value.map((item) => {
    if (typeof item !== "string") throw new Refused({ code: "not-string", field: "countries" });
    const code = item.trim().toUpperCase();
    if (!reporters.includes(code))
      throw new Refused({ code: "country", field: "countries", value: item.slice(0, 20), allowed: reporters });
    return code;
  });
  return [...new Set(codes)].sort();
}

/**
 * The rule on a role and its countries: a focal point acts for at least one country; the other roles act for all,
 * so giving them countries is refused rather than ignored. Undefined when the pair is allowed.
 */
export function countryRule(role: Role, list: readonly string[]): InputProblem | undefined {
  if (isCountryBound(role)) return list.length === 0 ? { code: "countries-required", field: "countries" } : undefined;
  return list.length > 0 ? { code: "countries-not-bound", field: "countries", role } : undefined;
}

function checked(role: Role, list: readonly string[]): readonly string[] {
  const problem = countryRule(role, list);
  if (problem) throw new Refused(problem);
  return list;
}

/** An account's email on its own (the command line asks for it before the password). */
export const parseEmail = (value: unknown): Parsed<string> => parse(() => email({ email: value }));

export const parseName = (value: unknown): Parsed<string> =>
  parse(() => text({ name: value }, "name", MAX_NAME_LENGTH));

export function parseLogin(body: unknown): Parsed<LoginInput> {
  return parse(() => {
    const b = fields(body, ["email", "password"]);
    // The email is not checked for form: a sign-in with any email only learns "wrong email or password".
    return { email: text(b, "email", MAX_EMAIL_LENGTH), password: text(b, "password", MAX_PASSWORD_LENGTH, true) };
  });
}

export function parseNewUser(body: unknown, reporters: readonly string[]): Parsed<NewUserInput> {
  return parse(() => {
    const b = fields(body, ["email", "name", "role", "countries", "password"]);
    const address = email(b);
    const name = text(b, "name", MAX_NAME_LENGTH);
    const r = role(b);
    return {
      email: address,
      name,
      role: r,
      countries: checked(r, countries(b, reporters)),
      password: newPassword(b, address),
    };
  });
}

const PATCH_FIELDS = ["email", "name", "role", "countries", "disabled", "password"];

/**
 * Changes to an account; `current` keeps a new password from being the account's email and checks the role and
 * countries the account will have (a focal point made an editor loses its countries).
 */
export function parseUserPatch(
  body: unknown,
  current: { readonly email: string; readonly role: Role; readonly countries: readonly string[] },
  reporters: readonly string[],
): Parsed<UserPatch> {
  return parse(() => {
    const b = fields(body, PATCH_FIELDS);
    if (Object.keys(b).length === 0) throw new Refused({ code: "no-changes", fields: PATCH_FIELDS });
    const patch: { -readonly [K in keyof UserPatch]: UserPatch[K] } = {};
    if ("email" in b) patch.email = email(b);
    if ("name" in b) patch.name = text(b, "name", MAX_NAME_LENGTH);
    if ("role" in b) patch.role = role(b);
    if ("countries" in b) patch.countries = countries(b, reporters);
    const finalRole = patch.role ?? current.role;
    // A focal point made an editor or administrator acts for all: its countries go.
    if (patch.countries === undefined && !isCountryBound(finalRole) && current.countries.length > 0)
      patch.countries = [];
    checked(finalRole, patch.countries ?? current.countries);
    if ("disabled" in b) {
      if (typeof b.disabled !== "boolean") throw new Refused({ code: "not-boolean", field: "disabled" });
      patch.disabled = b.disabled;
    }
    if ("password" in b) patch.password = newPassword(b, patch.email ?? current.email);
    return patch;
  });
}

export function parseInvitation(body: unknown, reporters: readonly string[]): Parsed<InvitationInput> {
  return parse(() => {
    const b = fields(body, ["email", "role", "countries", "days"]);
    const address = email(b);
    const r = role(b);
    const list = checked(r, countries(b, reporters));
    const days = b.days ?? DEFAULT_INVITATION_DAYS;
    if (typeof days !== "number" || !Number.isInteger(days) || days < 1 || days > MAX_INVITATION_DAYS)
      throw new Refused({ code: "days", field: "days", max: MAX_INVITATION_DAYS });
    return { email: address, role: r, countries: list, days };
  });
}

export function parseAcceptance(body: unknown): Parsed<AcceptanceInput> {
  return parse(() => {
    const b = fields(body, ["token", "name", "password"]);
    return {
      token: text(b, "token", 100),
      name: text(b, "name", MAX_NAME_LENGTH),
      password: text(b, "password", MAX_PASSWORD_LENGTH, true),
    };
  });
}

/** An invitation's token alone (to show what it is before accepting). */
export function parseToken(body: unknown): Parsed<string> {
  return parse(() => text(fields(body, ["token"]), "token", 100));
}

export function parsePasswordChange(body: unknown, accountEmail: string): Parsed<PasswordChangeInput> {
  return parse(() => {
    const b = fields(body, ["currentPassword", "newPassword"]);
    return {
      currentPassword: text(b, "currentPassword", MAX_PASSWORD_LENGTH, true),
      newPassword: newPassword(b, accountEmail, "newPassword"),
    };
  });
}

/** A password checked against the policy, as a problem of `field`. */
export function passwordInputProblem(password: string, email: string, field = "password"): InputProblem | undefined {
  const problem = passwordProblem(password, email);
  return problem ? { code: "password", field, problem } : undefined;
}

/** A user id from a path: a positive integer in decimal, or null. */
export function parseUserId(value: unknown): number | null {
  if (typeof value !== "string" || !/^[1-9]\d{0,9}$/.test(value)) return null;
  const id = Number(value);
  return id <= 2 ** 31 - 1 ? id : null;
}
