import { roleNames } from '../../domain/actor.js';
import type { Db, Who } from '../../server/types.js';
import { type AuditFilters, auditEventsPage, insertAuditEvent } from './repo.js';

export interface AuditEntry {
  action: string;
  objectType?: string;
  objectId?: string | null;
  before?: unknown;
  after?: unknown;
}

/**
 * Appends one row to the audit trail. Call it with the transaction that makes the change,
 * so the change and its record commit (or vanish) together.
 */
export async function recordAudit(db: Db, who: Who, entry: AuditEntry): Promise<void> {
  await insertAuditEvent(db, {
    actorId: who.actor?.userId ?? null,
    actorName: who.actor?.displayName ?? null,
    roles: roleNames(who.actor),
    ip: who.ip,
    action: entry.action,
    objectType: entry.objectType ?? null,
    objectId: entry.objectId ?? null,
    before: entry.before === undefined ? null : JSON.stringify(entry.before),
    after: entry.after === undefined ? null : JSON.stringify(entry.after),
  });
}

/** The audit trail searched (read-only), one page of it. */
export async function searchAudit(db: Db, f: AuditFilters) {
  const { rows, total } = await auditEventsPage(db, f);
  return { items: rows, total, page: f.page, pageSize: f.pageSize };
}
