import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import fc from "fast-check";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAudit } from "../src/audit/index.ts";
import { createSession, createUser } from "../src/auth/store.ts";
import { seedInventory } from "../src/inventory/seed.ts";
import { notify } from "../src/notifications/index.ts";
import { backupDatabase, restoreDatabase } from "../src/storage/backup.ts";
import { BackupError, dependencyOrder, parseHeader, schemaProblem } from "../src/storage/backup-format.ts";
import type { Storage } from "../src/storage/database.ts";
import { loadDataset, saveTableVersion } from "../src/tables/repository.ts";
import { seedDemo } from "../src/tables/seed.ts";
import { BACKENDS, type Backend, type TestStorage, testStorage } from "./helpers.ts";

const dir = mkdtempSync(join(tmpdir(), "clearinghouse-backup-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every kind of row there is: tables in two versions, country metadata, accounts, an invitation, a session, the audit log, the inventory. */
async function fill(storage: Storage): Promise<void> {
  const db = storage.db;
  await seedDemo(db, { reporters: ["ARM", "GEO"], dataDir: "/nonexistent" });
  const first = await db.selectFrom("data_table").select("id").orderBy("id").executeTakeFirstOrThrow();
  const version = await db
    .selectFrom("table_version")
    .selectAll()
    .where("table_id", "=", first.id)
    .executeTakeFirstOrThrow();
  const dataset = await loadDataset(db, first.id, version.version);
  if (!dataset) throw new Error("no dataset");
  const now = new Date("2026-12-01T08:30:00.123Z");
  const user = await createUser(
    db,
    { email: "Admin@Example.org", name: "Админ", role: "administrator", passwordHash: "scrypt$x" },
    now,
  );
  if (!user) throw new Error("no user");
  await saveTableVersion(db, {
    tableId: first.id,
    path: [{ code: "moved", label: { en: "Moved", ru: "Перемещено" } }],
    dataset: { ...dataset, values: dataset.values.map((v, i) => (i === 0 ? 0.1 + 0.2 : v)) },
    sourceName: "revised.px",
    revisionNote: { en: 'Revised "2024" figure', ru: "Пересмотрено «2024»\n" },
    submissionId: 7,
    releasedBy: user.id,
  });
  await seedInventory(db);
  await createUser(
    db,
    { email: "focal@example.am", name: "Фокус", role: "focal-point", countries: ["ARM"], passwordHash: "scrypt$y" },
    now,
  );
  // Append-only (a trigger refuses changes): a restore with --force must still replace these rows.
  await recordAudit(db, {
    actor: user,
    action: "user.created",
    targetType: "user",
    targetId: user.id + 1,
    reporter: "ARM",
    detail: { role: "focal-point", countries: ["ARM"] },
    ip: "192.0.2.7",
    at: now,
  });
  await db
    .insertInto("user_invitation")
    .values({
      token_hash: "b".repeat(64),
      email: "invited@example.ge",
      role: "focal-point",
      countries: JSON.stringify(["GEO"]),
      invited_by: user.id,
      created_at: now,
      expires_at: new Date("2026-12-08T08:30:00Z"),
    })
    .execute();
  await createSession(db, {
    id: "a".repeat(64),
    userId: user.id,
    now,
    expiresAt: new Date("2026-12-08T08:30:00Z"),
    userAgent: "test",
  });
  await db
    .insertInto("sign_in_device")
    .values({ id: "d".repeat(64), user_id: user.id, created_at: now, last_used_at: now })
    .execute();
  await db
    .insertInto("sign_in_throttle")
    .values({ key: "account:1", failures: 3, last_failure_at: now, known_at: null })
    .execute();
  await db
    .insertInto("institution_suggestion")
    .values({ kind: "new", payload: JSON.stringify({ name_en: "New centre", note: "«кавычки»\n" }) })
    .execute();
  await db.insertInto("link_check").values({ url: "https://example.org/", status: "ok", http_code: 200 }).execute();
  // The inventory network's tables that the seed leaves empty: a dismissed pair, an identifier, a name, a release.
  const [one, two] = await db.selectFrom("institution").select("id").orderBy("id").limit(2).execute();
  if (!one || !two) throw new Error("the inventory seed holds fewer than two institutions");
  await db
    .insertInto("institution_distinct_pair")
    .values({ a_id: one.id, b_id: two.id, dismissed_by: user.id, dismissed_at: now })
    .execute();
  await db
    .insertInto("institution_identifier")
    .values({ institution_id: one.id, scheme: "wikidata", value: "Q42" })
    .onConflict((c) => c.doNothing())
    .execute();
  await db
    .insertInto("institution_name")
    .values({ institution_id: one.id, type: "former", lang: "ru", name: "Прежнее «имя»" })
    .onConflict((c) => c.doNothing())
    .execute();
  await db
    .insertInto("inventory_release")
    .values({
      version: 1,
      published_at: now,
      published_by: user.id,
      note: "first",
      counts: JSON.stringify({ institutions: 2 }),
      changes: JSON.stringify({ added: [one.id, two.id] }),
      content: JSON.stringify({ institutions: [] }),
    })
    .execute();
  await db
    .insertInto("saved_query")
    .values({ id: "q1", table_id: first.id, body: JSON.stringify({ query: [], response: { format: "px" } }) })
    .execute();
  // A submission with a row in each of its tables (migration 0012).
  const submission = await db
    .insertInto("submission")
    .values({
      reporter: "ARM",
      state: "returned",
      created_by: user.id,
      revision_note: JSON.stringify({ en: "a", ru: "б" }),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const cells = new Uint8Array([1, 2, 3]);
  await db
    .insertInto("submission_table")
    .values({
      submission_id: submission.id,
      table_id: first.id,
      metadata: JSON.stringify({ title: { en: "T" } }),
      cell_count: 0,
      values: cells,
      status: cells,
      flags: cells,
      source_files: JSON.stringify(["t.xlsx"]),
    })
    .execute();
  await db
    .insertInto("submission_finding")
    .values({
      submission_id: submission.id,
      key: "total.sex:T1_1:ARM",
      position: 0,
      rule: "total.sex",
      severity: "warning",
      table_id: first.id,
      cell: JSON.stringify([]),
      against: null,
      expected: 0.1,
      found: 2,
      message: JSON.stringify({ en: "m", ru: "м" }),
      comment: "ok «так»",
    })
    .execute();
  await db
    .insertInto("submission_comment")
    .values({ submission_id: submission.id, author: user.id, author_role: "administrator", body: "see\n2.1" })
    .execute();
  const text = JSON.stringify({ en: "x", ru: "х" });
  await db
    .insertInto("submission_metadata")
    .values({
      submission_id: submission.id,
      table_id: first.id,
      from_year: 2011,
      source: text,
      definition: text,
      coverage: text,
    })
    .execute();
  await db
    .insertInto("submission_event")
    .values({
      submission_id: submission.id,
      by: user.id,
      action: "return",
      from_state: "submitted",
      to_state: "returned",
    })
    .execute();
  await db.insertInto("table_subscription").values({ user_id: user.id, table_id: first.id, created_at: now }).execute();
  await notify(
    db,
    { kind: "released", submissionId: 1, reporter: "ARM", tables: [{ id: first.id, version: 2 }], by: null },
    now,
  );
}

/** Every table's rows with every column (generated ones too) and the sequences, in a stable order. */
async function contents(storage: Storage): Promise<Record<string, string[]>> {
  const tables = await sql<{ name: string }>`select relname as name from pg_class
    where relkind = 'r' and relnamespace = current_schema()::regnamespace and relname not like 'kysely\\_%'
    order by relname`.execute(storage.db);
  const out: Record<string, string[]> = {};
  for (const { name } of tables.rows) {
    const rows = await sql<{ row: string }>`select to_jsonb(t)::text as row from ${sql.id(name)} t`.execute(storage.db);
    out[name] = rows.rows.map((r) => r.row).sort();
  }
  const sequences = await sql<{ name: string }>`select relname as name from pg_class
    where relkind = 'S' and relnamespace = current_schema()::regnamespace order by relname`.execute(storage.db);
  for (const { name } of sequences.rows) {
    const s = await sql<{
      v: string;
    }>`select last_value::text || ' ' || is_called::text as v from ${sql.id(name)}`.execute(storage.db);
    out[`sequence ${name}`] = s.rows.map((r) => r.v);
  }
  return out;
}

describe.each(BACKENDS)("a backup of %s", (source: Backend) => {
  let from: TestStorage;
  let expected: Record<string, string[]>;
  const file = join(dir, `${source}.backup.gz`);

  beforeAll(async () => {
    from = await testStorage(source);
    await fill(from.storage);
    expected = await contents(from.storage);
    await backupDatabase(from.storage, file);
  });
  afterAll(() => from?.dispose());

  it("holds rows of every table", () => {
    for (const [table, rows] of Object.entries(expected))
      if (!table.startsWith("sequence") && table !== "rate_limit" && table !== "inventory_secret")
        expect(rows.length, table).toBeGreaterThan(0);
  });

  it.each(BACKENDS)("restores into an empty database on %s, equal table by table", async (target) => {
    const to = await testStorage(target);
    try {
      const result = await restoreDatabase(to.storage, file);
      expect(result.header.source).toBe(source);
      expect(await contents(to.storage)).toEqual(expected);
      // The triggers work again after the restore: a new entry's words reach the lexicon, the counter moves.
      await to.storage.db
        .insertInto("institution")
        .values({ id: "zzz-new", name_en: "Quixotic Bureau", category: "other" })
        .execute();
      const lexeme = await to.storage.db
        .selectFrom("institution_lexeme")
        .select("lexeme")
        .where("lexeme", "=", "quixot")
        .executeTakeFirst();
      expect(lexeme).toBeDefined();
      const state = await to.storage.db.selectFrom("inventory_state").select("version").executeTakeFirstOrThrow();
      expect(Number(state.version)).toBe(Number(JSON.parse(expected.inventory_state?.[0] ?? "{}").version) + 1);
      // Sequences continue after the restored ids.
      const node = await to.storage.db
        .insertInto("tree_node")
        .values({
          parent_id: null,
          kind: "database",
          code: "new",
          label: JSON.stringify({ en: "New", ru: "Новая" }),
          sort: 0,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      expect(node.id).toBeGreaterThan(Math.max(...(expected.tree_node ?? []).map((r) => JSON.parse(r).id)));
    } finally {
      await to.dispose();
    }
  });

  it("refuses a database that holds rows, and replaces them with --force", async () => {
    const to = await testStorage("pglite");
    try {
      await createUser(
        to.storage.db,
        { email: "other@example.org", name: "Other", role: "editor", passwordHash: "scrypt$y" },
        new Date(),
      );
      await recordAudit(to.storage.db, { actor: null, action: "user.created", targetType: "user", targetId: 1 });
      const before = await contents(to.storage);
      await expect(restoreDatabase(to.storage, file)).rejects.toThrow(
        /not empty \(tables (app_user, audit_event|audit_event, app_user) have rows\)/,
      );
      expect(await contents(to.storage)).toEqual(before);
      await restoreDatabase(to.storage, file, { force: true });
      expect(await contents(to.storage)).toEqual(expected);
    } finally {
      await to.dispose();
    }
  });

  it("refuses a damaged, truncated or foreign file and leaves the database empty", async () => {
    const text = gunzipSync(readFileSync(file)).toString("utf8");
    const lines = text.split("\n");
    const damaged = join(dir, `${source}-damaged.gz`);
    const row = lines.findIndex((l) => l.includes("Админ"));
    const cases: [string, RegExp][] = [
      [lines.map((l, k) => (k === row ? l.replace("Админ", "Admin") : l)).join("\n"), /checksum does not match/],
      [lines.slice(0, row + 1).join("\n"), /line \d+: the file ends early/],
      [
        lines.map((l, k) => (k === 0 ? l.replace('"0001_tables",', "") : l)).join("\n"),
        /older version \(without migrations 0001_tables\)/,
      ],
      [
        lines.map((l, k) => (k === 0 ? l.replace('"0001_tables"', '"0001_tables","9999_future"') : l)).join("\n"),
        /newer version \(migrations 9999_future/,
      ],
      [`${text}{"more":1}\n`, /unexpected lines after the end/],
    ];
    const to = await testStorage("pglite");
    try {
      const empty = await contents(to.storage);
      for (const [content, problem] of cases) {
        writeFileSync(damaged, gzipSync(content));
        await expect(restoreDatabase(to.storage, damaged)).rejects.toThrow(problem);
        expect(await contents(to.storage)).toEqual(empty);
      }
      writeFileSync(damaged, "not gzip at all");
      await expect(restoreDatabase(to.storage, damaged)).rejects.toThrow(/not a gzip file/);
      writeFileSync(damaged, gzipSync("hello\n"));
      await expect(restoreDatabase(to.storage, damaged)).rejects.toThrow(/line 1: not JSON/);
      await expect(restoreDatabase(to.storage, join(dir, "missing.gz"))).rejects.toThrow(/ENOENT/);
    } finally {
      await to.dispose();
    }
  });
});

describe("the backup format", () => {
  it("orders tables after those they reference, whatever the input order", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom<string>("a", "b", "c", "d", "e", "f"), { minLength: 1 }),
        fc.array(fc.tuple(fc.nat(5), fc.nat(5))),
        (tables, pairs) => {
          // Edges only from a later to an earlier table of a hidden order: never a cycle.
          const references = pairs
            .map(([x, y]) => [tables[x % tables.length] as string, tables[y % tables.length] as string] as const)
            .filter(([f, t]) => tables.indexOf(f) >= tables.indexOf(t))
            .map(([from, to]) => ({ from, to }));
          const order = dependencyOrder([...tables].reverse(), references);
          expect([...order].sort()).toEqual([...tables].sort());
          for (const { from, to } of references)
            if (from !== to) expect(order.indexOf(from)).toBeGreaterThan(order.indexOf(to));
        },
      ),
    );
    expect(() =>
      dependencyOrder(
        ["a", "b"],
        [
          { from: "a", to: "b" },
          { from: "b", to: "a" },
        ],
      ),
    ).toThrow(/cycle/);
  });

  it("compares schemas by their migrations", () => {
    expect(schemaProblem(["1", "2"], ["1", "2"])).toBeUndefined();
    expect(schemaProblem(["1", "2", "3"], ["1", "2"])).toMatch(/newer version \(migrations 3 are unknown/);
    expect(schemaProblem(["1"], ["1", "2"])).toMatch(/older version \(without migrations 2\)/);
  });

  it("reads only a complete header of its own format and version", () => {
    const header = {
      format: "clearinghouse-backup",
      formatVersion: 1,
      createdAt: "2026-12-01T00:00:00.000Z",
      source: "pglite",
      migrations: ["0001_tables"],
      tables: [{ name: "tree_node", rows: 1 }],
      sequences: [{ name: "tree_node_id_seq", value: 1, called: true }],
    };
    expect(parseHeader(JSON.stringify({ backup: header }))).toEqual(header);
    expect(() => parseHeader(JSON.stringify({ backup: { ...header, formatVersion: 2 } }))).toThrow(
      /format version 2; this version reads version 1/,
    );
    expect(() => parseHeader(JSON.stringify({ backup: { ...header, tables: [{ name: "x", rows: -1 }] } }))).toThrow(
      BackupError,
    );
    expect(() => parseHeader("[1]")).toThrow(/line 1: a JSON object was expected/);
  });
});
