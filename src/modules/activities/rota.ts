import { sql } from 'kysely';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../server/errors.js';
import { isUuid } from '../../server/http.js';
import type { Actor, Db, Who } from '../../server/types.js';
import { recordAudit } from '../audit/service.js';
import { mayUpdateHome } from '../homes/policy.js';
import { getHome } from '../homes/service.js';
import { requireInScope } from '../references.js';
import { insertActivity, visibleHomeIds } from './repo.js';
import type { CreateDutyShiftInput, UpdateDutyShiftInput } from './schema.js';

/** 委员值班 (duty rota): a member on duty at a home for a stretch of time. */

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

/** "2026-05-01 09:00" in Beijing time, for messages. */
const beijingTime = (instant: Date) =>
  new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

export async function listDutyShifts(
  db: Db,
  actor: Actor,
  homeId: string,
  range: { from?: string; to?: string },
) {
  const home = await getHome(db, actor, homeId);
  let q = shifts(db).where('dutyShifts.homeId', '=', home.id);
  // shifts that overlap the range
  if (range.from) q = q.where('dutyShifts.endsAt', '>', new Date(range.from));
  if (range.to) q = q.where('dutyShifts.startsAt', '<', new Date(range.to));
  return q.orderBy('dutyShifts.startsAt').orderBy('dutyShifts.id').execute();
}

export async function createDutyShift(db: Db, who: Who, homeId: string, input: CreateDutyShiftInput) {
  const actor = who.actor!;
  const home = await getHome(db, actor, homeId);
  if (!mayUpdateHome(actor, home)) throw forbidden('只有委员之家的负责人或主管单位可以安排值班');
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  const fields: Record<string, string> = {};
  if (endsAt <= startsAt) fields.endsAt = '结束时间须晚于开始时间';
  if (Object.keys(fields).length) throw badRequest('值班信息有误', fields);
  await requireInScope(db, actor, { memberId: ['member', input.memberId] });
  const member = await db
    .selectFrom('members')
    .select(['id', 'name'])
    .where('id', '=', input.memberId)
    .executeTakeFirstOrThrow();

  const id = await db.transaction().execute(async (trx) => {
    // One member's shifts are checked and written one request at a time, on every instance.
    await sql`select pg_advisory_xact_lock(hashtext(${member.id}))`.execute(trx);
    const clash = await trx
      .selectFrom('dutyShifts')
      .innerJoin('homes', 'homes.id', 'dutyShifts.homeId')
      .select(['homes.name', 'dutyShifts.startsAt', 'dutyShifts.endsAt'])
      .where('dutyShifts.memberId', '=', member.id)
      .where('dutyShifts.status', '!=', 'cancelled')
      .where('dutyShifts.startsAt', '<', endsAt)
      .where('dutyShifts.endsAt', '>', startsAt)
      .orderBy('dutyShifts.startsAt')
      .executeTakeFirst();
    if (clash) {
      const message = `${member.name}在“${clash.name}”已有时间重叠的值班（${beijingTime(clash.startsAt)} 至 ${beijingTime(clash.endsAt)}）`;
      throw conflict(message, { startsAt: message });
    }
    const { id } = await trx
      .insertInto('dutyShifts')
      .values({
        homeId: home.id,
        memberId: member.id,
        startsAt,
        endsAt,
        note: input.note ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, who, {
      action: 'duty_shift.create',
      objectType: 'duty_shift',
      objectId: id,
      after: { homeId: home.id, ...input },
    });
    return id;
  });
  return (await shifts(db).where('dutyShifts.id', '=', id).executeTakeFirst())!;
}

/**
 * Records how a shift went. `served` (once it has started) turns it into a held 委员值班日
 * activity of the home with the member's attendance, which the scorecard and the member's
 * record then count.
 */
export async function updateDutyShift(db: Db, who: Who, id: string, patch: UpdateDutyShiftInput) {
  const actor = who.actor!;
  const shift = isUuid(id)
    ? await shifts(db)
        .select(['homes.address'])
        .where('dutyShifts.id', '=', id)
        .where('dutyShifts.homeId', 'in', visibleHomeIds(db, actor))
        .executeTakeFirst()
    : undefined;
  if (!shift) throw notFound('找不到该值班安排');
  const home = await getHome(db, actor, shift.homeId);
  if (!mayUpdateHome(actor, home)) throw forbidden('只有委员之家的负责人或主管单位可以登记值班');

  const to = patch.status;
  const changes = to !== undefined && to !== shift.status;
  if (changes) {
    if (shift.status !== 'scheduled') {
      throw new AppError(409, 'INVALID_TRANSITION', '该值班已登记，不能再更改状态');
    }
    if ((to === 'served' || to === 'missed') && shift.startsAt.getTime() > Date.now()) {
      throw new AppError(409, 'INVALID_TRANSITION', '值班尚未开始，不能登记为已值班或缺勤');
    }
  }

  await db.transaction().execute(async (trx) => {
    if (changes) {
      // the status in the WHERE makes a second, concurrent request lose instead of doubling the activity
      const updated = await trx
        .updateTable('dutyShifts')
        .set({ status: to })
        .where('id', '=', id)
        .where('status', '=', 'scheduled')
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) {
        throw new AppError(409, 'INVALID_TRANSITION', '该值班已被他人登记，请刷新');
      }
    }
    if (changes && to === 'served') {
      const { id: activityId } = await insertActivity(trx, {
        title: `委员值班日：${shift.memberName}`,
        kind: 'duty_day',
        function: 'duty',
        startsAt: shift.startsAt,
        endsAt: shift.endsAt,
        place: shift.address,
        status: 'held',
        summary: patch.note ?? shift.note,
        outcomes: null,
        planItemId: null,
        createdBy: actor.userId,
      });
      await trx.insertInto('activityHosts').values({ activityId, homeId: shift.homeId }).execute();
      await trx
        .insertInto('attendance')
        .values({ activityId, memberId: shift.memberId, source: 'duty', recordedBy: actor.userId })
        .execute();
      await trx.updateTable('dutyShifts').set({ activityId }).where('id', '=', id).execute();
      await recordAudit(trx, who, {
        action: 'activity.create',
        objectType: 'activity',
        objectId: activityId,
        after: { dutyShiftId: id, kind: 'duty_day', status: 'held', hostHomeIds: [shift.homeId] },
      });
    }
    if (patch.note !== undefined) {
      await trx.updateTable('dutyShifts').set({ note: patch.note }).where('id', '=', id).execute();
    }
    await recordAudit(trx, who, {
      action: changes ? `duty_shift.${to}` : 'duty_shift.update',
      objectType: 'duty_shift',
      objectId: id,
      before: { status: shift.status, note: shift.note },
      after: patch,
    });
  });
  return (await shifts(db).where('dutyShifts.id', '=', id).executeTakeFirst())!;
}
