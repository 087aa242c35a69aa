/** Migrations of the inventory of institutions. Never edit one that has shipped: add another. */
import type { Migration } from "kysely";

export const inventoryMigrations: Record<string, Migration> = {};
