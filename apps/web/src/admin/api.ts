/** The administrators' requests: accounts and invitations (/api/users…) and the audit log (/api/audit). */
import { getJson, send } from "../account/http.ts";
import type { User } from "../account/session.tsx";

export type Role = User["role"];
export const ROLES: readonly Role[] = ["focal-point", "editor", "administrator"];

export interface Account extends User {
  readonly disabled: boolean;
  readonly sessions: number;
  readonly throttledUntil: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export type InvitationStatus = "pending" | "accepted" | "expired" | "revoked";

export interface Invitation {
  readonly id: number;
  readonly email: string;
  readonly role: Role;
  readonly countries: readonly string[];
  readonly status: InvitationStatus;
  readonly invitedBy: string | null;
  readonly createdAt: string;
  readonly expiresAt: string;
}

export interface AuditEvent {
  readonly id: string;
  readonly at: string;
  readonly actor: { readonly id: number | null; readonly email: string | null } | null;
  readonly action: string;
  readonly targetType: string;
  readonly targetId: string | null;
  readonly reporter: string | null;
  readonly detail: Readonly<Record<string, unknown>>;
  readonly ip: string | null;
}

export interface AuditPage {
  readonly events: readonly AuditEvent[];
  readonly page: number;
  readonly pageSize: number;
  readonly total: number;
}

/** The filters of the audit page, as the API and the page's address take them. */
export const AUDIT_FILTERS = ["actor", "action", "reporter", "target", "from", "to"] as const;

export const adminApi = {
  users: (lang: string) => getJson<{ users: Account[]; reporters: string[] }>(`/api/users?lang=${lang}`),
  changeUser: (id: number | string, changes: object, lang: string) =>
    send<{ user: Account }>(`/api/users/${id}?lang=${lang}`, changes, "PATCH"),
  revokeSessions: (id: number | string, lang: string) =>
    send<{ revoked: number }>(`/api/users/${id}/sessions?lang=${lang}`, undefined, "DELETE"),
  invitations: (lang: string) => getJson<{ invitations: Invitation[] }>(`/api/users/invitations?lang=${lang}`),
  invite: (body: { email: string; role: Role; countries: string[]; days: number }, lang: string) =>
    send<{ invitation: Invitation; link: string; mailed: boolean }>(`/api/users/invitations?lang=${lang}`, body),
  revokeInvitation: (id: number, lang: string) =>
    send<{ invitation: Invitation }>(`/api/users/invitations/${id}?lang=${lang}`, undefined, "DELETE"),
  audit: (query: string) => getJson<AuditPage>(`/api/audit?${query}`),
};
