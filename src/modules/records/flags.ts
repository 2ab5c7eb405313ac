import { conflict, forbidden, notFound } from '../../server/errors.js';
import type { Actor, Db, Who } from '../../server/types.js';
import { recordAudit } from '../audit/service.js';
import { managesMember } from '../members/policy.js';
import { presentFlag } from './presenter.js';
import { findFlagInScope, flagById, flagsPage, insertFlag, resolveFlagRow } from './repo/flags.js';
import { memberOf } from './service.js';

/**
 * Flags: a member says an entry is missing from their record; the staff who manage them answer.
 */

export async function flagMissing(
  db: Db,
  who: Who,
  memberId: string,
  input: { year: number; description: string },
) {
  const actor = who.actor!;
  if (actor.memberId !== memberId) throw forbidden('只能为本人的履职档案反映遗漏');
  const id = await db.transaction().execute(async (trx) => {
    const flagId = await insertFlag(trx, memberId, input.year, input.description);
    await recordAudit(trx, who, {
      action: 'duty.flag',
      objectType: 'duty_flag',
      objectId: flagId,
      after: input,
    });
    return flagId;
  });
  return presentFlag(actor, await flagById(db, id));
}

export async function listFlags(
  db: Db,
  actor: Actor,
  q: { page: number; pageSize: number; status?: string; year?: number },
) {
  const page = await flagsPage(db, actor, q);
  return { ...page, items: page.items.map((row) => presentFlag(actor, row)) };
}

export async function resolveFlag(
  db: Db,
  who: Who,
  id: string,
  input: { status: 'resolved' | 'rejected'; response: string },
) {
  const actor = who.actor!;
  const flag = await findFlagInScope(db, actor, id);
  if (!flag) throw notFound('找不到该反映');
  const member = await memberOf(db, actor, flag.memberId);
  if (!managesMember(actor, member)) throw forbidden('只有管理该委员的工作人员可以处理');
  if (flag.status !== 'open') throw conflict('该反映已处理');
  await db.transaction().execute(async (trx) => {
    await resolveFlagRow(trx, id, actor.userId, input);
    await recordAudit(trx, who, {
      action: 'duty.flag.resolve',
      objectType: 'duty_flag',
      objectId: id,
      before: { status: flag.status },
      after: input,
    });
  });
  return presentFlag(actor, await flagById(db, id));
}
