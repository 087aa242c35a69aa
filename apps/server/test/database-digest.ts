/** A digest of every row of every table, to tell whether a request changed anything stored. */

import { type Kysely, sql } from "kysely";
import type { Database } from "../src/storage/schema.ts";

/**
 * Rows per table as `count:md5`, Kysely's bookkeeping and `except` left out (the public APIs' call counts change
 * with every call).
 */
export async function databaseDigest(
  db: Kysely<Database>,
  except: ReadonlySet<string> = new Set(["rate_limit"]),
): Promise<Record<string, string>> {
  const tables = await sql<{ name: string }>`select relname as name from pg_class
    where relkind = 'r' and relnamespace = current_schema()::regnamespace and relname not like 'kysely\\_%'
    order by relname`.execute(db);
  const out: Record<string, string> = {};
  for (const { name } of tables.rows) {
    if (except.has(name)) continue;
    const { rows } = await sql<{ digest: string | null; n: string | number }>`
      select md5(string_agg(md5(to_jsonb(t)::text), '' order by md5(to_jsonb(t)::text))) as digest, count(*) as n
      from ${sql.id(name)} t`.execute(db);
    out[name] = `${rows[0]?.n}:${rows[0]?.digest ?? ""}`;
  }
  return out;
}
