/**
 * A Kysely dialect for PGlite (PostgreSQL compiled to WebAssembly, in-process). PGlite has one connection, so a
 * connection is handed out to one user at a time: a transaction holds it until it commits or rolls back.
 *
 * With a disk guard (a data folder on disk), every write first checks the disk's free space (disk-space.ts), and a
 * write that fails for want of space is a DiskFullError. When the write-ahead log itself could not be written,
 * PGlite cannot answer again (every later query spins), so that instance is closed and a new one opened on the same
 * folder by the next query, once the disk has its reserve again; meanwhile queries fail with DatabaseUnavailableError.
 */

import type { PGlite } from "@electric-sql/pglite";
import {
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryResult,
} from "kysely";
import type { DiskGuard } from "./disk-space.ts";
import { DatabaseUnavailableError, DiskFullError, isDiskFull } from "./errors.ts";

export interface PgliteDialectOptions {
  /** Opens the database (again, after a failure of its log). */
  readonly open: () => PGlite;
  readonly guard?: DiskGuard | undefined;
}

/**
 * bytea as hex text, as PGlite passes it, but in one allocation each way: PGlite's own serializer makes a JS array and
 * a two-character string per byte (a 9-million-cell import took 4.8 GB), its parser one parseInt per byte.
 */
export const BYTEA_AS_HEX = {
  serializers: {
    17: (value: unknown) => {
      if (!(value instanceof Uint8Array)) throw new Error("Invalid input for bytea type");
      return `\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("hex")}`;
    },
  },
  parsers: { 17: (text: string) => Buffer.from(text.slice(2), "hex") },
};

/** Statements that change nothing (reads, and transaction control: the writes inside are checked themselves). */
const READ_ONLY = /^\s*(select|show|explain|begin|commit|rollback|savepoint|release)\b/i;

function isWrite(query: CompiledQuery): boolean {
  if (query.query.kind === "SelectQueryNode") return false;
  return !READ_ONLY.test(query.sql);
}

/** Rough size of what a statement writes: its parameters. */
function parameterBytes(parameters: readonly unknown[]): number {
  let bytes = 0;
  for (const p of parameters) bytes += p instanceof Uint8Array ? p.byteLength : typeof p === "string" ? p.length : 16;
  return bytes;
}

class PgliteConnection implements DatabaseConnection {
  constructor(private readonly driver: PgliteDriver) {}

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    return this.driver.execute<R>(query);
  }

  // biome-ignore lint/correctness/useYield: PGlite has no cursors; streaming is not offered.
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error("PGlite connections do not stream");
  }
}

class PgliteDriver implements Driver {
  private queue: Promise<void> = Promise.resolve();
  private readonly connection = new PgliteConnection(this);
  private release: (() => void) | undefined;
  /** Undefined after the log failed, until the next query opens the folder again. */
  private db: PGlite | undefined;

  constructor(private readonly options: PgliteDialectOptions) {
    this.db = options.open();
  }

  async init(): Promise<void> {
    await this.db?.waitReady;
  }

  private async instance(): Promise<PGlite> {
    if (this.db) return this.db;
    const guard = this.options.guard;
    const free = guard?.free() ?? Number.POSITIVE_INFINITY;
    if (guard && free < guard.reserveBytes)
      throw new DatabaseUnavailableError(new DiskFullError(guard.folder, free, guard.reserveBytes));
    const db = this.options.open();
    try {
      await db.waitReady;
    } catch (error) {
      throw new DatabaseUnavailableError(error);
    }
    this.db = db;
    return db;
  }

  async execute<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const db = await this.instance();
    const guard = this.options.guard;
    const writeBytes = parameterBytes(query.parameters);
    if (guard && isWrite(query)) guard.check(writeBytes);
    try {
      const result = await db.query<R>(query.sql, query.parameters as unknown[]);
      const affected = result.affectedRows;
      return affected === undefined ? { rows: result.rows } : { rows: result.rows, numAffectedRows: BigInt(affected) };
    } catch (error) {
      if (!isDiskFull(error)) throw error;
      if (/pg_wal/.test((error as Error).message)) {
        // Committed data is in the folder; the next instance replays the log up to the last commit.
        this.db = undefined;
        await db.close().catch(() => undefined);
      }
      const folder = guard?.folder ?? "memory";
      throw new DiskFullError(folder, guard?.free() ?? 0, (guard?.reserveBytes ?? 0) + 3 * writeBytes, error);
    }
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const previous = this.queue;
    let release!: () => void;
    this.queue = new Promise<void>((resolve) => {
      release = resolve;
    });
    await previous;
    this.release = release;
    return this.connection;
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin"));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("commit"));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    // After a failure of the log the instance is gone, and its transaction with it.
    if (!this.db) return;
    await connection.executeQuery(CompiledQuery.raw("rollback"));
  }

  async releaseConnection(): Promise<void> {
    const release = this.release;
    this.release = undefined;
    release?.();
  }

  async destroy(): Promise<void> {
    await this.db?.close();
  }
}

export class PgliteDialect implements Dialect {
  constructor(private readonly options: PgliteDialectOptions) {}
  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PgliteDriver(this.options);
  }
  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
}
