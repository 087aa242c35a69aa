/** Migrations of the accounts (users, sessions, sign-in attempts). Never edit one that has shipped: add another. */
import type { Migration } from "kysely";

export const accountMigrations: Record<string, Migration> = {};
