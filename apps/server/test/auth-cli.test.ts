/** The `create-admin` and `set-password` commands, and reading a password on a terminal without echo. */

import { EventEmitter } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { verifyPassword } from "../src/auth/password.ts";
import { PromptCancelled, readNewPassword, readSecret, type SecretInput } from "../src/auth/prompt.ts";
import { findUserByEmail } from "../src/auth/store.ts";
import { sessionIdOf } from "../src/auth/tokens.ts";
import { main } from "../src/cli.ts";
import { openStorage } from "../src/storage/database.ts";
import { BACKENDS, testStorage } from "./helpers.ts";

/** Runs the command; its exit code and what it printed. */
async function run(args: string[], password?: string) {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = vi.spyOn(process.stdout, "write").mockImplementation((text) => out.push(String(text)) > 0);
  const stderr = vi.spyOn(process.stderr, "write").mockImplementation((text) => err.push(String(text)) > 0);
  if (password === undefined) delete process.env.ADMIN_PASSWORD;
  else process.env.ADMIN_PASSWORD = password;
  try {
    return { code: await main(args), out: out.join(""), err: err.join("") };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
}

describe.each(BACKENDS)("the account commands, on %s", (backend) => {
  const saved = { ...process.env };
  let dispose = async () => {};
  beforeEach(async () => {
    if (backend === "pglite") {
      const dir = mkdtempSync(join(tmpdir(), "ch-accounts-"));
      delete process.env.DATABASE_URL;
      process.env.DATA_DIR = dir;
      dispose = async () => rmSync(dir, { recursive: true, force: true });
    } else {
      const t = await testStorage("postgresql");
      await t.storage.close();
      process.env.DATABASE_URL = t.config.databaseUrl;
      dispose = () => t.dispose().catch(() => undefined);
    }
  });
  afterEach(async () => {
    process.env = { ...saved };
    await dispose();
  });

  const storedUser = async (email: string) => {
    const storage = await openStorage({ databaseUrl: process.env.DATABASE_URL, dataDir: process.env.DATA_DIR ?? "" });
    try {
      return await findUserByEmail(storage.db, email);
    } finally {
      await storage.close();
    }
  };

  it("creates an administrator once, refuses a weak password, and sets a new password", async () => {
    const weak = await run(["create-admin", "--email", "root@example.org"], "password1234");
    expect(weak.code).toBe(1);
    expect(weak.err).toContain("password is too easy to guess");

    const created = await run(["create-admin", "--email", "Root@Example.org", "--name", "Root"], "first long password");
    expect(created).toMatchObject({ code: 0, out: expect.stringContaining("administrator Root@Example.org created") });

    const again = await run(["create-admin", "--email", "root@example.org"]);
    expect(again.code).toBe(0);
    expect(again.out).toContain("already has an account (administrator): nothing changed");
    expect(again.out).toContain("clearinghouse set-password --email Root@Example.org");

    const set = await run(["set-password", "--email", "ROOT@example.org"], "second long password");
    expect(set).toMatchObject({ code: 0, out: expect.stringContaining("its sessions ended") });
    const user = await storedUser("root@example.org");
    expect(user).toMatchObject({ name: "Root", role: "administrator" });
    expect(await verifyPassword("second long password", user?.passwordHash ?? "")).toBe(true);

    const nobody = await run(["set-password", "--email", "nobody@example.org"], "second long password");
    expect(nobody).toMatchObject({ code: 1, err: "no account has the email nobody@example.org\n" });
  }, 180_000);

  it("needs a valid email", async () => {
    const missing = await run(["create-admin"]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/^email is required\nUsage:/);
    expect((await run(["create-admin", "--email", "not-an-email"])).err).toContain("email is not an email address");
  });

  it("invites a focal point: prints the one-time link once, keeps its hash, refuses what the rules forbid", async () => {
    process.env.PUBLIC_URL = "https://stats.example.org/";
    const made = await run([
      "invite",
      "--email",
      "Aigul@stat.kz",
      "--role",
      "focal-point",
      "--country",
      "kaz",
      "--country",
      "KGZ",
      "--days",
      "3",
      "--lang",
      "ru",
    ]);
    expect(made.code, made.err).toBe(0);
    const link = /https:\/\/stats\.example\.org\/ru\/invitation#([A-Za-z0-9_-]{43})\n/.exec(made.out);
    expect(made.out).toMatch(/^invitation for Aigul@stat\.kz \(focal-point: KAZ, KGZ\), valid until /);
    const token = link?.[1] as string;
    const storage = await openStorage({ databaseUrl: process.env.DATABASE_URL, dataDir: process.env.DATA_DIR ?? "" });
    try {
      const [row] = await storage.db.selectFrom("user_invitation").selectAll().execute();
      expect(row).toMatchObject({ email: "Aigul@stat.kz", role: "focal-point", countries: ["KAZ", "KGZ"] });
      expect(row?.token_hash).toBe(sessionIdOf(token));
      expect((row?.expires_at.getTime() ?? 0) - (row?.created_at.getTime() ?? 0)).toBe(3 * 24 * 60 * 60_000);
      const audit = await storage.db.selectFrom("audit_event").selectAll().execute();
      expect(audit).toMatchObject([{ action: "invitation.created", actor_id: null, target_id: String(row?.id) }]);
    } finally {
      await storage.close();
    }
    const again = await run(["invite", "--email", "aigul@stat.kz", "--role", "focal-point", "--country", "KAZ"]);
    expect(again).toMatchObject({
      code: 1,
      err: expect.stringContaining("a pending invitation for this email exists"),
    });
    const noCountry = await run(["invite", "--email", "b@stat.kg", "--role", "focal-point"]);
    expect(noCountry.code).toBe(2);
    expect(noCountry.err).toMatch(/^a focal point needs at least one participating country\nUsage:/);
    const foreign = await run(["invite", "--email", "b@stat.kg", "--role", "focal-point", "--country", "FRA"]);
    expect(foreign.err).toContain('"FRA" is not a participating country');
    const days = await run(["invite", "--email", "b@stat.kg", "--role", "editor", "--days", "many"]);
    expect(days.err).toContain("days must be a whole number from 1 to 30");
    expect((await run(["invite", "--email", "b@stat.kg", "--role", "editor", "--force"])).code).toBe(2);
  }, 180_000);
});

/** A terminal that types `keys` once raw mode is on. */
function terminal(keys: string[]): SecretInput & { raw: boolean[] } {
  const emitter = new EventEmitter();
  const raw: boolean[] = [];
  return {
    raw,
    isTTY: true,
    setRawMode(on: boolean) {
      raw.push(on);
      if (on) queueMicrotask(() => emitter.emit("data", keys.shift() ?? ""));
    },
    setEncoding: () => undefined,
    on: (event, listener) => emitter.on(event, listener),
    off: (event, listener) => emitter.off(event, listener),
    resume: () => undefined,
    pause: () => undefined,
  };
}

describe("reading a password on the terminal", () => {
  it("reads a line without echoing it, Backspace deleting, and restores the terminal", async () => {
    const shown: string[] = [];
    const input = terminal(["secrex\u007ft words\r"]);
    expect(await readSecret("Password: ", input, { write: (text) => shown.push(text) })).toBe("secret words");
    expect(shown.join("")).toBe("Password: \n");
    expect(input.raw).toEqual([true, false]);
  });

  it("asks twice and refuses two different passwords; Ctrl-C cancels; a pipe is refused", async () => {
    const output = { write: () => true };
    expect(await readNewPassword(terminal(["same one\r", "same one\n"]), output)).toBe("same one");
    await expect(readNewPassword(terminal(["one\r", "two\r"]), output)).rejects.toThrow("the two passwords differ");
    await expect(readSecret("", terminal(["abc\u0003"]), output)).rejects.toBeInstanceOf(PromptCancelled);
    await expect(readSecret("", { ...terminal([]), isTTY: false }, output)).rejects.toThrow(/ADMIN_PASSWORD/);
  });
});
