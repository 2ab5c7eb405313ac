import { randomInt } from 'node:crypto';
import { type ExpressionBuilder, type Insertable, sql, type Updateable } from 'kysely';
import type { ActivityTable, AttachmentTable, AttendanceTable, Database } from '../../../db/schema.js';
import type { AttendanceSource } from '../../../domain/activities.js';
import { likePattern } from '../../../lib/sql.js';
import { isUuid, offsetOf } from '../../../server/http.js';
import type { Actor, Db } from '../../../server/types.js';
import { homeScope } from '../../homes/policy.js';
import type { ListActivitiesQuery } from '../schema.js';

const ACTIVITY_COLUMNS = [
  'activities.id',
  'activities.title',
  'activities.kind',
  'activities.function',
  'activities.startsAt',
  'activities.endsAt',
  'activities.place',
  'activities.status',
  'activities.citizenCount',
  'activities.departments',
  'activities.summary',
  'activities.outcomes',
  'activities.planItemId',
  'activities.checkinCode',
] as const;

// Lists that belong to an activity, inside the query that loads it (no query per row).
const jointUnitIds = sql<
  string[]
>`array(select j.org_unit_id from activity_joint_units j where j.activity_id = activities.id order by j.org_unit_id)`;
const attendeeMemberIds = sql<
  string[]
>`array(select a.member_id::text from attendance a where a.activity_id = activities.id order by a.at, a.member_id)`;
/** The same attendance, each with how it was recorded. */
const attendance = sql<Array<{ memberId: string; source: AttendanceSource }>>`coalesce(
  (select json_agg(json_build_object('memberId', a.member_id::text, 'source', a.source) order by a.at, a.member_id)
    from attendance a where a.activity_id = activities.id), '[]'::json)`;

/** The ids of the homes an actor may see, as a subquery. */
export const visibleHomeIds = (db: Db, actor: Actor) =>
  db.selectFrom('homes').select('homes.id').where(homeScope(actor));

/** Activities hosted by at least one home the actor may see: the scope is part of the SQL. */
export function activityScope(db: Db, actor: Actor) {
  return (eb: ExpressionBuilder<Database, 'activities'>) =>
    eb.exists(
      eb
        .selectFrom('activityHosts')
        .select(sql.lit(1).as('one'))
        .whereRef('activityHosts.activityId', '=', 'activities.id')
        .where('activityHosts.homeId', 'in', visibleHomeIds(db, actor)),
    );
}

type ActivityFilters = Partial<Omit<ListActivitiesQuery, 'page' | 'pageSize'>> & { id?: string };

function filteredActivities(db: Db, actor: Actor, f: ActivityFilters) {
  let q = db.selectFrom('activities').where(activityScope(db, actor));
  if (f.id) q = q.where('activities.id', '=', f.id);
  if (f.homeId !== undefined) {
    const homeId = f.homeId;
    q = isUuid(homeId)
      ? q.where((eb) =>
          eb.exists(
            eb
              .selectFrom('activityHosts as h')
              .select(sql.lit(1).as('one'))
              .whereRef('h.activityId', '=', 'activities.id')
              .where('h.homeId', '=', homeId),
          ),
        )
      : q.where(sql.lit(false));
  }
  if (f.from) q = q.where('activities.startsAt', '>=', new Date(f.from));
  if (f.to) q = q.where('activities.startsAt', '<', new Date(f.to));
  if (f.status) q = q.where('activities.status', '=', f.status);
  if (f.kind) q = q.where('activities.kind', '=', f.kind);
  if (f.q) q = q.where('activities.title', 'like', likePattern(f.q));
  return q;
}

/** What a policy check needs to know of a host home. */
export interface HostFacts {
  id: string;
  name: string;
  level: 'municipal' | 'district';
  ownerUnitId: string;
  status: string;
  directorMemberId: string | null;
}

/** Host homes with the facts `mayUpdateHome` needs, whether or not the actor may see them. */
export async function homeFacts(db: Db, ids: string[]): Promise<HostFacts[]> {
  const valid = ids.filter(isUuid);
  if (!valid.length) return [];
  return db
    .selectFrom('homes')
    .select(['id', 'name', 'level', 'ownerUnitId', 'status', 'directorMemberId'])
    .where('id', 'in', valid)
    .execute();
}

/** The host homes of a page of activities, in one query. */
async function withHosts<T extends { id: string }>(db: Db, rows: T[]) {
  const hosts = rows.length
    ? await db
        .selectFrom('activityHosts')
        .innerJoin('homes', 'homes.id', 'activityHosts.homeId')
        .select([
          'activityHosts.activityId',
          'homes.id',
          'homes.name',
          'homes.level',
          'homes.ownerUnitId',
          'homes.status',
          'homes.directorMemberId',
        ])
        .where(
          'activityHosts.activityId',
          'in',
          rows.map((r) => r.id),
        )
        .orderBy('homes.name')
        .orderBy('homes.id')
        .execute()
    : [];
  return rows.map((row) => ({
    ...row,
    hosts: hosts.filter((h) => h.activityId === row.id).map(({ activityId: _a, ...home }) => home),
  }));
}

async function activitiesPage(db: Db, actor: Actor, f: ActivityFilters, limit: number, offset: number) {
  let q = filteredActivities(db, actor, f).select([
    ...ACTIVITY_COLUMNS,
    jointUnitIds.as('jointUnitIds'),
    attendeeMemberIds.as('attendeeMemberIds'),
    attendance.as('attendance'),
  ]);
  // the calendar asks for a range and reads it forwards; a list shows the newest first
  q = f.from
    ? q.orderBy('activities.startsAt', 'asc').orderBy('activities.id', 'asc')
    : q.orderBy('activities.startsAt', 'desc').orderBy('activities.id', 'desc');
  const rows = await q.limit(limit).offset(offset).execute();
  return withHosts(db, rows);
}

export type ActivityRow = Awaited<ReturnType<typeof activitiesPage>>[number];

export async function findActivities(db: Db, actor: Actor, f: ListActivitiesQuery) {
  const { total } = await filteredActivities(db, actor, f)
    .select(sql<number>`count(*)::int`.as('total'))
    .executeTakeFirstOrThrow();
  const rows = total > offsetOf(f) ? await activitiesPage(db, actor, f, f.pageSize, offsetOf(f)) : [];
  return { rows, total };
}

export async function findActivity(db: Db, actor: Actor, id: string): Promise<ActivityRow | undefined> {
  if (!isUuid(id)) return undefined;
  return (await activitiesPage(db, actor, { id }, 1, 0))[0];
}

/** Check-in codes are read off a poster: no 0/O, 1/I/L. */
export const CHECKIN_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export function newCheckinCode(): string {
  let code = '';
  for (let i = 0; i < 6; i++) code += CHECKIN_ALPHABET[randomInt(CHECKIN_ALPHABET.length)];
  return code;
}

/**
 * Inserts an activity with a fresh check-in code. A code already taken is skipped by the unique
 * index (`on conflict do nothing`, which does not abort the transaction) and another one drawn.
 */
export async function insertActivity(
  trx: Db,
  values: Omit<Insertable<ActivityTable>, 'checkinCode'>,
): Promise<{ id: string; checkinCode: string }> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const row = await trx
      .insertInto('activities')
      .values({ ...values, checkinCode: newCheckinCode() })
      .onConflict((oc) => oc.column('checkinCode').doNothing())
      .returning(['id', 'checkinCode'])
      .executeTakeFirst();
    if (row) return row;
  }
  throw new Error('no free check-in code after 20 attempts');
}

export async function replaceHosts(trx: Db, activityId: string, homeIds: string[]) {
  await trx.deleteFrom('activityHosts').where('activityId', '=', activityId).execute();
  await trx
    .insertInto('activityHosts')
    .values(homeIds.map((homeId) => ({ activityId, homeId })))
    .execute();
}

export async function replaceJointUnits(trx: Db, activityId: string, unitIds: string[]) {
  await trx.deleteFrom('activityJointUnits').where('activityId', '=', activityId).execute();
  if (unitIds.length) {
    await trx
      .insertInto('activityJointUnits')
      .values(unitIds.map((orgUnitId) => ({ activityId, orgUnitId })))
      .execute();
  }
}

/** An activity by its check-in code, for anyone holding the code (no scope: the poster is public). */
export function findByCode(db: Db, code: string) {
  return db
    .selectFrom('activities')
    .select([
      'activities.id',
      'activities.title',
      'activities.startsAt',
      'activities.endsAt',
      'activities.place',
      'activities.status',
      sql<
        string[]
      >`array(select h.name from activity_hosts ah join homes h on h.id = ah.home_id where ah.activity_id = activities.id order by h.name)`.as(
        'homeNames',
      ),
    ])
    .where('activities.checkinCode', '=', code)
    .executeTakeFirst();
}

export async function setActivity(trx: Db, id: string, changes: Updateable<ActivityTable>) {
  await trx
    .updateTable('activities')
    .set({ ...changes, updatedAt: sql`now()` })
    .where('id', '=', id)
    .execute();
}

/**
 * The list is the attendance: who is not on it goes, whatever the source; who is new is recorded
 * by hand; a check-in already on it stays a check-in.
 */
export async function replaceAttendance(
  trx: Db,
  activityId: string,
  attendees: string[],
  recordedBy: string,
) {
  let removal = trx.deleteFrom('attendance').where('activityId', '=', activityId);
  if (attendees.length) removal = removal.where('memberId', 'not in', attendees);
  await removal.execute();
  if (!attendees.length) return;
  await trx
    .insertInto('attendance')
    .values(attendees.map((memberId) => ({ activityId, memberId, source: 'manual' as const, recordedBy })))
    .onConflict((oc) => oc.columns(['activityId', 'memberId']).doNothing())
    .execute();
}

/** The org units among `ids` that exist. */
export function existingOrgUnits(db: Db, ids: string[]) {
  return db.selectFrom('orgUnits').select('id').where('id', 'in', ids).execute();
}

/** A plan item, if it is in the plan of one of the homes. */
export function planItemOf(db: Db, id: string, homeIds: string[]) {
  return db
    .selectFrom('homePlanItems')
    .select('id')
    .where('id', '=', id)
    .where('homeId', 'in', homeIds)
    .executeTakeFirst();
}

// Check-in

export function findAttendance(db: Db, activityId: string, memberId: string) {
  return db
    .selectFrom('attendance')
    .select('memberId')
    .where('activityId', '=', activityId)
    .where('memberId', '=', memberId)
    .executeTakeFirst();
}

/** Records a check-in; nothing (undefined) when the member is already on the attendance. */
export function insertCheckin(trx: Db, values: Insertable<AttendanceTable>) {
  return trx
    .insertInto('attendance')
    .values(values)
    .onConflict((oc) => oc.columns(['activityId', 'memberId']).doNothing())
    .returning(['activityId', 'memberId', 'at'])
    .executeTakeFirst();
}

// Photos

export function insertPhoto(trx: Db, values: Insertable<AttachmentTable>) {
  return trx
    .insertInto('attachments')
    .values(values)
    .returning(['id', 'filename', 'contentType', 'size'])
    .executeTakeFirstOrThrow();
}

export function activityPhotos(db: Db, activityId: string) {
  return db
    .selectFrom('attachments')
    .select(['id', 'filename', 'contentType', 'size'])
    .where('ownerType', '=', 'activity')
    .where('ownerId', '=', activityId)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
}

// The public calendar of a home

/** A home open to the public (operating or suspended). */
export function publicHome(db: Db, homeId: string) {
  return db
    .selectFrom('homes')
    .select(['id', 'name'])
    .where('id', '=', homeId)
    .where('status', 'in', ['operating', 'suspended'])
    .executeTakeFirst();
}

/** The home's activities that are not cancelled, starting from `since` on (at most 5000). */
export function calendarActivities(db: Db, homeId: string, since: Date) {
  return db
    .selectFrom('activities')
    .innerJoin('activityHosts', 'activityHosts.activityId', 'activities.id')
    .select([
      'activities.id',
      'activities.title',
      'activities.kind',
      'activities.startsAt',
      'activities.endsAt',
      'activities.place',
      'activities.updatedAt',
    ])
    .where('activityHosts.homeId', '=', homeId)
    .where('activities.status', '!=', 'cancelled')
    .where('activities.startsAt', '>=', since)
    .orderBy('activities.startsAt')
    .orderBy('activities.id')
    .limit(5000)
    .execute();
}
