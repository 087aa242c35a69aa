/** The accounts' pure parts: passwords, tokens, sign-in throttling, session expiry, roles, input checks and messages. */

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expiryAt, sessionPolicy, useSession } from "../src/auth/expiry.ts";
import {
  parseInvitation,
  parseLogin,
  parseNewUser,
  parsePasswordChange,
  parseUserId,
  parseUserPatch,
} from "../src/auth/input.ts";
import { invitationLink, invitationStatus } from "../src/auth/invitations.ts";
import { inDuration, inputMessage, throttledMessage, wrongCredentialsWaitMessage } from "../src/auth/messages.ts";
import {
  hashPassword,
  MAX_PASSWORD_LENGTH,
  needsRehash,
  passwordProblem,
  verifyPassword,
} from "../src/auth/password.ts";
import { privateCacheControl } from "../src/auth/private-cache.ts";
import { ACTIONS, actsFor, can, hasRole, leastRoleFor } from "../src/auth/roles.ts";
import {
  type AttemptContext,
  afterSuccess,
  beginAttempt,
  CLEAN,
  delayAfter,
  type KeyState,
  keysFor,
  secondsUntil,
  THROTTLE,
} from "../src/auth/throttle.ts";
import { csrfTokenFor, isWellFormedToken, newSessionToken, sameToken, sessionIdOf } from "../src/auth/tokens.ts";

const CHEAP = { N: 2 ** 10, r: 8, p: 1 };
const REPORTERS = ["KAZ", "KGZ", "UZB"];
const T0 = new Date("2030-03-01T10:00:00Z");
const after = (ms: number, from = T0) => new Date(from.getTime() + ms);
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

describe("password hashes", () => {
  it("verify the password they were made from, with the default cost, and no other", async () => {
    const stored = await hashPassword("correct horse battery staple");
    expect(stored).toMatch(/^scrypt\$32768\$8\$3\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(await verifyPassword("correct horse battery staple", stored)).toBe(true);
    expect(await verifyPassword("correct horse battery stapler", stored)).toBe(false);
    expect(await verifyPassword("", stored)).toBe(false);
    expect(needsRehash(stored)).toBe(false);
  });

  it("are salted: the same password gives different hashes, each verifying", async () => {
    const [a, b] = await Promise.all([
      hashPassword("same password here", CHEAP),
      hashPassword("same password here", CHEAP),
    ]);
    expect(a).not.toBe(b);
    expect(await verifyPassword("same password here", a)).toBe(true);
    expect(await verifyPassword("same password here", b)).toBe(true);
  });

  it("round-trip any password, composed or decomposed accents alike", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: "grapheme", minLength: 1, maxLength: 40 }), async (password) => {
        const stored = await hashPassword(password, CHEAP);
        expect(await verifyPassword(password, stored)).toBe(true);
        expect(await verifyPassword(`${password}x`, stored)).toBe(false);
      }),
      { numRuns: 25 },
    );
    const stored = await hashPassword("caf\u00e9 au lait s'il vous pla\u00eet", CHEAP);
    expect(await verifyPassword("cafe\u0301 au lait s'il vous plai\u0302t", stored)).toBe(true);
  });

  it("keep their parameters: weaker ones are to be rehashed, and a damaged hash verifies nothing", async () => {
    const cheap = await hashPassword("an old password 1", CHEAP);
    expect(cheap.startsWith("scrypt$1024$8$1$")).toBe(true);
    expect(await verifyPassword("an old password 1", cheap)).toBe(true);
    expect(needsRehash(cheap)).toBe(true);
    expect(needsRehash(cheap, CHEAP)).toBe(false);
    for (const damaged of [
      "",
      "bcrypt$x",
      cheap.replace("$1024$", "$1000$"),
      cheap.replace("$1024$", "$1073741824$"),
    ]) {
      expect(await verifyPassword("an old password 1", damaged)).toBe(false);
      expect(needsRehash(damaged)).toBe(true);
    }
  });
});

describe("the password policy", () => {
  it("wants 12 characters at least (counted as people count them) and 1024 at most", () => {
    expect(passwordProblem("elevenchars")).toEqual({ code: "too-short", min: 12 });
    expect(passwordProblem("twelve chars")).toBeNull();
    // 11 emoji are 22 UTF-16 units but 11 characters.
    expect(passwordProblem("😀".repeat(11))?.code).toBe("too-short");
    expect(passwordProblem(`${"x".repeat(MAX_PASSWORD_LENGTH - 1)}y`)).toBeNull();
    expect(passwordProblem(`${"x".repeat(MAX_PASSWORD_LENGTH)}y`)).toEqual({ code: "too-long", max: 1024 });
  });

  it("refuses common passwords, one repeated character and the account's own email", () => {
    for (const weak of ["Password1234", "QWERTY123456", "aaaaaaaaaaaaaa", "йцукенгшщзхъ"]) {
      expect(passwordProblem(weak), weak).toEqual({ code: "common" });
    }
    expect(passwordProblem("Editor@Example.org", "editor@example.org")).toEqual({ code: "common" });
    expect(passwordProblem("editor@example.org", "other@example.org")).toBeNull();
  });
});

describe("session and CSRF tokens", () => {
  it("are 32 random bytes, kept in the database only as their SHA-256", () => {
    const tokens = new Set(Array.from({ length: 100 }, newSessionToken));
    expect(tokens.size).toBe(100);
    for (const token of tokens) {
      expect(isWellFormedToken(token)).toBe(true);
      expect(Buffer.from(token, "base64url")).toHaveLength(32);
      expect(sessionIdOf(token)).toMatch(/^[0-9a-f]{64}$/);
      expect(sessionIdOf(token)).not.toContain(token);
    }
    for (const bad of [undefined, "", "x".repeat(42), `${"x".repeat(42)}=`, "x".repeat(44), 42]) {
      expect(isWellFormedToken(bad)).toBe(false);
    }
  });

  it("give a CSRF token tied to the session: the same for it, another for any other", () => {
    const a = newSessionToken();
    const b = newSessionToken();
    expect(csrfTokenFor(a)).toBe(csrfTokenFor(a));
    expect(csrfTokenFor(a)).not.toBe(csrfTokenFor(b));
    expect(csrfTokenFor(a)).not.toBe(sessionIdOf(a));
    expect(sameToken(csrfTokenFor(a), csrfTokenFor(a))).toBe(true);
    expect(sameToken(csrfTokenFor(b), csrfTokenFor(a))).toBe(false);
    expect(sameToken(undefined, csrfTokenFor(a))).toBe(false);
    expect(sameToken(["x"], csrfTokenFor(a))).toBe(false);
    expect(sameToken(`${csrfTokenFor(a)}x`, csrfTokenFor(a))).toBe(false);
  });
});

describe("the sign-in throttle", () => {
  const owner: AttemptContext = { subject: "user:1", address: "192.0.2.1", device: undefined, userId: 1 };

  /** Failed attempts one after another, each as soon as allowed; the delays between them and the states after. */
  function failAsSoonAsAllowed(times: number, context: AttemptContext, known = false) {
    const keys = keysFor(context, known);
    let states = new Map<string, KeyState>();
    let at = T0;
    const waits: number[] = [];
    for (let k = 0; k < times; k++) {
      let decision = beginAttempt(keys, states, at);
      if (!decision.allowed) {
        waits.push(decision.until.getTime() - at.getTime());
        at = decision.until;
        decision = beginAttempt(keys, states, at);
      } else waits.push(0);
      if (!decision.allowed) throw new Error("refused at the time it named");
      states = new Map([...states, ...decision.next]);
    }
    return { keys, states, at, waits };
  }

  it("lets the free failures through, then doubles the delay up to its ceiling, never locking", () => {
    expect([0, 4, 5, 6, 7, 8, 30].map((n) => delayAfter(n, THROTTLE.pair))).toEqual([
      0,
      0,
      1000,
      2000,
      4000,
      8000,
      15 * MINUTE,
    ]);
    const { waits } = failAsSoonAsAllowed(9, owner);
    expect(waits).toEqual([0, 0, 0, 0, 0, 1000, 2000, 4000, 8000]);
  });

  it("grows the account-wide delay more gently and from more failures", () => {
    expect(delayAfter(THROTTLE.account.free, THROTTLE.account)).toBe(0);
    expect(delayAfter(THROTTLE.account.free + 1, THROTTLE.account)).toBe(1000);
    expect(delayAfter(THROTTLE.account.free + 3, THROTTLE.account)).toBe(2250);
    expect(delayAfter(100, THROTTLE.account)).toBe(THROTTLE.account.maxMs);
    fc.assert(fc.property(fc.nat(200), (n) => delayAfter(n + 1, THROTTLE.account) >= delayAfter(n, THROTTLE.account)));
  });

  it("checks a trusted device against its own key only, and a known address skips the account-wide key", () => {
    expect(keysFor({ ...owner, device: "d1" }, false).map((k) => k.scope)).toEqual(["device"]);
    expect(keysFor(owner, false).map((k) => k.scope)).toEqual(["pair", "address", "account"]);
    expect(keysFor(owner, true).map((k) => k.scope)).toEqual(["pair", "address"]);
    expect(keysFor({ ...owner, subject: "email:ab", userId: undefined }, false).map((k) => k.scope)).toEqual([
      "pair",
      "address",
    ]);
  });

  it("counts the address once per account: hammering one account does not grow it", () => {
    const { states, keys } = failAsSoonAsAllowed(8, owner);
    const address = keys.find((k) => k.scope === "address")?.key as string;
    expect(states.get(address)?.failures).toBe(1);
    expect(states.get(keys[0]?.key as string)?.failures).toBe(8);
  });

  it("refuses an attempt while any key waits, until the latest of them", () => {
    const keys = keysFor(owner, false);
    const [pair, address, account] = keys.map((k) => k.key) as [string, string, string];
    const states = new Map<string, KeyState>([
      [pair, { failures: 5, lastFailureAt: T0 }],
      [address, { failures: 1, lastFailureAt: T0 }],
      [account, { failures: 14, lastFailureAt: T0 }],
    ]);
    expect(beginAttempt(keys, states, T0)).toEqual({ allowed: false, until: after(delayAfter(14, THROTTLE.account)) });
    expect(beginAttempt(keys, states, after(THROTTLE.account.maxMs)).allowed).toBe(true);
  });

  it("forgets a key a day after its last failure", () => {
    const keys = keysFor(owner, false);
    const states = new Map<string, KeyState>([[keys[0]?.key as string, { failures: 50, lastFailureAt: T0 }]]);
    const later = beginAttempt(keys, states, after(DAY));
    expect(later.allowed && later.next.get(keys[0]?.key as string)).toEqual({ failures: 1, lastFailureAt: after(DAY) });
  });

  it("after the right password resets the pair and the device, and gives back the count on the others", () => {
    const keys = keysFor(owner, false);
    const decision = beginAttempt(keys, new Map(), T0);
    if (!decision.allowed) throw new Error("refused");
    expect(afterSuccess(keys, decision.next)).toEqual({
      reset: [keys[0]?.key],
      giveBack: [keys[1]?.key, keys[2]?.key],
    });
    expect(afterSuccess(keysFor({ ...owner, device: "d" }, false), new Map()).reset).toEqual(["device:d"]);
    expect(CLEAN).toEqual({ failures: 0, lastFailureAt: null });
  });

  it("says the seconds to wait, at least one", () => {
    expect(secondsUntil(after(1), T0)).toBe(1);
    expect(secondsUntil(after(15 * MINUTE), T0)).toBe(900);
  });
});

describe("session expiry", () => {
  const policy = sessionPolicy(7);

  it("slides with use, writing back at most every five minutes, up to 30 days after sign-in", () => {
    const session = { createdAt: T0, lastSeenAt: T0, expiresAt: expiryAt(T0, T0, policy) };
    expect(session.expiresAt).toEqual(after(7 * DAY));
    expect(useSession(session, after(4 * MINUTE), policy)).toEqual({ expired: false, touch: null });
    expect(useSession(session, after(6 * DAY), policy)).toEqual({
      expired: false,
      touch: { expiresAt: after(13 * DAY), lastSeenAt: after(6 * DAY) },
    });
    const late = { ...session, lastSeenAt: after(25 * DAY), expiresAt: after(30 * DAY) };
    expect(useSession(late, after(29 * DAY), policy)).toEqual({
      expired: false,
      touch: { expiresAt: after(30 * DAY), lastSeenAt: after(29 * DAY) },
    });
    expect(useSession(late, after(30 * DAY), policy)).toEqual({ expired: true });
    expect(useSession(session, after(7 * DAY), policy)).toEqual({ expired: true });
  });

  it("refuses a session length that is not a positive number of days", () => {
    expect(() => sessionPolicy(Number.NaN)).toThrow(/SESSION_DAYS/);
    expect(() => sessionPolicy(0)).toThrow(/SESSION_DAYS/);
  });
});

describe("caching of responses to signed-in browsers", () => {
  it("is kept to the browser: public becomes private, freshness directives stay", () => {
    expect(privateCacheControl(undefined)).toBe("private");
    expect(privateCacheControl("public, max-age=60, stale-while-revalidate=600")).toBe(
      "private, max-age=60, stale-while-revalidate=600",
    );
    expect(privateCacheControl("public,max-age=31536000,immutable")).toBe("private, max-age=31536000, immutable");
    expect(privateCacheControl("max-age=60")).toBe("private, max-age=60");
    expect(privateCacheControl("no-store")).toBe("no-store");
    expect(privateCacheControl("private, max-age=0")).toBe("private, max-age=0");
  });
});

describe("roles", () => {
  it("let editors edit and administrators also manage accounts; the public nothing", () => {
    const editor = { role: "editor" as const };
    const administrator = { role: "administrator" as const };
    expect(can(editor, "inventory:moderate")).toBe(true);
    expect(can(editor, "users:manage")).toBe(false);
    expect(ACTIONS.every((action) => can(administrator, action))).toBe(true);
    expect(ACTIONS.some((action) => can(null, action))).toBe(false);
    expect(hasRole(administrator, "editor")).toBe(true);
    expect(hasRole(editor, "administrator")).toBe(false);
    expect(hasRole(null, "editor")).toBe(false);
    expect(leastRoleFor("users:manage")).toBe("administrator");
    expect(leastRoleFor("metadata:edit")).toBe("editor");
  });

  it("let focal points edit submissions only, for their own countries; editors review, administrators audit", () => {
    const focal = { role: "focal-point" as const, countries: ["KAZ", "KGZ"] };
    const editor = { role: "editor" as const, countries: [] };
    const administrator = { role: "administrator" as const, countries: [] };
    expect(ACTIONS.filter((action) => can(focal, action))).toEqual(["submissions:edit"]);
    expect(can(editor, "submissions:edit") && can(editor, "submissions:review")).toBe(true);
    expect(can(editor, "audit:read") || can(editor, "users:manage")).toBe(false);
    expect(can(administrator, "audit:read") && can(administrator, "users:manage")).toBe(true);
    expect(hasRole(editor, "focal-point")).toBe(true);
    expect(hasRole(focal, "editor")).toBe(false);
    expect(leastRoleFor("submissions:edit")).toBe("focal-point");
    expect(leastRoleFor("submissions:review")).toBe("editor");
    expect(leastRoleFor("audit:read")).toBe("administrator");
    expect([actsFor(focal, "KAZ"), actsFor(focal, "KGZ"), actsFor(focal, "UZB")]).toEqual([true, true, false]);
    expect(actsFor({ role: "focal-point", countries: [] }, "KAZ")).toBe(false);
    expect(actsFor(editor, "UZB") && actsFor(administrator, "ARM")).toBe(true);
    expect(actsFor(null, "KAZ")).toBe(false);
  });
});

describe("invitations", () => {
  const base = {
    id: 1,
    email: "fp@example.kz",
    role: "focal-point" as const,
    countries: ["KAZ"],
    invitedBy: 1,
    createdAt: new Date("2030-01-01T00:00:00Z"),
    expiresAt: new Date("2030-01-08T00:00:00Z"),
    acceptedAt: null,
    acceptedUserId: null,
    revokedAt: null,
  };
  it("are pending until their expiry, then expired; once accepted or revoked they stay so", () => {
    expect(invitationStatus(base, new Date("2030-01-07T23:59:59Z"))).toBe("pending");
    expect(invitationStatus(base, new Date("2030-01-08T00:00:00Z"))).toBe("expired");
    const accepted = { ...base, acceptedAt: new Date("2030-01-02T00:00:00Z") };
    expect(invitationStatus(accepted, new Date("2031-01-01T00:00:00Z"))).toBe("accepted");
    const revoked = { ...base, revokedAt: new Date("2030-01-02T00:00:00Z") };
    expect(invitationStatus(revoked, new Date("2030-01-03T00:00:00Z"))).toBe("revoked");
  });
  it("link to the web page with the token after #, under PUBLIC_URL's path", () => {
    expect(invitationLink("https://stats.example.org/ch/", "tok", "ru")).toBe(
      "https://stats.example.org/ch/ru/invitation#tok",
    );
  });
});

describe("input checks", () => {
  it("name the field of a value that is not a string, whatever the value", () => {
    const notString = fc.oneof(fc.integer(), fc.boolean(), fc.array(fc.string()), fc.object(), fc.double());
    fc.assert(
      fc.property(notString, fc.constantFrom("email", "password"), (value, field) => {
        const body = { email: "a@b.cd", password: "long enough password", [field]: value };
        expect(parseLogin(body)).toEqual({ ok: false, problem: { code: "not-string", field } });
      }),
    );
  });

  it("refuse what is not an object, unknown and missing fields, overlong and blank values", () => {
    for (const body of [null, "text", 42, [], Buffer.from("{}")]) {
      expect(parseLogin(body)).toEqual({ ok: false, problem: { code: "not-object" } });
    }
    expect(parseLogin({ email: "a@b.cd", password: "x", admin: true })).toEqual({
      ok: false,
      problem: { code: "unknown-field", field: "admin" },
    });
    expect(parseLogin({ password: "x" })).toEqual({ ok: false, problem: { code: "missing", field: "email" } });
    expect(parseLogin({ email: " ", password: "x" })).toEqual({
      ok: false,
      problem: { code: "empty", field: "email" },
    });
    expect(parseLogin({ email: "a@b.cd", password: "x".repeat(1025) })).toEqual({
      ok: false,
      problem: { code: "too-long", field: "password", max: 1024 },
    });
    // A password is taken as typed (spaces included); an email is trimmed.
    expect(parseLogin({ email: " A@B.cd ", password: " pass word " })).toEqual({
      ok: true,
      value: { email: "A@B.cd", password: " pass word " },
    });
  });

  it("check a new account's email, name, role and password", () => {
    const good = { email: "ed@example.org", name: "Ed <b>Itor</b>", role: "editor", password: "a good long password" };
    expect(parseNewUser(good, REPORTERS)).toEqual({ ok: true, value: { ...good, countries: [] } });
    const problem = (body: object) => {
      const result = parseNewUser({ ...good, ...body }, REPORTERS);
      return result.ok ? null : result.problem;
    };
    expect(problem({ email: "not an email" })).toEqual({ code: "email", field: "email" });
    expect(problem({ name: "Ed\u0000" })).toEqual({ code: "control-characters", field: "name" });
    expect(problem({ name: "x".repeat(201) })).toEqual({ code: "too-long", field: "name", max: 200 });
    expect(problem({ role: "root" })).toEqual({ code: "role", field: "role" });
    expect(problem({ password: "short" })).toEqual({
      code: "password",
      field: "password",
      problem: { code: "too-short", min: 12 },
    });
    expect(problem({ password: "ED@example.org" })).toEqual({
      code: "password",
      field: "password",
      problem: { code: "common" },
    });
  });

  it("give a focal point at least one participating country, and the other roles none", () => {
    const focal = { email: "fp@example.kz", name: "FP", role: "focal-point", password: "a good long password" };
    expect(parseNewUser({ ...focal, countries: ["kgz", " KAZ", "KGZ"] }, REPORTERS)).toEqual({
      ok: true,
      value: { ...focal, countries: ["KAZ", "KGZ"] },
    });
    const problem = (body: object) => {
      const result = parseNewUser({ ...focal, ...body }, REPORTERS);
      return result.ok ? null : result.problem;
    };
    expect(problem({})).toEqual({ code: "countries-required", field: "countries" });
    expect(problem({ countries: [] })).toEqual({ code: "countries-required", field: "countries" });
    expect(problem({ countries: "KAZ" })).toEqual({ code: "not-array", field: "countries" });
    expect(problem({ countries: [7] })).toEqual({ code: "not-string", field: "countries" });
    expect(problem({ countries: ["FRA"] })).toEqual({
      code: "country",
      field: "countries",
      value: "FRA",
      allowed: REPORTERS,
    });
    expect(problem({ role: "editor", countries: ["KAZ"] })).toEqual({
      code: "countries-not-bound",
      field: "countries",
      role: "editor",
    });
    const current = { email: "fp@example.kz", role: "focal-point" as const, countries: ["KAZ"] };
    // An editor made a focal point needs countries; a focal point made an editor loses them.
    expect(parseUserPatch({ role: "focal-point" }, { ...current, role: "editor", countries: [] }, REPORTERS)).toEqual({
      ok: false,
      problem: { code: "countries-required", field: "countries" },
    });
    expect(parseUserPatch({ role: "editor" }, current, REPORTERS)).toEqual({
      ok: true,
      value: { role: "editor", countries: [] },
    });
    expect(parseUserPatch({ countries: [] }, current, REPORTERS)).toMatchObject({
      ok: false,
      problem: { code: "countries-required" },
    });
    expect(parseUserPatch({ countries: ["KGZ"] }, current, REPORTERS)).toEqual({
      ok: true,
      value: { countries: ["KGZ"] },
    });
    expect(inputMessage({ code: "countries-required", field: "countries" }, "ru")).toBe(
      "координатору нужна хотя бы одна страна-участница",
    );
  });

  it("check an invitation: its days from 1 to 30, 7 when not given", () => {
    const base = { email: "fp@example.kz", role: "focal-point", countries: ["KAZ"] };
    expect(parseInvitation(base, REPORTERS)).toEqual({ ok: true, value: { ...base, days: 7 } });
    expect(parseInvitation({ ...base, days: 30 }, REPORTERS)).toMatchObject({ ok: true, value: { days: 30 } });
    for (const days of [0, 31, 1.5, "7"])
      expect(parseInvitation({ ...base, days }, REPORTERS)).toEqual({
        ok: false,
        problem: { code: "days", field: "days", max: 30 },
      });
    expect(parseInvitation({ ...base, password: "x" }, REPORTERS)).toMatchObject({
      ok: false,
      problem: { code: "unknown-field", field: "password" },
    });
    expect(parsePasswordChange({ currentPassword: "old", newPassword: "fp@example.kz" }, "FP@example.kz")).toEqual({
      ok: false,
      problem: { code: "password", field: "newPassword", problem: { code: "common" } },
    });
  });

  it("check changes to an account: at least one, each field as when creating", () => {
    const editor = { email: "a@b.cd", role: "editor" as const, countries: [] };
    expect(parseUserPatch({}, editor, REPORTERS)).toMatchObject({ ok: false, problem: { code: "no-changes" } });
    expect(parseUserPatch({ disabled: "yes" }, editor, REPORTERS)).toEqual({
      ok: false,
      problem: { code: "not-boolean", field: "disabled" },
    });
    expect(parseUserPatch({ disabled: true, role: "administrator" }, editor, REPORTERS)).toEqual({
      ok: true,
      value: { disabled: true, role: "administrator" },
    });
    // The password may not be the email the account is to have.
    expect(parseUserPatch({ email: "new@example.org", password: "new@example.org" }, editor, REPORTERS)).toMatchObject({
      ok: false,
      problem: { field: "password" },
    });
    expect(parseUserId("12")).toBe(12);
    for (const bad of ["0", "-1", "1.5", "1e3", "012", "99999999999", "x", undefined])
      expect(parseUserId(bad)).toBeNull();
  });
});

describe("messages", () => {
  it("say when to try again, in seconds or minutes, with Russian plurals", () => {
    const at = new Date("2030-03-01T10:15:04Z");
    expect(throttledMessage(at, 900, "en")).toBe("too many failed sign-ins: try again in 15 minutes (at 10:15:04 UTC)");
    expect(throttledMessage(at, 4, "ru")).toBe(
      "слишком много неудачных попыток входа: повторите через 4 секунды (в 10:15:04 UTC)",
    );
    expect(wrongCredentialsWaitMessage(1, "en")).toBe("wrong email or password: try again in 1 second");
    expect([1, 2, 5, 21, 22, 119].map((n) => inDuration(n, "ru"))).toEqual([
      "через 1 секунду",
      "через 2 секунды",
      "через 5 секунд",
      "через 21 секунду",
      "через 22 секунды",
      "через 119 секунд",
    ]);
    expect([120, 121, 1800].map((n) => inDuration(n, "en"))).toEqual(["in 2 minutes", "in 3 minutes", "in 30 minutes"]);
  });

  it("name the field in both languages", () => {
    const problem = { code: "too-long", field: "email", max: 254 } as const;
    expect(inputMessage(problem, "en")).toBe("email must have at most 254 characters");
    expect(inputMessage(problem, "ru")).toBe("поле email должно содержать не более 254 символов");
    expect(inputMessage({ code: "password", field: "password", problem: { code: "too-short", min: 12 } }, "ru")).toBe(
      "пароль должен содержать не менее 12 символов",
    );
  });
});
