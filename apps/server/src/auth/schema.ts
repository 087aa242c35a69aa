/** The accounts' tables (users, sessions, rate-limit counters), as Kysely sees them. */

import type { ColumnType, Generated } from "kysely";
import type { Role } from "./roles.ts";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** A person who signs in: an editor or an administrator (the public has no account). */
export interface AppUserTable {
  id: Generated<number>;
  /** As typed; unique regardless of case (index on lower(email)). */
  email: string;
  name: string;
  role: Role;
  /** "scrypt$N$r$p$salt$hash" (password.ts). */
  password_hash: string;
  disabled: ColumnType<boolean, boolean | undefined, boolean>;
  /** Sign-in attempts since the last success (lockout.ts). */
  failed_attempts: ColumnType<number, number | undefined, number>;
  locked_until: ColumnType<Date | null, Date | null | undefined, Date | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A signed-in browser. The id is SHA-256 of the cookie's token, never the token (tokens.ts). */
export interface UserSessionTable {
  id: string;
  user_id: number;
  created_at: Timestamp;
  expires_at: Timestamp;
  last_seen_at: Timestamp;
  user_agent: string | null;
}

/** Calls per key (such as "login:" and an address) in the current window, shared by every server process. */
export interface RateLimitTable {
  key: string;
  window_start: Timestamp;
  hits: number;
}

export interface AccountTables {
  app_user: AppUserTable;
  user_session: UserSessionTable;
  rate_limit: RateLimitTable;
}
