import { roleNames } from '../../domain/actor.js';
import { isUuid } from '../../server/http.js';
import type { Db, Who } from '../../server/types.js';
import { presentAuditEvents } from './presenter.js';
import { auditEventsPage, insertAuditEvent, namedType, objectNames } from './repo.js';
import type { AuditQuery } from './schema.js';

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

/**
 * The audit trail searched (read-only), one page of it, in words: the actors by name, the actions
 * and object types by their labels, the objects by their names, read once per type for the page.
 */
export async function searchAudit(db: Db, f: AuditQuery) {
  const { rows, total } = await auditEventsPage(db, f);
  const idsByType = new Map<string, Set<string>>();
  for (const { objectType, objectId } of rows) {
    if (!objectType || !objectId || !namedType(objectType) || !isUuid(objectId)) continue;
    idsByType.set(objectType, (idsByType.get(objectType) ?? new Set()).add(objectId));
  }
  const names = await objectNames(db, idsByType);
  return { items: presentAuditEvents(rows, names), total, page: f.page, pageSize: f.pageSize };
}
