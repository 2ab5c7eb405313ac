import { type Insertable, sql } from 'kysely';
import type { AuditEventTable, Db } from '../../db/schema.js';
import { likePattern } from '../../lib/sql.js';
import { offsetOf } from '../../server/http.js';

/** The audit trail's queries: it is only ever appended to and searched. */

export async function insertAuditEvent(db: Db, event: Insertable<AuditEventTable>) {
  await db.insertInto('auditEvents').values(event).execute();
}

export interface AuditFilters {
  page: number;
  pageSize: number;
  q?: string;
  actorId?: string;
  action?: string;
  objectType?: string;
  objectId?: string;
  from?: string;
  to?: string;
}

/** One page of the events the filters choose, newest first, and how many there are in all. */
export async function auditEventsPage(db: Db, f: AuditFilters) {
  let query = db.selectFrom('auditEvents');
  if (f.actorId) query = query.where('actorId', '=', f.actorId);
  // an action matches everything that starts with it
  if (f.action) query = query.where('action', 'like', `${f.action.replace(/[\\%_]/g, '\\$&')}%`);
  if (f.objectType) query = query.where('objectType', '=', f.objectType);
  if (f.objectId) query = query.where('objectId', '=', f.objectId);
  if (f.from) query = query.where('at', '>=', new Date(f.from));
  if (f.to) query = query.where('at', '<', new Date(f.to));
  if (f.q) {
    const like = likePattern(f.q);
    query = query.where((eb) =>
      eb.or([eb('actorName', 'ilike', like), eb(sql<string>`after ->> 'username'`, 'ilike', like)]),
    );
  }
  const { total } = await query.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow();
  const rows = await query
    .selectAll()
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(f.pageSize)
    .offset(offsetOf(f))
    .execute();
  return { rows, total };
}
