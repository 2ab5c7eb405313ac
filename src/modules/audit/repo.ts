import { type Insertable, sql } from 'kysely';
import type { AuditEventTable, Db } from '../../db/schema.js';
import { fundEntryName } from '../../domain/audit.js';
import { likePattern } from '../../lib/sql.js';
import { isUuid, offsetOf } from '../../server/http.js';
import type { AuditQuery } from './schema.js';

/** The audit trail's queries: it is only ever appended to and searched. */

export async function insertAuditEvent(db: Db, event: Insertable<AuditEventTable>) {
  await db.insertInto('auditEvents').values(event).execute();
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, '\\$&');

/**
 * One page of the events the filters choose, newest first, and how many there are in all; each
 * with its actor's display name now (null when the actor is no user, or no longer one).
 */
export async function auditEventsPage(db: Db, f: AuditQuery) {
  let query = db.selectFrom('auditEvents').leftJoin('users', 'users.id', 'auditEvents.actorId');
  if (f.actorId) query = query.where('auditEvents.actorId', '=', f.actorId);
  // an action by its code, or a family of them by a prefix ending in a dot
  if (f.action) {
    query = f.action.endsWith('.')
      ? query.where('auditEvents.action', 'like', `${escapeLike(f.action)}%`)
      : query.where('auditEvents.action', '=', f.action);
  }
  if (f.objectType) query = query.where('auditEvents.objectType', '=', f.objectType);
  if (f.objectId) query = query.where('auditEvents.objectId', '=', f.objectId);
  if (f.from) query = query.where('auditEvents.at', '>=', new Date(f.from));
  if (f.to) query = query.where('auditEvents.at', '<', new Date(f.to));
  if (f.q) {
    const like = likePattern(f.q);
    query = query.where((eb) =>
      eb.or([
        eb('auditEvents.actorName', 'ilike', like),
        eb('users.displayName', 'ilike', like),
        eb('users.username', 'ilike', like),
        eb(sql<string>`audit_events.after ->> 'username'`, 'ilike', like),
      ]),
    );
  }
  const { total } = await query.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow();
  const rows = await query
    .selectAll('auditEvents')
    .select('users.displayName as actorDisplayName')
    .orderBy('auditEvents.at', 'desc')
    .orderBy('auditEvents.id', 'desc')
    .limit(f.pageSize)
    .offset(offsetOf(f))
    .execute();
  return { rows, total };
}

export type AuditEventRow = Awaited<ReturnType<typeof auditEventsPage>>['rows'][number];

type Named = Promise<Array<{ id: string; name: string }>>;

/** The object types an audit row can name by a name or title, each read for a page's ids at once. */
const NAMES_OF: Record<string, (db: Db, ids: string[]) => Named> = {
  user: (db, ids) =>
    db.selectFrom('users').select(['id', 'displayName as name']).where('id', 'in', ids).execute(),
  member: (db, ids) => db.selectFrom('members').select(['id', 'name']).where('id', 'in', ids).execute(),
  home: (db, ids) => db.selectFrom('homes').select(['id', 'name']).where('id', 'in', ids).execute(),
  activity: (db, ids) =>
    db.selectFrom('activities').select(['id', 'title as name']).where('id', 'in', ids).execute(),
  training: (db, ids) =>
    db.selectFrom('trainings').select(['id', 'title as name']).where('id', 'in', ids).execute(),
  opinion: (db, ids) =>
    db.selectFrom('opinions').select(['id', 'title as name']).where('id', 'in', ids).execute(),
  citizen_problem: (db, ids) =>
    db.selectFrom('citizenProblems').select(['id', 'title as name']).where('id', 'in', ids).execute(),
  rule: (db, ids) => db.selectFrom('rules').select(['id', 'title as name']).where('id', 'in', ids).execute(),
  proposal: (db, ids) =>
    db.selectFrom('proposals').select(['id', 'title as name']).where('id', 'in', ids).execute(),
  research_report: (db, ids) =>
    db.selectFrom('researchReports').select(['id', 'title as name']).where('id', 'in', ids).execute(),
  evaluation_round: (db, ids) =>
    db.selectFrom('evaluationRounds').select(['id', 'title as name']).where('id', 'in', ids).execute(),
  fund_entry: async (db, ids) =>
    (
      await db
        .selectFrom('fundEntries')
        .innerJoin('homes', 'homes.id', 'fundEntries.homeId')
        .select([
          'fundEntries.id',
          'homes.name as homeName',
          'fundEntries.kind',
          'fundEntries.reversesId',
          'fundEntries.amountFen',
          'fundEntries.occurredOn',
        ])
        .where('fundEntries.id', 'in', ids)
        .execute()
    ).map((entry) => ({ id: entry.id, name: fundEntryName(entry) })),
  attachment: (db, ids) =>
    db.selectFrom('attachments').select(['id', 'filename as name']).where('id', 'in', ids).execute(),
  org_unit: (db, ids) => db.selectFrom('orgUnits').select(['id', 'name']).where('id', 'in', ids).execute(),
  region: (db, ids) =>
    db.selectFrom('regions').select(['code as id', 'name']).where('code', 'in', ids).execute(),
};

/** Types whose ids are codes rather than uuids: org units (`district-150602`) and regions (150602). */
const CODE_KEYED: Record<string, RegExp> = { org_unit: /^[a-z0-9-]{1,100}$/, region: /^\d{6,12}$/ };

/** Whether an id can name a thing of that type (a uuid, or a code of that form), so it may be looked up. */
export const nameableId = (type: string, id: string) => CODE_KEYED[type]?.test(id) ?? isUuid(id);

/** Whether an object type is one `objectNames` can name. */
export const namedType = (type: string) => Object.hasOwn(NAMES_OF, type);

/**
 * The names of the objects a page of audit rows names, by type and id: one query per type on the
 * page, whatever its length. Objects since removed are absent.
 */
export async function objectNames(db: Db, idsByType: Map<string, Set<string>>) {
  const found = await Promise.all(
    [...idsByType].map(async ([type, ids]) =>
      (await NAMES_OF[type]!(db, [...ids])).map((r) => [`${type}:${r.id}`, r.name] as const),
    ),
  );
  return new Map(found.flat());
}
