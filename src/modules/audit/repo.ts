import { type Insertable, sql } from 'kysely';
import type { AuditEventTable, AuditSealTable, Db } from '../../db/schema.js';
import { fundEntryName } from '../../domain/audit.js';
import { likePattern } from '../../lib/sql.js';
import { isUuid, offsetOf } from '../../server/http.js';
import type { AuditQuery } from './schema.js';

/** The audit trail's queries: it is only ever appended to and searched. */

export async function insertAuditEvent(db: Db, event: Insertable<AuditEventTable>) {
  await db.insertInto('auditEvents').values(event).execute();
}

// ---- the hash chain (migration 0015) ----

/** The advisory lock one sealer holds at a time, whichever instance it runs on. */
const SEAL_LOCK = 150_602_015;

/** Waits for the sealer's lock, held until the transaction ends. */
export async function lockSeals(db: Db) {
  await sql`select pg_advisory_xact_lock(${sql.lit(SEAL_LOCK)})`.execute(db);
}

/** The newest seal (the chain's head), and the highest audit id sealed so far. */
export async function chainHead(db: Db) {
  const head = await db
    .selectFrom('auditSeals')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const { maxId } = await db
    .selectFrom('auditSeals')
    .select(sql<string | null>`max(audit_id)`.as('maxId'))
    .executeTakeFirstOrThrow();
  return { seq: head?.seq ?? '0', hash: head?.hash ?? null, maxAuditId: maxId ?? '0' };
}

/**
 * An audit row's fields as one text, the same on both engines and in any time zone (the instant
 * to the microsecond in UTC; jsonb's own normal form for the snapshots; an absent snapshot
 * apart from a JSON null): what its seal hashes.
 */
const sealedText = sql<string>`jsonb_build_array(
  audit_events.id::text,
  to_char(audit_events.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
  audit_events.actor_id, audit_events.actor_name, to_jsonb(audit_events.roles), audit_events.ip,
  audit_events.action, audit_events.object_type, audit_events.object_id,
  case when audit_events.before is null then '[]'::jsonb else jsonb_build_array(audit_events.before) end,
  case when audit_events.after is null then '[]'::jsonb else jsonb_build_array(audit_events.after) end
)::text`;

/** Committed audit rows with no seal yet and an id above `aboveId`, oldest first, with their sealed text. */
export async function unsealedEvents(db: Db, aboveId: string, limit: number) {
  return db
    .selectFrom('auditEvents')
    .select(['auditEvents.id', sealedText.as('text')])
    .where('auditEvents.id', '>', aboveId)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('auditSeals')
            .select('auditSeals.seq')
            .whereRef('auditSeals.auditId', '=', 'auditEvents.id'),
        ),
      ),
    )
    .orderBy('auditEvents.id')
    .limit(limit)
    .execute();
}

export async function insertSeals(db: Db, seals: Insertable<AuditSealTable>[]) {
  await db.insertInto('auditSeals').values(seals).execute();
}

/** Seals after `afterSeq` in order, each with its audit row's text now (null: the row is gone). */
export async function sealsAfter(db: Db, afterSeq: string, limit: number) {
  return db
    .selectFrom('auditSeals')
    .leftJoin('auditEvents', 'auditEvents.id', 'auditSeals.auditId')
    .select([
      'auditSeals.seq',
      'auditSeals.auditId',
      'auditSeals.hash',
      sql<string | null>`case when audit_events.id is null then null else ${sealedText} end`.as('text'),
    ])
    .where('auditSeals.seq', '>', afterSeq)
    .orderBy('auditSeals.seq')
    .limit(limit)
    .execute();
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
  // the account a sign-in typed (lower-cased, as usernames are unique), by its display name
  username: (db, names) =>
    db
      .selectFrom('users')
      .select([sql<string>`lower(username)`.as('id'), 'displayName as name'])
      .where(sql<string>`lower(username)`, 'in', names)
      .execute(),
};

/** Types whose ids are codes rather than uuids: org units (`district-150602`), regions (150602), usernames. */
const CODE_KEYED: Record<string, RegExp> = {
  org_unit: /^[a-z0-9-]{1,100}$/,
  region: /^\d{6,12}$/,
  username: /^.{1,100}$/su,
};

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
