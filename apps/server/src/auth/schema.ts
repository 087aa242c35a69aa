/** The accounts' tables (users, sessions, rate-limit counters, sign-in throttling), as Kysely sees them. */

import type { ColumnType, Generated } from "kysely";
import type { Role } from "./roles.ts";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** A person who signs in: a focal point, an editor or an administrator (the public has no account). */
export interface AppUserTable {
  id: Generated<number>;
  /** As typed; unique regardless of case (index on lower(email)). */
  email: string;
  name: string;
  role: Role;
  /** "scrypt$N$r$p$salt$hash" (password.ts). */
  password_hash: string;
  disabled: ColumnType<boolean, boolean | undefined, boolean>;
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

/** Failed sign-ins in a row per throttling key (throttle.ts), and when a pair's address last signed in. */
export interface SignInThrottleTable {
  key: string;
  failures: ColumnType<number, number | undefined, number>;
  last_failure_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** On a pair's row: the last successful sign-in from this address, which makes it known to the account. */
  known_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

/** A browser that signed in to an account: its device cookie lets it past the account-wide throttle. */
export interface SignInDeviceTable {
  /** SHA-256 of the cookie's token, as for sessions. */
  id: string;
  user_id: number;
  created_at: Timestamp;
  last_used_at: Timestamp;
}

/** A reporting country a focal point acts for (one row per country; editors and administrators have none). */
export interface AppUserCountryTable {
  user_id: number;
  /** ISO alpha-3, one of the participating countries (config.reporters). */
  reporter: string;
}

/**
 * An administrator's invitation: a one-time link with an expiry. The token is in the link only; the database keeps
 * its SHA-256 (tokens.ts), so a copy of the table opens nothing. Pending until accepted, revoked or expired.
 */
export interface UserInvitationTable {
  id: Generated<number>;
  token_hash: string;
  email: string;
  role: Role;
  /** A focal point's reporting countries, as a JSON array (empty for other roles). */
  countries: ColumnType<string[], string, string>;
  invited_by: number | null;
  created_at: Timestamp;
  expires_at: Timestamp;
  accepted_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  accepted_user_id: ColumnType<number | null, number | null | undefined, number | null>;
  revoked_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  revoked_by: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface AccountTables {
  app_user: AppUserTable;
  app_user_country: AppUserCountryTable;
  user_invitation: UserInvitationTable;
  user_session: UserSessionTable;
  rate_limit: RateLimitTable;
  sign_in_throttle: SignInThrottleTable;
  sign_in_device: SignInDeviceTable;
}
