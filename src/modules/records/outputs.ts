import { sql } from 'kysely';
import type { ProposalStatus } from '../../domain/duty-record.js';
import { likePattern } from '../../lib/sql.js';
import { badRequest, forbidden, notFound } from '../../server/errors.js';
import { isUuid, pageOf } from '../../server/http.js';
import type { Actor, Db, Who } from '../../server/types.js';
import { activityScope } from '../activities/repo.js';
import { recordAudit } from '../audit/service.js';
import { memberScope } from '../members/policy.js';
import { requireInScope } from '../references.js';
import { outputActions, recordAbilities } from './policy.js';
import type { OutputsQuery, ProposalInput, ReportInput } from './schema.js';

/**
 * Proposals (提案) and research reports (调研报告) as records that count in the duty record (R19):
 * who, what, when, and the home or activity they came from. Staff register them; everyone sees
 * those of the members in their scope.
 */

type Kind = 'proposal' | 'report';

/**
 * The members of the outputs, each with whether the actor may name them (all of them must be, for
 * the actor to change the output).
 */
async function membersOf(db: Db, actor: Actor, kind: Kind, ids: string[]) {
  if (ids.length === 0) return [];
  if (kind === 'proposal') {
    return db
      .selectFrom('proposalMembers')
      .innerJoin('members', 'members.id', 'proposalMembers.memberId')
      .select((eb) => [
        'proposalMembers.proposalId as ownerId',
        'members.id',
        'members.name',
        'proposalMembers.role',
        sql<boolean>`${memberScope(actor)(eb)}`.as('inScope'),
      ])
      .where('proposalMembers.proposalId', 'in', ids)
      .orderBy('members.name')
      .execute();
  }
  return db
    .selectFrom('researchReportMembers')
    .innerJoin('members', 'members.id', 'researchReportMembers.memberId')
    .select((eb) => [
      'researchReportMembers.reportId as ownerId',
      'members.id',
      'members.name',
      sql<string>`'member'`.as('role'),
      sql<boolean>`${memberScope(actor)(eb)}`.as('inScope'),
    ])
    .where('researchReportMembers.reportId', 'in', ids)
    .orderBy('members.name')
    .execute();
}

/** An activity a body links must be one the actor sees. */
async function checkActivity(db: Db, actor: Actor, activityId: string | null | undefined) {
  if (!activityId) return;
  const activity = isUuid(activityId)
    ? await db
        .selectFrom('activities')
        .select('id')
        .where('id', '=', activityId)
        .where(activityScope(db, actor))
        .executeTakeFirst()
    : undefined;
  if (!activity)
    throw badRequest('找不到该活动，或它不在您的管理范围内', {
      activityId: '找不到该活动，或它不在您的管理范围内',
    });
}

/** The outputs visible to the actor: those with a member in the actor's member scope. */
function visibleIds(db: Db, actor: Actor, kind: Kind) {
  if (kind === 'proposal') {
    return db
      .selectFrom('proposalMembers')
      .innerJoin('members', 'members.id', 'proposalMembers.memberId')
      .select('proposalMembers.proposalId as id')
      .where(memberScope(actor));
  }
  return db
    .selectFrom('researchReportMembers')
    .innerJoin('members', 'members.id', 'researchReportMembers.memberId')
    .select('researchReportMembers.reportId as id')
    .where(memberScope(actor));
}

const mayManage = (actor: Actor) => recordAbilities['output.manage'](actor);

// ---- proposals ----

function proposals(db: Db) {
  return db
    .selectFrom('proposals as o')
    .leftJoin('homes', 'homes.id', 'o.homeId')
    .leftJoin('activities', 'activities.id', 'o.activityId')
    .select([
      'o.id',
      'o.year',
      'o.number',
      'o.title',
      'o.status',
      sql<string>`o.submitted_on::text`.as('submittedOn'),
      sql<string | null>`o.decided_on::text`.as('decidedOn'),
      'o.handlingResult',
      'o.homeId',
      'homes.name as homeName',
      'o.activityId',
      'activities.title as activityTitle',
    ]);
}

async function presentProposals(
  db: Db,
  actor: Actor,
  rows: Awaited<ReturnType<ReturnType<typeof proposals>['execute']>>,
) {
  const people = await membersOf(
    db,
    actor,
    'proposal',
    rows.map((r) => r.id),
  );
  return rows.map((r) => {
    const of = people.filter((p) => p.ownerId === r.id);
    const lead = of.find((p) => p.role === 'lead') ?? of[0] ?? { id: '', name: '' };
    return {
      ...r,
      status: r.status as ProposalStatus,
      lead: { id: lead.id, name: lead.name },
      cosigners: of.filter((p) => p.role !== 'lead').map((p) => ({ id: p.id, name: p.name })),
      allowedActions: outputActions(
        actor,
        of.every((p) => p.inScope),
      ),
    };
  });
}

export async function listProposals(db: Db, actor: Actor, q: OutputsQuery) {
  let query = proposals(db).where('o.id', 'in', visibleIds(db, actor, 'proposal'));
  if (q.year) query = query.where('o.year', '=', q.year);
  if (q.status) query = query.where('o.status', '=', q.status);
  if (q.homeId) query = query.where(sql`o.home_id::text`, '=', q.homeId);
  if (q.q) query = query.where('o.title', 'like', likePattern(q.q));
  if (q.memberId) {
    query = query.where(
      'o.id',
      'in',
      db.selectFrom('proposalMembers').select('proposalId').where(sql`member_id::text`, '=', q.memberId),
    );
  }
  return pageOf(
    q,
    query.orderBy('o.submittedOn', 'desc').orderBy('o.id'),
    query.clearSelect().select((eb) => eb.fn.countAll<string>().as('n')),
    (rows) => presentProposals(db, actor, rows),
  );
}

export async function getProposal(db: Db, actor: Actor, id: string) {
  const row = isUuid(id)
    ? await proposals(db)
        .where('o.id', '=', id)
        .where('o.id', 'in', visibleIds(db, actor, 'proposal'))
        .executeTakeFirst()
    : undefined;
  if (!row) throw notFound('找不到该提案');
  return (await presentProposals(db, actor, [row]))[0]!;
}

export async function saveProposal(db: Db, who: Who, id: string | null, input: Partial<ProposalInput>) {
  const actor = who.actor!;
  if (!mayManage(actor)) throw forbidden('无权登记提案');
  const before = id ? await getProposal(db, actor, id) : null;
  const lead = input.leadMemberId ?? before?.lead.id;
  const cosigners = input.cosignerMemberIds ?? before?.cosigners.map((c) => c.id) ?? [];
  if (!lead) throw badRequest('请选择领衔委员', { leadMemberId: '请选择领衔委员' });
  if (cosigners.includes(lead))
    throw badRequest('领衔委员不必再列为联名委员', { cosignerMemberIds: '领衔委员不必再列为联名委员' });
  // an output changes only in the hands of staff who may name every member on it now
  if (before && !before.allowedActions.includes('update'))
    throw forbidden('该提案有不在您管理范围内的委员，不能修改');
  await requireInScope(db, actor, {
    leadMemberId: ['member', lead],
    cosignerMemberIds: ['member', cosigners],
    homeId: ['home', input.homeId],
  });
  await checkActivity(db, actor, input.activityId);
  const submittedOn = input.submittedOn ?? before?.submittedOn;
  const status = input.status ?? before?.status ?? 'pending';
  const decidedOn = input.decidedOn !== undefined ? input.decidedOn : (before?.decidedOn ?? null);
  if (decidedOn && submittedOn && decidedOn < submittedOn) {
    throw badRequest('立案日期不能早于提交日期', { decidedOn: '不能早于提交日期' });
  }
  const values = {
    title: input.title ?? before!.title,
    number: input.number !== undefined ? input.number : (before?.number ?? null),
    submittedOn: submittedOn!,
    year: Number(submittedOn!.slice(0, 4)),
    status,
    decidedOn: status === 'pending' ? null : decidedOn,
    handlingResult:
      input.handlingResult !== undefined ? input.handlingResult : (before?.handlingResult ?? null),
    homeId: input.homeId !== undefined ? input.homeId : (before?.homeId ?? null),
    activityId: input.activityId !== undefined ? input.activityId : (before?.activityId ?? null),
  };
  const savedId = await db.transaction().execute(async (trx) => {
    let pid = id;
    if (pid) {
      await trx
        .updateTable('proposals')
        .set({ ...values, updatedAt: sql`now()` })
        .where('id', '=', pid)
        .execute();
      await trx.deleteFrom('proposalMembers').where('proposalId', '=', pid).execute();
    } else {
      ({ id: pid } = await trx
        .insertInto('proposals')
        .values({ ...values, createdBy: actor.userId })
        .returning('id')
        .executeTakeFirstOrThrow());
    }
    await trx
      .insertInto('proposalMembers')
      .values([
        { proposalId: pid!, memberId: lead, role: 'lead' as const },
        ...[...new Set(cosigners)].map((m) => ({ proposalId: pid!, memberId: m, role: 'cosigner' as const })),
      ])
      .execute();
    await recordAudit(trx, who, {
      action: id ? 'proposal.update' : 'proposal.create',
      objectType: 'proposal',
      objectId: pid!,
      before,
      after: { ...values, lead, cosigners },
    });
    return pid!;
  });
  return getProposal(db, actor, savedId);
}

// ---- research reports ----

function reports(db: Db) {
  return db
    .selectFrom('researchReports as o')
    .leftJoin('homes', 'homes.id', 'o.homeId')
    .leftJoin('activities', 'activities.id', 'o.activityId')
    .select([
      'o.id',
      'o.year',
      'o.title',
      'o.summary',
      sql<string>`o.completed_on::text`.as('completedOn'),
      'o.homeId',
      'homes.name as homeName',
      'o.activityId',
      'activities.title as activityTitle',
    ]);
}

async function presentReports(
  db: Db,
  actor: Actor,
  rows: Awaited<ReturnType<ReturnType<typeof reports>['execute']>>,
) {
  const people = await membersOf(
    db,
    actor,
    'report',
    rows.map((r) => r.id),
  );
  return rows.map((r) => {
    const of = people.filter((p) => p.ownerId === r.id);
    return {
      ...r,
      members: of.map((p) => ({ id: p.id, name: p.name })),
      allowedActions: outputActions(
        actor,
        of.every((p) => p.inScope),
      ),
    };
  });
}

export async function listReports(db: Db, actor: Actor, q: OutputsQuery) {
  let query = reports(db).where('o.id', 'in', visibleIds(db, actor, 'report'));
  if (q.year) query = query.where('o.year', '=', q.year);
  if (q.homeId) query = query.where(sql`o.home_id::text`, '=', q.homeId);
  if (q.q) query = query.where('o.title', 'like', likePattern(q.q));
  if (q.memberId) {
    query = query.where(
      'o.id',
      'in',
      db.selectFrom('researchReportMembers').select('reportId').where(sql`member_id::text`, '=', q.memberId),
    );
  }
  return pageOf(
    q,
    query.orderBy('o.completedOn', 'desc').orderBy('o.id'),
    query.clearSelect().select((eb) => eb.fn.countAll<string>().as('n')),
    (rows) => presentReports(db, actor, rows),
  );
}

export async function getReport(db: Db, actor: Actor, id: string) {
  const row = isUuid(id)
    ? await reports(db)
        .where('o.id', '=', id)
        .where('o.id', 'in', visibleIds(db, actor, 'report'))
        .executeTakeFirst()
    : undefined;
  if (!row) throw notFound('找不到该调研报告');
  return (await presentReports(db, actor, [row]))[0]!;
}

export async function saveReport(db: Db, who: Who, id: string | null, input: Partial<ReportInput>) {
  const actor = who.actor!;
  if (!mayManage(actor)) throw forbidden('无权登记调研报告');
  const before = id ? await getReport(db, actor, id) : null;
  const memberIds = input.memberIds ?? before?.members.map((m) => m.id) ?? [];
  if (memberIds.length === 0) throw badRequest('至少一名参与委员', { memberIds: '至少一名参与委员' });
  if (before && !before.allowedActions.includes('update'))
    throw forbidden('该调研报告有不在您管理范围内的委员，不能修改');
  await requireInScope(db, actor, { memberIds: ['member', memberIds], homeId: ['home', input.homeId] });
  await checkActivity(db, actor, input.activityId);
  const completedOn = input.completedOn ?? before!.completedOn;
  const values = {
    title: input.title ?? before!.title,
    summary: input.summary !== undefined ? input.summary : (before?.summary ?? null),
    completedOn,
    year: Number(completedOn.slice(0, 4)),
    homeId: input.homeId !== undefined ? input.homeId : (before?.homeId ?? null),
    activityId: input.activityId !== undefined ? input.activityId : (before?.activityId ?? null),
  };
  const savedId = await db.transaction().execute(async (trx) => {
    let rid = id;
    if (rid) {
      await trx
        .updateTable('researchReports')
        .set({ ...values, updatedAt: sql`now()` })
        .where('id', '=', rid)
        .execute();
      await trx.deleteFrom('researchReportMembers').where('reportId', '=', rid).execute();
    } else {
      ({ id: rid } = await trx
        .insertInto('researchReports')
        .values({ ...values, createdBy: actor.userId })
        .returning('id')
        .executeTakeFirstOrThrow());
    }
    await trx
      .insertInto('researchReportMembers')
      .values([...new Set(memberIds)].map((m) => ({ reportId: rid!, memberId: m })))
      .execute();
    await recordAudit(trx, who, {
      action: id ? 'report.update' : 'report.create',
      objectType: 'research_report',
      objectId: rid!,
      before,
      after: { ...values, memberIds },
    });
    return rid!;
  });
  return getReport(db, actor, savedId);
}
