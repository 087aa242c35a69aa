/** The accounts' tables (users, sessions, sign-in attempts), as Kysely sees them. Filled in by the accounts work. */

// biome-ignore lint/complexity/noBannedTypes: the accounts' tables are added here
export type AccountTables = {};
