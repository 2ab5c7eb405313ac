import type { Insertable, Updateable } from 'kysely';
import type { DutyShiftTable } from '../../../db/schema.js';
import { lockUntilCommit } from '../../../lib/sql.js';
import type { Actor, Db } from '../../../server/types.js';
import { visibleHomeIds } from './activities.js';

const SHIFT_COLUMNS = [
  'dutyShifts.id',
  'dutyShifts.homeId',
  'homes.name as homeName',
  'dutyShifts.memberId',
  'members.name as memberName',
  'dutyShifts.startsAt',
  'dutyShifts.endsAt',
  'dutyShifts.status',
  'dutyShifts.activityId',
  'dutyShifts.note',
] as const;

const shifts = (db: Db) =>
  db
    .selectFrom('dutyShifts')
    .innerJoin('homes', 'homes.id', 'dutyShifts.homeId')
    .innerJoin('members', 'members.id', 'dutyShifts.memberId')
    .select(SHIFT_COLUMNS);

/** A home's shifts that overlap the range, by start. */
export function homeShifts(db: Db, homeId: string, range: { from?: string; to?: string }) {
  let q = shifts(db).where('dutyShifts.homeId', '=', homeId);
  if (range.from) q = q.where('dutyShifts.endsAt', '>', new Date(range.from));
  if (range.to) q = q.where('dutyShifts.startsAt', '<', new Date(range.to));
  return q.orderBy('dutyShifts.startsAt').orderBy('dutyShifts.id').execute();
}

export function findShift(db: Db, id: string) {
  return shifts(db).where('dutyShifts.id', '=', id).executeTakeFirst();
}

/** A shift at a home the actor may see, with the home's address. */
export function findVisibleShift(db: Db, actor: Actor, id: string) {
  return shifts(db)
    .select(['homes.address'])
    .where('dutyShifts.id', '=', id)
    .where('dutyShifts.homeId', 'in', visibleHomeIds(db, actor))
    .executeTakeFirst();
}

export function memberName(db: Db, memberId: string) {
  return db.selectFrom('members').select(['id', 'name']).where('id', '=', memberId).executeTakeFirstOrThrow();
}

/** Holds the member's shifts until the transaction ends: one request at a time, on every instance. */
export async function lockMemberShifts(trx: Db, memberId: string) {
  await lockUntilCommit(trx, memberId);
}

/** The member's first shift, not cancelled, that overlaps the time. */
export function clashingShift(trx: Db, memberId: string, startsAt: Date, endsAt: Date) {
  return trx
    .selectFrom('dutyShifts')
    .innerJoin('homes', 'homes.id', 'dutyShifts.homeId')
    .select(['homes.name', 'dutyShifts.startsAt', 'dutyShifts.endsAt'])
    .where('dutyShifts.memberId', '=', memberId)
    .where('dutyShifts.status', '!=', 'cancelled')
    .where('dutyShifts.startsAt', '<', endsAt)
    .where('dutyShifts.endsAt', '>', startsAt)
    .orderBy('dutyShifts.startsAt')
    .executeTakeFirst();
}

export async function insertShift(trx: Db, values: Insertable<DutyShiftTable>) {
  const { id } = await trx.insertInto('dutyShifts').values(values).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** Changes a shift's status while it is still scheduled; answers how many rows changed. */
export async function setScheduledShiftStatus(
  trx: Db,
  id: string,
  status: Updateable<DutyShiftTable>['status'],
) {
  const updated = await trx
    .updateTable('dutyShifts')
    .set({ status })
    .where('id', '=', id)
    .where('status', '=', 'scheduled')
    .executeTakeFirst();
  return Number(updated.numUpdatedRows);
}

export async function setShift(trx: Db, id: string, changes: Updateable<DutyShiftTable>) {
  await trx.updateTable('dutyShifts').set(changes).where('id', '=', id).execute();
}

/** The duty day's host home and the member on duty as its attendance. */
export async function recordDutyDay(
  trx: Db,
  day: { activityId: string; homeId: string; memberId: string; recordedBy: string },
) {
  await trx.insertInto('activityHosts').values({ activityId: day.activityId, homeId: day.homeId }).execute();
  await trx
    .insertInto('attendance')
    .values({
      activityId: day.activityId,
      memberId: day.memberId,
      source: 'duty',
      recordedBy: day.recordedBy,
    })
    .execute();
}
