import { sql } from 'kysely';
import type { ProblemStatus } from '../../domain/opinion-workflow.js';
import { maskName, maskPhone } from '../../domain/privacy.js';
import { likePattern } from '../../lib/sql.js';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../server/errors.js';
import { isUuid, pageOf } from '../../server/http.js';
import type { Actor, Db, Who } from '../../server/types.js';
import { recordAudit } from '../audit/service.js';
import { requireInScope } from '../references.js';
import { mayHandleProblem, opinionScope, type ProblemFacts } from './policy.js';
import type { CreateProblemInput, ListProblemsQuery, UpdateProblemInput } from './schema.js';
import { type OpinionTarget, resolveTarget } from './service.js';
import { reserveTrackingCode } from './tracking.js';

/** 解难纾困 (R20): a citizen's problem, who handles it, what was done, the result and satisfaction. */

const COLUMNS = [
  'citizenProblems.id',
  'citizenProblems.trackingCode',
  'citizenProblems.opinionId',
  'opinions.title as opinionTitle',
  'citizenProblems.homeId',
  'homes.name as homeName',
  'homes.level as homeLevel',
  'homes.directorMemberId as homeDirectorMemberId',
  'citizenProblems.regionCode',
  'regions.name as regionName',
  'citizenProblems.ownerUnitId',
  'citizenProblems.title',
  'citizenProblems.description',
  'citizenProblems.requesterName',
  'citizenProblems.requesterPhone',
  'citizenProblems.contactConsent',
  'citizenProblems.handlerMemberId',
  'members.name as handlerMemberName',
  'citizenProblems.handlerDepartment',
  'citizenProblems.actions',
  'citizenProblems.result',
  'citizenProblems.resultPublic',
  'citizenProblems.status',
  'citizenProblems.satisfaction',
  'citizenProblems.satisfactionComment',
  'citizenProblems.ratedAt',
  'citizenProblems.createdAt',
  'citizenProblems.resolvedAt',
] as const;

const problems = (db: Db) =>
  db
    .selectFrom('citizenProblems')
    .leftJoin('opinions', 'opinions.id', 'citizenProblems.opinionId')
    .leftJoin('homes', 'homes.id', 'citizenProblems.homeId')
    .leftJoin('regions', 'regions.code', 'citizenProblems.regionCode')
    .leftJoin('members', 'members.id', 'citizenProblems.handlerMemberId');

type ProblemRow = Awaited<ReturnType<ReturnType<typeof selectProblems>['execute']>>[number];
const selectProblems = (db: Db) => problems(db).select(COLUMNS);

/** Those who answer for the home or region, the office, and the member handling it may update it. */
const mayUpdate = (actor: Actor, p: ProblemFacts) => mayHandleProblem(actor, p);

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function present(actor: Actor, row: ProblemRow) {
  const { homeLevel: _l, homeDirectorMemberId: _d, ownerUnitId: _o, ...rest } = row;
  const may = mayUpdate(actor, row);
  return {
    ...rest,
    // the requester's name and phone are for those who handle the problem
    requesterName: may || !row.requesterName ? row.requesterName : maskName(row.requesterName),
    requesterPhone: may || !row.requesterPhone ? row.requesterPhone : maskPhone(row.requesterPhone),
    status: row.status as ProblemStatus,
    ratedAt: iso(row.ratedAt),
    createdAt: row.createdAt.toISOString(),
    resolvedAt: iso(row.resolvedAt),
    allowedActions: may ? ['update' as const] : [],
  };
}

export async function listProblems(db: Db, actor: Actor, query: ListProblemsQuery) {
  let q = problems(db).where(opinionScope(actor, 'citizenProblems'));
  if (query.status) q = q.where('citizenProblems.status', '=', query.status);
  if (query.homeId) q = q.where(sql`citizen_problems.home_id::text`, '=', query.homeId);
  if (query.q) {
    const like = likePattern(query.q);
    q = q.where((eb) =>
      eb.or([
        eb('citizenProblems.title', 'like', like),
        eb('citizenProblems.trackingCode', '=', query.q as string),
      ]),
    );
  }
  return pageOf(
    query,
    q.select(COLUMNS).orderBy('citizenProblems.createdAt', 'desc').orderBy('citizenProblems.id'),
    q.select((eb) => eb.fn.countAll<string>().as('n')),
    (rows) => rows.map((r) => present(actor, r)),
  );
}

async function findProblem(db: Db, actor: Actor, id: string) {
  if (!isUuid(id)) return undefined;
  return selectProblems(db)
    .where('citizenProblems.id', '=', id)
    .where(opinionScope(actor, 'citizenProblems'))
    .executeTakeFirst();
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
    const opinion = isUuid(input.opinionId)
      ? await db
          .selectFrom('opinions')
          .leftJoin('homes', 'homes.id', 'opinions.homeId')
          .select([
            'opinions.id',
            'opinions.homeId',
            'opinions.regionCode',
            'opinions.ownerUnitId',
            'opinions.assignedMemberId',
            'homes.level as homeLevel',
            'homes.directorMemberId as homeDirectorMemberId',
          ])
          .where('opinions.id', '=', input.opinionId)
          .where(opinionScope(actor, 'opinions'))
          .executeTakeFirst()
      : undefined;
    if (!opinion) throw notFound('找不到该意见');
    const may = mayUpdate(actor, { ...opinion, handlerMemberId: opinion.assignedMemberId });
    if (!may) throw forbidden('无权为该意见登记解难纾困事项');
    target = { homeId: opinion.homeId, regionCode: opinion.regionCode, ownerUnitId: opinion.ownerUnitId };
  } else {
    target = await resolveTarget(db, input, (home) => home.status !== 'closed', actor);
    const home = target.homeId
      ? await db
          .selectFrom('homes')
          .select(['level', 'directorMemberId'])
          .where('id', '=', target.homeId)
          .executeTakeFirstOrThrow()
      : null;
    const may = mayUpdate(actor, {
      ...target,
      homeLevel: home?.level ?? null,
      homeDirectorMemberId: home?.directorMemberId ?? null,
      handlerMemberId: null,
    });
    if (!may) throw forbidden('只能为本人负责的委员之家或地区登记解难纾困事项');
  }
  const phone = input.requesterPhone?.trim() || null;
  if (phone && input.contactConsent !== true) {
    throw badRequest('留下电话须经求助人同意联系', { requesterPhone: '留下电话须勾选求助人同意联系' });
  }
  await requireInScope(db, actor, { handlerMemberId: ['member', input.handlerMemberId] });
  const id = await db.transaction().execute(async (trx) => {
    const trackingCode = await reserveTrackingCode(trx, 'problem');
    const { id } = await trx
      .insertInto('citizenProblems')
      .values({
        trackingCode,
        opinionId: input.opinionId ?? null,
        ...target,
        title: input.title,
        description: input.description,
        requesterName: input.requesterName ?? null,
        requesterPhone: phone,
        contactConsent: phone ? true : input.contactConsent === true,
        handlerMemberId: input.handlerMemberId ?? null,
        handlerDepartment: input.handlerDepartment ?? null,
        createdBy: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
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
  const changes: Record<string, unknown> = { ...patch, updatedAt: sql`now()` };
  if (status === 'resolved' && before.status !== 'resolved') changes.resolvedAt = sql`now()`;
  if (status !== 'resolved') changes.resolvedAt = null;
  if (patch.satisfaction !== undefined) changes.ratedAt = patch.satisfaction === null ? null : sql`now()`;
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('citizenProblems').set(changes).where('id', '=', before.id).execute();
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

const publicColumns = [
  'trackingCode',
  'title',
  'status',
  'createdAt',
  'result',
  'resultPublic',
  'resolvedAt',
  'satisfaction',
] as const;

type PublicRow = {
  trackingCode: string;
  title: string;
  status: string;
  createdAt: Date;
  result: string | null;
  resultPublic: boolean;
  resolvedAt: Date | null;
  satisfaction: number | null;
};

/** What the citizen sees: the result only once it is published, never anyone's contact. */
export function presentPublicProblem(row: PublicRow) {
  const published = row.status === 'resolved' && row.resultPublic;
  return {
    trackingCode: row.trackingCode,
    title: row.title,
    status: row.status as ProblemStatus,
    createdAt: row.createdAt.toISOString(),
    result: published ? row.result : null,
    resolvedAt: iso(row.resolvedAt),
    satisfaction: row.satisfaction,
    canRate: published && row.satisfaction === null,
  };
}

export async function publicProblemsOfOpinion(db: Db, opinionId: string) {
  const rows = await db
    .selectFrom('citizenProblems')
    .select(publicColumns)
    .where('opinionId', '=', opinionId)
    .orderBy('createdAt')
    .execute();
  return rows.map(presentPublicProblem);
}

export async function trackProblem(db: Db, code: string) {
  const row = await db
    .selectFrom('citizenProblems')
    .select(publicColumns)
    .where('trackingCode', '=', code)
    .executeTakeFirst();
  return row ? presentPublicProblem(row) : undefined;
}

/** The citizen rates a published result, once. */
export async function rateProblem(
  db: Db,
  who: Who,
  code: string,
  input: { satisfaction: 1 | 2 | 3; comment?: string | null },
) {
  const row = await db
    .selectFrom('citizenProblems')
    .select(['id', ...publicColumns])
    .where('trackingCode', '=', code)
    .executeTakeFirst();
  if (!row) throw notFound('查询码不存在，请核对后重试');
  if (row.status !== 'resolved' || !row.resultPublic) {
    throw new AppError(409, 'INVALID_TRANSITION', '办理结果公布后才能评价');
  }
  const rated = await db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('citizenProblems')
      .set({
        satisfaction: input.satisfaction,
        satisfactionComment: input.comment ?? null,
        ratedAt: sql`now()`,
      })
      .where('id', '=', row.id)
      .where('satisfaction', 'is', null)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return false;
    await recordAudit(trx, who, {
      action: 'problem.rate',
      objectType: 'citizen_problem',
      objectId: row.id,
      after: { satisfaction: input.satisfaction },
    });
    return true;
  });
  if (!rated) throw conflict('您已评价过该事项');
  return (await trackProblem(db, code))!;
}
