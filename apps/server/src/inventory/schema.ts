/** The inventory's tables (institutions, suggestions, history, link checks), as Kysely sees them. */

// biome-ignore lint/complexity/noBannedTypes: the inventory's tables are added here
export type InventoryTables = {};
