/** Work that must commit together: in the caller's transaction when there is one, else in a new one. */

import type { Kysely, Transaction } from "kysely";
import type { Database } from "./schema.ts";

/** Runs `work` in `db` when it is a transaction already (a release of several tables), else in a new one. */
export function inTransaction<T>(
  db: Kysely<Database> | Transaction<Database>,
  work: (tx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  return db.isTransaction ? work(db as Transaction<Database>) : (db as Kysely<Database>).transaction().execute(work);
}
