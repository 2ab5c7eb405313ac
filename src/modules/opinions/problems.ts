import { sealPhone } from '../../lib/personal-data.js';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../server/errors.js';
import type { Actor, Db, Who } from '../../server/types.js';
import { recordAudit } from '../audit/service.js';
import { requireInScope } from '../references/service.js';
import { mayHandleProblem, type ProblemFacts } from './policy.js';
import { presentProblem, presentPublicProblem } from './presenter.js';
import {
  changeProblem,
  findOpinionForProblem,
  findProblem,
  findPublicProblem,
  insertProblem,
  type ProblemRow,
  type ProblemTime,
  problemsPage,
  publicProblemsOf,
  rateOnce,
} from './repo/problems.js';
import type { CreateProblemInput, ListProblemsQuery, UpdateProblemInput } from './schema.js';
import { type OpinionTarget, resolveTarget, targetFacts } from './service.js';
import { reserveTrackingCode } from './tracking.js';

/** 解难纾困 (R20): a citizen's problem, who handles it, what was done, the result and satisfaction. */

/** Those who answer for the home or region, the office, and the member handling it may update it. */
const mayUpdate = (actor: Actor, p: ProblemFacts) => mayHandleProblem(actor, p);

const present = (actor: Actor, row: ProblemRow) => presentProblem(row, mayUpdate(actor, row));

export async function listProblems(db: Db, actor: Actor, query: ListProblemsQuery) {
  const page = await problemsPage(db, actor, query);
  return { ...page, items: page.items.map((r) => present(actor, r)) };
}

export async function getProblem(db: Db, actor: Actor, id: string) {
  const row = await findProblem(db, actor, id);
  if (!row) throw notFound('找不到该解难纾困事项');
  return present(actor, row);
}

/**
 * Registers a problem: from an opinion (it takes the opinion's home or region), or directly at a
 * home or region the actor answers for.
 */
export async function createProblem(db: Db, who: Who, input: CreateProblemInput) {
  const actor = who.actor!;
  let target: OpinionTarget;
  if (input.opinionId) {
    const opinion = await findOpinionForProblem(db, actor, input.opinionId);
    if (!opinion) throw notFound('找不到该意见');
    const may = mayUpdate(actor, { ...opinion, handlerMemberId: opinion.assignedMemberId });
    if (!may) throw forbidden('无权为该意见登记解难纾困事项');
    target = { homeId: opinion.homeId, regionCode: opinion.regionCode, ownerUnitId: opinion.ownerUnitId };
  } else {
    target = await resolveTarget(db, input, (home) => home.status !== 'closed', actor);
    const may = mayUpdate(actor, { ...(await targetFacts(db, target)), handlerMemberId: null });
    if (!may) throw forbidden('只能为本人负责的委员之家或地区登记解难纾困事项');
  }
  const phone = input.requesterPhone?.trim() || null;
  if (phone && input.contactConsent !== true) {
    throw badRequest('留下电话须经求助人同意联系', { requesterPhone: '留下电话须勾选求助人同意联系' });
  }
  await requireInScope(db, actor, { handlerMemberId: ['member', input.handlerMemberId] });
  const id = await db.transaction().execute(async (trx) => {
    const trackingCode = await reserveTrackingCode(trx, 'problem');
    const { id } = await insertProblem(trx, {
      trackingCode,
      opinionId: input.opinionId ?? null,
      ...target,
      title: input.title,
      description: input.description,
      requesterName: input.requesterName ?? null,
      requesterPhoneSealed: sealPhone(phone),
      contactConsent: phone ? true : input.contactConsent === true,
      handlerMemberId: input.handlerMemberId ?? null,
      handlerDepartment: input.handlerDepartment ?? null,
      createdBy: actor.userId,
    });
    await recordAudit(trx, who, {
      action: 'problem.create',
      objectType: 'citizen_problem',
      objectId: id,
      after: { title: input.title, opinionId: input.opinionId ?? null, ...target },
    });
    return id;
  });
  return getProblem(db, actor, id);
}

export async function updateProblem(db: Db, who: Who, id: string, patch: UpdateProblemInput) {
  const actor = who.actor!;
  const before = await findProblem(db, actor, id);
  if (!before) throw notFound('找不到该解难纾困事项');
  if (!mayUpdate(actor, before)) throw forbidden('无权办理该事项');
  if (patch.handlerMemberId !== before.handlerMemberId)
    await requireInScope(db, actor, { handlerMemberId: ['member', patch.handlerMemberId] });
  const status = patch.status ?? before.status;
  const result = patch.result !== undefined ? patch.result : before.result;
  if (status === 'resolved' && !result) {
    throw badRequest('办结前请填写办理结果', { result: '办结前请填写办理结果' });
  }
  if (patch.satisfaction !== undefined && patch.satisfaction !== null && status !== 'resolved') {
    throw badRequest('办结后才能记录满意度', { satisfaction: '办结后才能记录满意度' });
  }
  const changes: Record<string, unknown> = { ...patch };
  // the times the change records, on the database's clock
  const times: ProblemTime[] = [];
  if (status === 'resolved' && before.status !== 'resolved') times.push('resolvedAt');
  if (status !== 'resolved') changes.resolvedAt = null;
  if (patch.satisfaction !== undefined) {
    if (patch.satisfaction === null) changes.ratedAt = null;
    else times.push('ratedAt');
  }
  await db.transaction().execute(async (trx) => {
    await changeProblem(trx, before.id, changes, times);
    await recordAudit(trx, who, {
      action: 'problem.update',
      objectType: 'citizen_problem',
      objectId: before.id,
      before: { status: before.status, result: before.result, satisfaction: before.satisfaction },
      after: patch,
    });
  });
  return getProblem(db, actor, before.id);
}

// ---- the citizen's side ----

export async function publicProblemsOfOpinion(db: Db, opinionId: string) {
  return (await publicProblemsOf(db, opinionId)).map(presentPublicProblem);
}

export async function trackProblem(db: Db, code: string) {
  const row = await findPublicProblem(db, code);
  return row ? presentPublicProblem(row) : undefined;
}

/** The citizen rates a published result, once. */
export async function rateProblem(
  db: Db,
  who: Who,
  code: string,
  input: { satisfaction: 1 | 2 | 3; comment?: string | null },
) {
  const row = await findPublicProblem(db, code);
  if (!row) throw notFound('查询码不存在，请核对后重试');
  if (row.status !== 'resolved' || !row.resultPublic) {
    throw new AppError(409, 'INVALID_TRANSITION', '办理结果公布后才能评价');
  }
  const rated = await db.transaction().execute(async (trx) => {
    if ((await rateOnce(trx, row.id, input)) !== 1) return false;
    await recordAudit(trx, who, {
      action: 'problem.rate',
      objectType: 'citizen_problem',
      objectId: row.id,
      // a result is rated once: it had none
      before: { satisfaction: null },
      after: { satisfaction: input.satisfaction },
    });
    return true;
  });
  if (!rated) throw conflict('您已评价过该事项');
  return (await trackProblem(db, code))!;
}
