/** The configuration: every variable checked with a message naming it, typos warned, the README in step. */

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { configFromEnv, dataDirOf, repositoryRoot, unknownVariables, VARIABLES } from "../src/config.ts";
import { chooseLogFormat, loggerOptions, openUrl, readableLine } from "../src/http/log-format.ts";
import { describeStorage } from "../src/storage/database.ts";

describe("the configuration", () => {
  it("has defaults for everything", () => {
    const config = configFromEnv({});
    expect(config).toMatchObject({
      port: 3000,
      host: "127.0.0.1",
      databaseUrl: undefined,
      maxCells: 150_000,
      maxCalls: 30,
      timeWindowSeconds: 10,
      responseCacheMb: 64,
      reporters: undefined,
      cookieSecure: false,
      sessionDays: 7,
      trustProxy: false,
      seed: true,
      linkCheck: true,
      shutdownTimeoutMs: 10_000,
      publicUrl: undefined,
      smtpUrl: undefined,
      smtpFrom: "clearinghouse@localhost",
    });
  });

  it("reads every variable", () => {
    const config = configFromEnv({
      PORT: "3160",
      DATABASE_URL: "postgresql:///ch?host=/var/run/postgresql",
      MAX_CELLS: "1000",
      RESPONSE_CACHE_MB: "0",
      REPORTERS: "arm, kaz",
      SEED: "none",
      COOKIE_SECURE: "1",
      TRUST_PROXY: "true",
      LINK_CHECK: "off",
      SHUTDOWN_TIMEOUT: "30",
      PUBLIC_URL: "https://Stats.Example.org/clearinghouse/",
      SMTP_URL: "smtps://user:secret@mail.example.org:465",
      SMTP_FROM: " no-reply@example.org ",
    });
    expect(config).toMatchObject({
      port: 3160,
      databaseUrl: "postgresql:///ch?host=/var/run/postgresql",
      maxCells: 1000,
      responseCacheMb: 0,
      reporters: ["ARM", "KAZ"],
      seed: false,
      cookieSecure: true,
      trustProxy: true,
      linkCheck: false,
      shutdownTimeoutMs: 30_000,
      publicUrl: "https://stats.example.org/clearinghouse",
      smtpUrl: "smtps://user:secret@mail.example.org:465",
      smtpFrom: "no-reply@example.org",
    });
  });

  it("refuses a bad value naming the variable, what it wants and what it got, all problems at once", () => {
    expect(() => configFromEnv({ MAX_CELLS: "abc" })).toThrow(
      'configuration: MAX_CELLS must be a positive integer, not "abc"',
    );
    const cases: [Record<string, string>, string][] = [
      [{ PORT: "70000" }, 'PORT must be a port number, 0 to 65535, not "70000"'],
      [{ MAX_CALLS: "0" }, "MAX_CALLS must be a positive integer"],
      [{ TIME_WINDOW: "1.5" }, "TIME_WINDOW must be a positive integer"],
      [{ SESSION_DAYS: "-1" }, "SESSION_DAYS must be a positive integer"],
      [{ RESPONSE_CACHE_MB: "lots" }, "RESPONSE_CACHE_MB must be an integer, 0 or more"],
      [{ TRUST_PROXY: "maybe" }, 'TRUST_PROXY must be true or false, not "maybe"'],
      [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL must be a postgresql:// URL"],
      [{ REPORTERS: "ARM,Kazakhstan" }, "REPORTERS must be ISO alpha-3 country codes"],
      [{ SEED: "yes" }, 'SEED must be "none"'],
      [{ HOST: " " }, "HOST must be not empty"],
      [{ PUBLIC_URL: "stats.example.org" }, "PUBLIC_URL must be an http:// or https:// URL, such as"],
      [{ PUBLIC_URL: "ftp://stats.example.org" }, "PUBLIC_URL must be an http:// or https:// URL without query"],
      [{ PUBLIC_URL: "https://x.org/?a=1" }, "PUBLIC_URL must be an http:// or https:// URL without query"],
      [{ SMTP_URL: "mail.example.org" }, "SMTP_URL must be an smtp:// or smtps:// URL, such as"],
      [{ SMTP_URL: "http://mail.example.org" }, "SMTP_URL must be an smtp:// or smtps:// URL with a host"],
      [{ SMTP_FROM: "clearinghouse" }, "SMTP_FROM must be an email address"],
    ];
    for (const [env, message] of cases) expect(() => configFromEnv(env), JSON.stringify(env)).toThrow(message);
    expect(() => configFromEnv({ PORT: "x", MAX_CELLS: "y" })).toThrow(/PORT must .*; MAX_CELLS must/);
  });

  it("resolves DATA_DIR from the repository's root, for the server and every command wherever they start", () => {
    const root = fileURLToPath(new URL("../../..", import.meta.url)).replace(/\/$/, "");
    expect(repositoryRoot()).toBe(root);
    expect(repositoryRoot(`${root}/apps/server/src/http`)).toBe(root);
    expect(configFromEnv({}).dataDir).toBe(`${root}/data`);
    expect(configFromEnv({ DATA_DIR: "var/db" }).dataDir).toBe(`${root}/var/db`);
    expect(configFromEnv({ DATA_DIR: "/srv/clearinghouse" }).dataDir).toBe("/srv/clearinghouse");
    expect(dataDirOf("memory://", root)).toBe("memory://");
    expect(dataDirOf("../elsewhere", "/repo")).toBe("/elsewhere");
  });

  it("says which database is used, never with its password", () => {
    expect(describeStorage({ dataDir: "/repo/data" })).toBe("the embedded database in /repo/data (DATA_DIR)");
    expect(describeStorage({ dataDir: "memory://" })).toBe("the embedded database in memory");
    expect(describeStorage({ dataDir: "", databaseUrl: "postgresql:///clearinghouse?host=/var/run/postgresql" })).toBe(
      "PostgreSQL database clearinghouse on /var/run/postgresql (DATABASE_URL)",
    );
    const remote = describeStorage({ dataDir: "", databaseUrl: "postgresql://ch:s3cret@db.example.org:5433/stats" });
    expect(remote).toBe("PostgreSQL database stats on db.example.org:5433 as ch (DATABASE_URL)");
    expect(remote).not.toContain("s3cret");
  });

  it("logs readably on a terminal and as JSON elsewhere or in production", () => {
    expect(configFromEnv({}).logFormat).toBe("auto");
    expect(configFromEnv({ LOG_FORMAT: "JSON" }).logFormat).toBe("json");
    expect(() => configFromEnv({ LOG_FORMAT: "pretty" })).toThrow('LOG_FORMAT must be "auto", "text" or "json"');
    expect(chooseLogFormat("auto", true, undefined)).toBe("text");
    expect(chooseLogFormat("auto", true, "production")).toBe("json");
    expect(chooseLogFormat("auto", false, undefined)).toBe("json");
    expect(chooseLogFormat("json", true, undefined)).toBe("json");
    expect(chooseLogFormat("text", false, "production")).toBe("text");
    expect(loggerOptions("json")).toEqual({ logger: true });
    expect(loggerOptions("text")).toMatchObject({ logger: { level: "warn" } });
    expect(openUrl("0.0.0.0", 3000)).toBe("http://127.0.0.1:3000/");
    expect(openUrl("::1", 8080)).toBe("http://[::1]:8080/");
    const time = new Date(2030, 0, 1, 9, 5, 7).getTime();
    expect(readableLine(JSON.stringify({ level: 40, time, msg: "disk almost full" }))).toBe(
      "09:05:07 warning: disk almost full\n",
    );
    const error = readableLine(
      JSON.stringify({ level: 50, time, msg: "boom", err: { stack: "Error: boom\n    at x" } }),
    );
    expect(error).toBe("09:05:07 error: boom\nError: boom\n    at x\n");
    expect(readableLine("not json")).toBe("not json\n");
  });

  it("warns about variables that look like ours but are not read", () => {
    expect(unknownVariables({ MAX_CELL: "5", COOKIE_SECURED: "true", PATH: "/bin", SESSION_MANAGER: "x" })).toEqual([
      expect.stringMatching(/^MAX_CELL is not a setting of the server/),
      expect.stringMatching(/^COOKIE_SECURED is not a setting/),
    ]);
    expect(unknownVariables({ MAX_CELLS: "5", CLEARINGHOUSE_MODE: "x" })).toHaveLength(1);
  });

  it("is documented: the README's configuration table has every variable, and only those", () => {
    const readme = readFileSync(new URL("../../../README.md", import.meta.url), "utf8");
    const table = readme.slice(
      readme.indexOf("## Configuration"),
      readme.indexOf("\n## ", readme.indexOf("## Configuration") + 5),
    );
    const documented = [...table.matchAll(/^\|([^|]+)\|/gm)].flatMap((row) =>
      [...(row[1] ?? "").matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1]),
    );
    expect(new Set(documented)).toEqual(new Set(VARIABLES));
  });
});
