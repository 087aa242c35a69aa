/**
 * Invitations: an administrator names an email, a role and (for a focal point) its countries; the invited person
 * opens a one-time link before it expires, chooses a name and a password, and is signed in. The link carries a
 * random token (tokens.ts) after `#`, so it reaches neither the server's logs nor a Referer header; the database
 * keeps only its SHA-256. This file holds the pure rules; invitation-store.ts reads and writes.
 */

import type { Role } from "./roles.ts";

export const DEFAULT_INVITATION_DAYS = 7;
export const MAX_INVITATION_DAYS = 30;

export type InvitationStatus = "pending" | "accepted" | "expired" | "revoked";
export const INVITATION_STATUSES: readonly InvitationStatus[] = ["pending", "accepted", "expired", "revoked"];

export interface Invitation {
  readonly id: number;
  readonly email: string;
  readonly role: Role;
  readonly countries: readonly string[];
  readonly invitedBy: number | null;
  readonly createdAt: Date;
  readonly expiresAt: Date;
  readonly acceptedAt: Date | null;
  readonly acceptedUserId: number | null;
  readonly revokedAt: Date | null;
}

/** Where an invitation stands at `now`: once accepted or revoked it stays so; else it expires at its time. */
export function invitationStatus(invitation: Invitation, now: Date): InvitationStatus {
  if (invitation.acceptedAt) return "accepted";
  if (invitation.revokedAt) return "revoked";
  return invitation.expiresAt.getTime() <= now.getTime() ? "expired" : "pending";
}

export const invitationExpiry = (createdAt: Date, days: number): Date =>
  new Date(createdAt.getTime() + days * 24 * 60 * 60_000);

/**
 * The link of an invitation: the web page `/{lang}/invitation` of `origin` (PUBLIC_URL, which may end with a path
 * prefix), with the token in the fragment.
 */
export function invitationLink(origin: string, token: string, lang: "en" | "ru"): string {
  return `${origin.replace(/\/+$/, "")}/${lang}/invitation#${token}`;
}
