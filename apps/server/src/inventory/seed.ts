/**
 * The inventory's first entries (seed/institutions.ts), loaded once into a new clearinghouse. Idempotent: an
 * inventory with any history (seeded before, or filled by an import) is left alone, so entries the secretariat
 * deleted do not come back. Transactional: all entries or none.
 */

import { type Kysely, sql } from "kysely";
import type { Database } from "../storage/schema.ts";
import { addRelationshipIn } from "./network-store.ts";
import { saveInstitutions } from "./repository.ts";
import { SEED_INSTITUTIONS, SEED_RELATIONSHIPS } from "./seed/institutions.ts";

export const SEED_REASON = "first entries, to be checked by the secretariat";

export async function seedInventory(db: Kysely<Database>): Promise<{ readonly seeded: number }> {
  return db.transaction().execute(async (trx) => {
    // Two servers starting on one new PostgreSQL database: the second waits, then finds the history.
    await sql`select pg_advisory_xact_lock(hashtext('inventory seed'))`.execute(trx);
    const any = await trx.selectFrom("institution_history").select("institution_id").limit(1).executeTakeFirst();
    if (any) return { seeded: 0 };
    const report = await saveInstitutions(trx, SEED_INSTITUTIONS, { kind: "seed", reason: SEED_REASON });
    for (const [from, view, to] of SEED_RELATIONSHIPS) await addRelationshipIn(trx, from, view, to, null);
    return { seeded: report.created.length };
  });
}
