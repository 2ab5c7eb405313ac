import { AppError, badRequest, conflict, forbidden, notFound } from '../../server/errors.js';
import { isUuid } from '../../server/http.js';
import type { Actor, Db, Who } from '../../server/types.js';
import { recordAudit } from '../audit/service.js';
import { mayUpdateHome } from '../homes/policy.js';
import { getHome } from '../homes/service.js';
import { requireInScope } from '../references/service.js';
import { insertActivity } from './repo/activities.js';
import {
  clashingShift,
  findShift,
  findVisibleShift,
  homeShifts,
  insertShift,
  lockMemberShifts,
  memberName,
  recordDutyDay,
  setScheduledShiftStatus,
  setShift,
} from './repo/rota.js';
import type { CreateDutyShiftInput, UpdateDutyShiftInput } from './schema.js';

/** 委员值班 (duty rota): a member on duty at a home for a stretch of time. */

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
  return homeShifts(db, home.id, range);
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
  const member = await memberName(db, input.memberId);

  const id = await db.transaction().execute(async (trx) => {
    // One member's shifts are checked and written one request at a time, on every instance.
    await lockMemberShifts(trx, member.id);
    const clash = await clashingShift(trx, member.id, startsAt, endsAt);
    if (clash) {
      const message = `${member.name}在“${clash.name}”已有时间重叠的值班（${beijingTime(clash.startsAt)} 至 ${beijingTime(clash.endsAt)}）`;
      throw conflict(message, { startsAt: message });
    }
    const id = await insertShift(trx, {
      homeId: home.id,
      memberId: member.id,
      startsAt,
      endsAt,
      note: input.note ?? null,
    });
    await recordAudit(trx, who, {
      action: 'duty_shift.create',
      objectType: 'duty_shift',
      objectId: id,
      after: { homeId: home.id, ...input },
    });
    return id;
  });
  return (await findShift(db, id))!;
}

/**
 * Records how a shift went. `served` (once it has started) turns it into a held 委员值班日
 * activity of the home with the member's attendance, which the scorecard and the member's
 * record then count.
 */
export async function updateDutyShift(db: Db, who: Who, id: string, patch: UpdateDutyShiftInput) {
  const actor = who.actor!;
  const shift = isUuid(id) ? await findVisibleShift(db, actor, id) : undefined;
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
      const updated = await setScheduledShiftStatus(trx, id, to);
      if (updated !== 1) {
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
      await recordDutyDay(trx, {
        activityId,
        homeId: shift.homeId,
        memberId: shift.memberId,
        recordedBy: actor.userId,
      });
      await setShift(trx, id, { activityId });
      await recordAudit(trx, who, {
        action: 'activity.create',
        objectType: 'activity',
        objectId: activityId,
        after: { dutyShiftId: id, kind: 'duty_day', status: 'held', hostHomeIds: [shift.homeId] },
      });
    }
    if (patch.note !== undefined) {
      await setShift(trx, id, { note: patch.note });
    }
    await recordAudit(trx, who, {
      action: changes ? `duty_shift.${to}` : 'duty_shift.update',
      objectType: 'duty_shift',
      objectId: id,
      before: { status: shift.status, note: shift.note },
      after: patch,
    });
  });
  return (await findShift(db, id))!;
}
