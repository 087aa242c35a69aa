/**
 * The backup file's format, without I/O (backup.ts reads and writes it). A backup is gzipped UTF-8 text, one JSON
 * value per line:
 *
 *   {"backup":{"format":"clearinghouse-backup","formatVersion":1,"createdAt":"…","source":"pglite",
 *              "migrations":["0001_tables",…],"tables":[{"name":"tree_node","rows":12},…],
 *              "sequences":[{"name":"tree_node_id_seq","value":12,"called":true},…]}}
 *   {"table":"tree_node","rows":12}
 *   {"id":1,"parent_id":null,"kind":"database",…}        ← exactly `rows` lines, one row each (to_jsonb of the row)
 *   …                                                     ← the next table, in the header's order
 *   {"end":{"sha256":"…"}}
 *
 * The header is the manifest: the schema (every migration applied, in order), each table with its row count, in an
 * order where a table comes after the tables it references, and the sequences' values. Rows hold every column but
 * the generated ones, as PostgreSQL's to_jsonb writes them (timestamps with microseconds and offset, bytea as
 * "\\x…" hex, arrays as JSON arrays), so they load back exactly on PGlite and PostgreSQL alike. The last line's
 * sha256 is that of every byte before it. One limit: a jsonb column holding the JSON value null comes back as SQL
 * NULL (no column of ours allows that value).
 */

export const BACKUP_FORMAT = "clearinghouse-backup";
export const BACKUP_FORMAT_VERSION = 1;

export interface BackupTable {
  readonly name: string;
  readonly rows: number;
}

export interface BackupSequence {
  readonly name: string;
  readonly value: number;
  readonly called: boolean;
}

export interface BackupHeader {
  readonly format: typeof BACKUP_FORMAT;
  readonly formatVersion: number;
  readonly createdAt: string;
  readonly source: "pglite" | "postgresql";
  readonly migrations: readonly string[];
  readonly tables: readonly BackupTable[];
  readonly sequences: readonly BackupSequence[];
}

/** A problem with a backup file, with where it is (the line number, 1-based). */
export class BackupError extends Error {
  constructor(message: string, line?: number) {
    super(line === undefined ? message : `line ${line}: ${message}`);
    this.name = "BackupError";
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === "number" && Number.isSafeInteger(v) && v >= 0;

function parseLine(text: string, line: number): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new BackupError("not JSON: the file is damaged or not a clearinghouse backup", line);
  }
  if (!isObject(value)) throw new BackupError("a JSON object was expected", line);
  return value;
}

/** The header of line 1, checked: the format, its version and the manifest's shape. */
export function parseHeader(text: string): BackupHeader {
  const h = parseLine(text, 1).backup;
  if (!isObject(h) || h.format !== BACKUP_FORMAT) throw new BackupError("not a clearinghouse backup", 1);
  if (h.formatVersion !== BACKUP_FORMAT_VERSION)
    throw new BackupError(
      `backup format version ${String(h.formatVersion)}; this version reads version ${BACKUP_FORMAT_VERSION}`,
      1,
    );
  const ok =
    typeof h.createdAt === "string" &&
    (h.source === "pglite" || h.source === "postgresql") &&
    Array.isArray(h.migrations) &&
    h.migrations.every((m) => typeof m === "string") &&
    Array.isArray(h.tables) &&
    h.tables.every((t) => isObject(t) && typeof t.name === "string" && isCount(t.rows)) &&
    Array.isArray(h.sequences) &&
    h.sequences.every(
      (s) =>
        isObject(s) && typeof s.name === "string" && Number.isSafeInteger(s.value) && typeof s.called === "boolean",
    );
  if (!ok) throw new BackupError("the manifest is incomplete", 1);
  return h as unknown as BackupHeader;
}

/** The line that starts a table's rows, checked against the manifest's next table. */
export function parseTableStart(text: string, line: number, expected: BackupTable): void {
  const value = parseLine(text, line);
  if (value.table !== expected.name || value.rows !== expected.rows)
    throw new BackupError(`expected the ${expected.rows} rows of table ${expected.name}`, line);
}

/** The checksum of the last line. */
export function parseEnd(text: string | undefined, line: number): string {
  if (text === undefined) throw new BackupError("the file ends early: the backup is incomplete", line);
  const end = parseLine(text, line).end;
  if (!isObject(end) || typeof end.sha256 !== "string") throw new BackupError("the end line was expected", line);
  return end.sha256;
}

/**
 * Why a backup with schema `backup` cannot be restored into a database at schema `database` (their migrations, in
 * order), or undefined when they are the same.
 */
export function schemaProblem(backup: readonly string[], database: readonly string[]): string | undefined {
  const missing = backup.filter((m) => !database.includes(m));
  if (missing.length > 0)
    return `the backup was made by a newer version (migrations ${missing.join(", ")} are unknown here): restore it with that version`;
  const newer = database.filter((m) => !backup.includes(m));
  if (newer.length > 0)
    return `the backup was made by an older version (without migrations ${newer.join(", ")}): restore it with that version, then start this one to upgrade`;
  return undefined;
}

/**
 * The tables ordered so that each comes after the tables its foreign keys reference (a table referencing itself
 * does not count), by name among equals so that backups are stable; throws on a cycle between tables.
 */
export function dependencyOrder(
  tables: readonly string[],
  references: readonly { readonly from: string; readonly to: string }[],
): string[] {
  const pending = new Map(tables.map((t) => [t, new Set<string>()]));
  for (const { from, to } of references) if (from !== to && pending.has(to)) pending.get(from)?.add(to);
  const order: string[] = [];
  while (pending.size > 0) {
    const ready = [...pending].filter(([, needs]) => needs.size === 0).map(([t]) => t);
    if (ready.length === 0) throw new Error(`foreign keys form a cycle between ${[...pending.keys()].join(", ")}`);
    for (const t of ready.sort()) {
      order.push(t);
      pending.delete(t);
    }
    for (const needs of pending.values()) for (const t of ready) needs.delete(t);
  }
  return order;
}
