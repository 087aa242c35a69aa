/** The audit log: who did what and when (README.md). */

export { AUDIT_ACTIONS, type AuditAction, isAuditAction } from "./actions.ts";
export { type AuditActor, type AuditEntry, auditSource, recordAudit } from "./record.ts";
export { type AuditApiOptions, auditApi } from "./routes.ts";
