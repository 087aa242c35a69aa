/**
 * Logical backup and restore of the whole database, the same on PGlite and PostgreSQL (the format: backup-format.ts),
 * so a backup of one back end restores into the other. A backup reads one consistent snapshot (a repeatable-read
 * transaction); a restore runs in one transaction into a database at the same schema, and checks the row counts
 * and the checksum before it commits.
 */

import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { open, rename, rm } from "node:fs/promises";
import { createInterface } from "node:readline";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";
import { type Kysely, sql, type Transaction } from "kysely";
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  BackupError,
  type BackupHeader,
  type BackupSequence,
  type BackupTable,
  dependencyOrder,
  parseEnd,
  parseHeader,
  parseTableStart,
  schemaProblem,
} from "./backup-format.ts";
import type { Storage } from "./database.ts";
import type { Database } from "./schema.ts";

type Db = Kysely<Database> | Transaction<Database>;

/** What the catalog says of one table. */
interface TableShape {
  readonly name: string;
  /** Columns written and restored: all but the generated ones. */
  readonly columns: readonly string[];
  readonly generated: readonly string[];
  readonly primaryKey: readonly string[];
  readonly referencesItself: boolean;
  /** With bytea columns: rows may be megabytes (a table version's cells), so fewer are read at a time. */
  readonly large: boolean;
  /** A one-row state table (a `singleton` key) that the migrations fill: replaced, not refused, on restore. */
  readonly singleton: boolean;
}

/** Progress: rows done, of all rows, and the table being worked on. */
export type Progress = (done: number, total: number, table: string) => void;

async function rows<R>(db: Db, query: ReturnType<typeof sql>): Promise<R[]> {
  return (await query.execute(db)).rows as R[];
}

/** Every table of the schema but Kysely's migration bookkeeping, in dependency order. */
async function tableShapes(db: Db): Promise<TableShape[]> {
  const columns = await rows<{ table: string; column: string; generated: boolean; type: string }>(
    db,
    sql`select c.relname as table, a.attname as column, a.attgenerated <> '' as generated,
          format_type(a.atttypid, null) as type
        from pg_class c join pg_attribute a on a.attrelid = c.oid
        where c.relnamespace = current_schema()::regnamespace and c.relkind = 'r' and c.relname not like 'kysely\\_%'
          and a.attnum > 0 and not a.attisdropped
        order by c.relname, a.attnum`,
  );
  const keys = await rows<{ table: string; column: string }>(
    db,
    sql`select c.relname as table, a.attname as column
        from pg_index i join pg_class c on c.oid = i.indrelid
          join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey::int2[])
        where i.indisprimary and c.relnamespace = current_schema()::regnamespace
        order by c.relname, array_position(i.indkey::int2[], a.attnum)`,
  );
  const references = await rows<{ from: string; to: string }>(
    db,
    sql`select f.relname as from, t.relname as to
        from pg_constraint k join pg_class f on f.oid = k.conrelid join pg_class t on t.oid = k.confrelid
        where k.contype = 'f' and k.connamespace = current_schema()::regnamespace`,
  );
  const names = [...new Set(columns.map((c) => c.table))];
  return dependencyOrder(names, references).map((name) => {
    const own = columns.filter((c) => c.table === name);
    const primaryKey = keys.filter((k) => k.table === name).map((k) => k.column);
    return {
      name,
      columns: own.filter((c) => !c.generated).map((c) => c.column),
      generated: own.filter((c) => c.generated).map((c) => c.column),
      // Without a primary key, rows are read in the order of all their columns (stable for equal data).
      primaryKey: primaryKey.length > 0 ? primaryKey : own.filter((c) => !c.generated).map((c) => c.column),
      referencesItself: references.some((r) => r.from === name && r.to === name),
      large: own.some((c) => c.type === "bytea"),
      singleton: primaryKey.length === 1 && primaryKey[0] === "singleton",
    };
  });
}

async function appliedMigrations(db: Db): Promise<string[]> {
  return (await rows<{ name: string }>(db, sql`select name from kysely_migration order by name`)).map((r) => r.name);
}

async function sequences(db: Db): Promise<BackupSequence[]> {
  const names = await rows<{ name: string }>(
    db,
    sql`select relname as name from pg_class where relkind = 'S' and relnamespace = current_schema()::regnamespace
        order by relname`,
  );
  const out: BackupSequence[] = [];
  for (const { name } of names) {
    const [s] = await rows<{ value: string | number; called: boolean }>(
      db,
      sql`select last_value as value, is_called as called from ${sql.id(name)}`,
    );
    if (s) out.push({ name, value: Number(s.value), called: s.called });
  }
  return out;
}

async function count(db: Db, table: string): Promise<number> {
  const [r] = await rows<{ n: string | number }>(db, sql`select count(*) as n from ${sql.id(table)}`);
  return Number(r?.n ?? 0);
}

/** The table's rows as backup lines, a page at a time, in primary-key order. */
async function* tableLines(db: Db, table: TableShape): AsyncGenerator<string> {
  const page = table.large ? 2 : 500;
  const order = sql.join(table.primaryKey.map((c) => sql`backup_row.${sql.id(c)}`));
  const generated = `{${table.generated.map((c) => `"${c}"`).join(",")}}`;
  for (let offset = 0; ; offset += page) {
    const batch = await rows<{ line: string }>(
      db,
      sql`select (to_jsonb(backup_row) - ${generated}::text[])::text as line from ${sql.id(table.name)} backup_row
          order by ${order} limit ${page} offset ${offset}`,
    );
    for (const r of batch) yield r.line;
    if (batch.length < page) return;
  }
}

export interface BackupResult {
  readonly tables: readonly BackupTable[];
  readonly rows: number;
}

/** Writes a backup of the whole database to `file` (gzipped), streaming, from one consistent snapshot. */
export async function backupDatabase(
  storage: Storage,
  file: string,
  options: { readonly onProgress?: Progress; readonly now?: Date } = {},
): Promise<BackupResult> {
  return storage.db
    .transaction()
    .setIsolationLevel("repeatable read")
    .execute(async (trx) => {
      const shapes = await tableShapes(trx);
      const tables: BackupTable[] = [];
      for (const t of shapes) tables.push({ name: t.name, rows: await count(trx, t.name) });
      const header: BackupHeader = {
        format: BACKUP_FORMAT,
        formatVersion: BACKUP_FORMAT_VERSION,
        createdAt: (options.now ?? new Date()).toISOString(),
        source: storage.kind,
        migrations: await appliedMigrations(trx),
        tables,
        sequences: await sequences(trx),
      };
      const total = tables.reduce((sum, t) => sum + t.rows, 0);
      const hash = createHash("sha256");
      async function* lines(): AsyncGenerator<string> {
        const emit = (text: string) => {
          const line = `${text}\n`;
          hash.update(line);
          return line;
        };
        yield emit(JSON.stringify({ backup: header }));
        let done = 0;
        for (const [k, shape] of shapes.entries()) {
          const expected = tables[k] as BackupTable;
          yield emit(JSON.stringify({ table: shape.name, rows: expected.rows }));
          let written = 0;
          for await (const line of tableLines(trx, shape)) {
            yield emit(line);
            written += 1;
            done += 1;
            if (done % 100 === 0) options.onProgress?.(done, total, shape.name);
          }
          // Cannot differ inside one snapshot; checked so that a broken assumption never yields a bad file.
          if (written !== expected.rows) throw new Error(`table ${shape.name} changed while it was read`);
          options.onProgress?.(done, total, shape.name);
        }
        yield `${JSON.stringify({ end: { sha256: hash.digest("hex") } })}\n`;
      }
      // Written beside, then renamed: FILE is never a half-written backup.
      const partial = `${file}.partial`;
      try {
        await pipeline(Readable.from(lines()), createGzip(), createWriteStream(partial));
        await rename(partial, file);
      } catch (error) {
        await rm(partial, { force: true });
        throw error;
      }
      return { tables, rows: total };
    });
}

export interface RestoreResult {
  readonly header: BackupHeader;
  readonly rows: number;
}

/** Rows sent to the database in one statement: a few MB of JSON at most. */
const RESTORE_BATCH_ROWS = 500;
const RESTORE_BATCH_BYTES = 8 * 1024 * 1024;

async function insertRows(trx: Db, table: TableShape, lines: readonly string[]): Promise<void> {
  if (lines.length === 0) return;
  const columns = sql.join(table.columns.map((c) => sql.id(c)));
  await sql`insert into ${sql.id(table.name)} (${columns})
    select ${columns} from jsonb_populate_recordset(null::${sql.id(table.name)}, ${`[${lines.join(",")}]`}::jsonb)`.execute(
    trx,
  );
}

/**
 * Restores the backup in `file` into the database, which must be empty (tables holding rows are refused unless
 * `force`, which deletes every row first) and at the backup's schema (migrations are applied when the storage
 * opens). Everything happens in one transaction: a damaged file, a wrong count or checksum leave the database as
 * it was. Triggers of ours are off while the rows load, since the backup already holds what they would write.
 */
export async function restoreDatabase(
  storage: Storage,
  file: string,
  options: { readonly force?: boolean; readonly onProgress?: Progress } = {},
): Promise<RestoreResult> {
  // Opened first, so that a missing or unreadable file is its own clear error.
  const handle = await open(file);
  const gunzip = createGunzip();
  const source = handle.createReadStream();
  source.on("error", (error) => gunzip.destroy(error));
  const input = createInterface({ input: source.pipe(gunzip), crlfDelay: Number.POSITIVE_INFINITY });
  const reader = input[Symbol.asyncIterator]();
  let lineNumber = 0;
  const hash = createHash("sha256");
  const next = async (): Promise<string | undefined> => {
    const r = await reader.next();
    if (r.done) return undefined;
    lineNumber += 1;
    return r.value;
  };
  const hashed = (line: string) => {
    hash.update(`${line}\n`);
    return line;
  };
  try {
    const first = await next();
    if (first === undefined) throw new BackupError("the file is empty");
    const header = parseHeader(hashed(first));
    return await storage.db.transaction().execute(async (trx) => {
      const problem = schemaProblem(header.migrations, await appliedMigrations(trx));
      if (problem) throw new BackupError(problem);
      const shapes = new Map((await tableShapes(trx)).map((t) => [t.name, t]));
      const unknown = header.tables.filter((t) => !shapes.has(t.name)).map((t) => t.name);
      if (unknown.length > 0) throw new BackupError(`tables unknown here: ${unknown.join(", ")}`);
      const filled: string[] = [];
      for (const shape of shapes.values())
        if (!shape.singleton && (await count(trx, shape.name)) > 0) filled.push(shape.name);
      if (filled.length > 0 && !options.force)
        throw new BackupError(
          `the database is not empty (tables ${filled.join(", ")} have rows): restore into an empty database, or pass --force to delete every row first`,
        );
      for (const shape of shapes.values())
        await sql`alter table ${sql.id(shape.name)} disable trigger user`.execute(trx);
      for (const shape of [...shapes.values()].reverse())
        if (shape.singleton || filled.includes(shape.name)) await sql`delete from ${sql.id(shape.name)}`.execute(trx);
      const total = header.tables.reduce((sum, t) => sum + t.rows, 0);
      let done = 0;
      for (const expected of header.tables) {
        const shape = shapes.get(expected.name) as TableShape;
        const start = await next();
        if (start === undefined) throw new BackupError("the file ends early: the backup is incomplete", lineNumber + 1);
        parseTableStart(hashed(start), lineNumber, expected);
        let batch: string[] = [];
        let bytes = 0;
        for (let k = 0; k < expected.rows; k += 1) {
          const line = await next();
          if (line === undefined)
            throw new BackupError("the file ends early: the backup is incomplete", lineNumber + 1);
          batch.push(hashed(line));
          bytes += line.length;
          // A table referencing itself loads in one statement: its foreign keys are checked at the statement's
          // end, whatever the order of parents and children.
          if (!shape.referencesItself && (batch.length >= RESTORE_BATCH_ROWS || bytes >= RESTORE_BATCH_BYTES)) {
            await insertRows(trx, shape, batch);
            done += batch.length;
            options.onProgress?.(done, total, shape.name);
            batch = [];
            bytes = 0;
          }
        }
        await insertRows(trx, shape, batch);
        done += batch.length;
        options.onProgress?.(done, total, shape.name);
      }
      const sha256 = parseEnd(await next(), lineNumber + 1);
      if (sha256 !== hash.digest("hex"))
        throw new BackupError("the checksum does not match: the file is damaged", lineNumber);
      if ((await next()) !== undefined) throw new BackupError("unexpected lines after the end", lineNumber);
      for (const s of header.sequences)
        await sql`select setval(${s.name}::regclass, ${s.value}, ${s.called})`.execute(trx);
      for (const shape of shapes.values())
        await sql`alter table ${sql.id(shape.name)} enable trigger user`.execute(trx);
      return { header, rows: total };
    });
  } catch (error) {
    if (
      (error as NodeJS.ErrnoException).code === "Z_DATA_ERROR" ||
      (error as NodeJS.ErrnoException).code === "Z_BUF_ERROR"
    )
      throw new BackupError("not a gzip file: the file is damaged or not a clearinghouse backup");
    throw error;
  } finally {
    input.close();
    source.destroy();
  }
}
