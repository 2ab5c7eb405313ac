import { roleNames } from '../../domain/actor.js';
import type { Db, Who } from '../../server/types.js';
import { snapshotReferences } from './changes.js';
import { presentAuditEvents } from './presenter.js';
import { auditEventsPage, insertAuditEvent, nameableId, namedType, objectNames } from './repo.js';
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
 * and object types by their labels, the objects and what the snapshots name (homes, members, units,
 * places…) by their names, read once per type for the page.
 */
export async function searchAudit(db: Db, f: AuditQuery) {
  const { rows, total } = await auditEventsPage(db, f);
  const idsByType = new Map<string, Set<string>>();
  const name = (type: string | null, id: string | null) => {
    if (!type || !id || !namedType(type) || !nameableId(type, id)) return;
    idsByType.set(type, (idsByType.get(type) ?? new Set()).add(id));
  };
  for (const row of rows) {
    name(row.objectType, row.objectId);
    for (const [type, id] of snapshotReferences(row)) name(type, id);
  }
  const names = await objectNames(db, idsByType);
  return { items: presentAuditEvents(rows, names), total, page: f.page, pageSize: f.pageSize };
}
