/**
 * The audit log's action names, one list for the whole server: `recordAudit` takes only these, and the audit page
 * offers them as a filter. Each feature adds its own names here ("area.what-happened", past tense), in its block.
 */

export const AUDIT_ACTIONS = [
  // Accounts (auth/, users/)
  "auth.signed-in",
  "auth.sign-in-failed",
  "auth.signed-out",
  "user.created",
  "user.changed",
  "user.disabled",
  "user.enabled",
  "user.password-changed",
  "user.password-change-failed",
  "user.password-set",
  "user.sessions-revoked",
  "invitation.created",
  "invitation.accepted",
  "invitation.revoked",
  // Submissions (submissions/, decision 0008)
  "submission.created",
  "submission.discarded",
  "submission.uploaded",
  "submission.table-removed",
  "submission.finding-commented",
  "submission.metadata-edited",
  "submission.commented",
  "submission.submitted",
  "submission.returned",
  "submission.approved",
  "submission.released",
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const isAuditAction = (value: unknown): value is AuditAction =>
  (AUDIT_ACTIONS as readonly unknown[]).includes(value);
