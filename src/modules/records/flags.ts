import { sql } from 'kysely';
import { conflict, forbidden, notFound } from '../../server/errors.js';
import { isUuid, pageOf } from '../../server/http.js';
import type { Actor, Db, Who } from '../../server/types.js';
import { recordAudit } from '../audit/service.js';
import { managesMember, memberScope } from '../members/policy.js';
import { dutyFlagActions } from './policy.js';
import { flagsQuery, memberOf } from './repo.js';

/**
 * Flags: a member says an entry is missing from their record; the staff who manage them answer.
 */

type FlagRow = Awaited<ReturnType<ReturnType<typeof flagsQuery>['execute']>>[number];
export const presentFlag = (actor: Actor, { memberLevel, memberOrgUnitId, ...f }: FlagRow) => ({
  ...f,
  status: f.status as 'open' | 'resolved' | 'rejected',
  createdAt: f.createdAt.toISOString(),
  resolvedAt: f.resolvedAt ? f.resolvedAt.toISOString() : null,
  allowedActions: dutyFlagActions(actor, f, {
    id: f.memberId,
    level: memberLevel,
    orgUnitId: memberOrgUnitId,
  }),
});

export async function flagMissing(
  db: Db,
  who: Who,
  memberId: string,
  input: { year: number; description: string },
) {
  const actor = who.actor!;
  if (actor.memberId !== memberId) throw forbidden('只能为本人的履职档案反映遗漏');
  const { id } = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('dutyFlags')
      .values({ memberId, year: input.year, description: input.description })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, who, {
      action: 'duty.flag',
      objectType: 'duty_flag',
      objectId: row.id,
      after: input,
    });
    return row;
  });
  return presentFlag(actor, await flagsQuery(db).where('dutyFlags.id', '=', id).executeTakeFirstOrThrow());
}

export async function listFlags(
  db: Db,
  actor: Actor,
  q: { page: number; pageSize: number; status?: string; year?: number },
) {
  let query = flagsQuery(db).where(memberScope(actor));
  if (q.status) query = query.where('dutyFlags.status', '=', q.status);
  if (q.year) query = query.where('dutyFlags.year', '=', q.year);
  return pageOf(
    q,
    query.orderBy('dutyFlags.createdAt', 'desc').orderBy('dutyFlags.id'),
    query.clearSelect().select((eb) => eb.fn.countAll<string>().as('n')),
    (rows) => rows.map((row) => presentFlag(actor, row)),
  );
}

export async function resolveFlag(
  db: Db,
  who: Who,
  id: string,
  input: { status: 'resolved' | 'rejected'; response: string },
) {
  const actor = who.actor!;
  const flag = isUuid(id)
    ? await flagsQuery(db).where('dutyFlags.id', '=', id).where(memberScope(actor)).executeTakeFirst()
    : undefined;
  if (!flag) throw notFound('找不到该反映');
  const member = await memberOf(db, actor, flag.memberId);
  if (!managesMember(actor, member)) throw forbidden('只有管理该委员的工作人员可以处理');
  if (flag.status !== 'open') throw conflict('该反映已处理');
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('dutyFlags')
      .set({
        status: input.status,
        response: input.response,
        resolvedBy: actor.userId,
        resolvedAt: sql`now()`,
      })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, who, {
      action: 'duty.flag.resolve',
      objectType: 'duty_flag',
      objectId: id,
      after: input,
    });
  });
  return presentFlag(actor, await flagsQuery(db).where('dutyFlags.id', '=', id).executeTakeFirstOrThrow());
}
