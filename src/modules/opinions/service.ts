import { type SelectQueryBuilder, sql } from 'kysely';
import { orgUnitId } from '../../db/reference/org-units.js';
import type { Database } from '../../db/schema.js';
import {
  OPINION_DEADLINES,
  OPINION_DECISIONS,
  type OpinionChannel,
  type OpinionStatus,
  opinionFlags,
  UNANSWERED_STATUSES,
} from '../../domain/opinion-workflow.js';
import { maskName, maskPhone } from '../../domain/privacy.js';
import { likePattern } from '../../lib/sql.js';
import { badRequest, forbidden, notFound } from '../../server/errors.js';
import { isUuid, pageOf } from '../../server/http.js';
import type { Actor, Db, Who } from '../../server/types.js';
import { recordAudit } from '../audit/service.js';
import { homeScope } from '../homes/policy.js';
import { notifyOpinion } from './notify.js';
import {
  allowedOpinionActions,
  decidesOpinions,
  mayEnterOpinionFor,
  mayHandleProblem,
  type OpinionFacts,
  opinionAbilities,
  opinionScope,
  runScope,
  seesSubmitter,
} from './policy.js';
import type { ListOpinionsQuery, PublicOpinionInput } from './schema.js';
import { contentKeyOf, lockContentKey, reserveTrackingCode } from './tracking.js';

const DAY_MS = 86_400_000;

// ---- where an opinion goes ----

export interface OpinionTarget {
  homeId: string | null;
  regionCode: string | null;
  ownerUnitId: string;
}

/**
 * Resolves "to a home, or to a region" into who answers for it: the home's owner; for a region,
 * its district CPPCC; otherwise the municipal office. `homeFilter` narrows which homes qualify.
 */
export async function resolveTarget(
  db: Db,
  input: { homeId?: string | null; regionCode?: string | null },
  homeOk: (home: { status: string }) => boolean,
  homeVisible?: Actor,
): Promise<OpinionTarget> {
  if (input.homeId) {
    let q = db
      .selectFrom('homes')
      .select(['id', 'regionCode', 'ownerUnitId', 'status'])
      .where('id', '=', isUuid(input.homeId) ? input.homeId : '00000000-0000-0000-0000-000000000000');
    if (homeVisible) q = q.where(homeScope(homeVisible));
    const home = await q.executeTakeFirst();
    if (!home || !homeOk(home)) throw badRequest('请选择正在运行的委员之家', { homeId: '找不到该委员之家' });
    return { homeId: home.id, regionCode: home.regionCode, ownerUnitId: home.ownerUnitId };
  }
  if (input.regionCode) {
    const region = await db
      .selectFrom('regions')
      .select(['code', 'level'])
      .where('code', '=', input.regionCode)
      .executeTakeFirst();
    if (!region) throw badRequest('所选地区不存在', { regionCode: '所选地区不存在' });
    if (region.level === 'city')
      return { homeId: null, regionCode: region.code, ownerUnitId: orgUnitId.office };
    return {
      homeId: null,
      regionCode: region.code,
      ownerUnitId: orgUnitId.district(region.code.slice(0, 6)),
    };
  }
  return { homeId: null, regionCode: null, ownerUnitId: orgUnitId.office };
}

function contactOf(input: PublicOpinionInput) {
  const phone = input.phone?.trim() || null;
  if (phone && input.contactConsent !== true) {
    throw badRequest('留下电话须同意工作人员与您联系', {
      phone: '留下电话须勾选“同意工作人员通过此电话与我联系”',
    });
  }
  return {
    name: input.name?.trim() || null,
    phone,
    contactConsent: phone ? true : input.contactConsent === true,
  };
}

/**
 * Receives an opinion from a citizen (online) or from staff on their behalf. The same text to the
 * same place within a day joins the earlier opinion; the citizen still gets their own code.
 */
export async function receiveOpinion(
  db: Db,
  who: Who,
  input: PublicOpinionInput,
  channel: OpinionChannel,
  target: OpinionTarget,
) {
  const contact = contactOf(input);
  const contentKey = contentKeyOf({ ...target, title: input.title, content: input.content });
  const actor = who.actor;
  return db.transaction().execute(async (trx) => {
    await lockContentKey(trx, contentKey);
    const earlier = await trx
      .selectFrom('opinions')
      .select(['id'])
      .where('contentKey', '=', contentKey)
      .where('receivedAt', '>', new Date(Date.now() - DAY_MS))
      .orderBy('receivedAt')
      .executeTakeFirst();
    let opinionId: string;
    if (earlier) {
      opinionId = earlier.id;
      await trx
        .updateTable('opinions')
        .set({ submissionCount: sql`submission_count + 1` })
        .where('id', '=', opinionId)
        .execute();
    } else {
      ({ id: opinionId } = await trx
        .insertInto('opinions')
        .values({ title: input.title, content: input.content, contentKey, ...target })
        .returning('id')
        .executeTakeFirstOrThrow());
      await trx
        .insertInto('opinionSteps')
        .values({
          opinionId,
          action: 'receive',
          fromStatus: null,
          toStatus: 'received',
          actorId: actor?.userId ?? null,
          actorName: actor?.displayName ?? null,
          data: JSON.stringify({ channel }),
        })
        .execute();
      await notifyOpinion(trx, ['home'], {
        opinionId,
        ...target,
        assignedMemberId: null,
        title: '收到一条群众意见',
        body: `“${input.title}”，请在 ${OPINION_DEADLINES.acceptDays} 日内受理并指派委员。`,
        key: 'received',
      });
    }
    const trackingCode = await reserveTrackingCode(trx, 'opinion');
    await trx
      .insertInto('opinionSubmissions')
      .values({
        opinionId,
        trackingCode,
        ...contact,
        channel,
        enteredBy: actor?.userId ?? null,
        enteredByName: actor?.displayName ?? null,
      })
      .execute();
    // the trail names what happened, not who the citizen is
    await recordAudit(trx, who, {
      action: earlier ? 'opinion.merge' : 'opinion.receive',
      objectType: 'opinion',
      objectId: opinionId,
      after: { title: input.title, channel, ...target },
    });
    return { id: opinionId, trackingCode, merged: Boolean(earlier) };
  });
}

/**
 * Staff enter an opinion received on paper, by phone or in person (代录) at a home or region they
 * answer for; a member who only belongs to a home is refused (403), one who cannot see it 400.
 */
export async function enterOpinion(db: Db, who: Who, input: PublicOpinionInput, channel: OpinionChannel) {
  const actor = who.actor!;
  const target = await resolveTarget(db, input, (h) => h.status !== 'closed', actor);
  const home = target.homeId
    ? await db
        .selectFrom('homes')
        .select(['level', 'directorMemberId'])
        .where('id', '=', target.homeId)
        .executeTakeFirstOrThrow()
    : null;
  const facts = {
    ...target,
    homeLevel: home?.level ?? null,
    homeDirectorMemberId: home?.directorMemberId ?? null,
  };
  if (!mayEnterOpinionFor(actor, facts)) throw forbidden('只能为本人负责的委员之家或地区代录意见');
  return receiveOpinion(db, who, input, channel, target);
}

// ---- reading ----

type OpinionQuery = SelectQueryBuilder<Database, 'opinions' | 'homes', object>;

const base = (db: Db) => db.selectFrom('opinions').leftJoin('homes', 'homes.id', 'opinions.homeId');

function inQueue(q: OpinionQuery, actor: Actor, queue: ListOpinionsQuery['queue'], now: Date): OpinionQuery {
  const ago = (days: number) => new Date(now.getTime() - days * DAY_MS);
  switch (queue) {
    case 'mine':
      return actor.memberId
        ? q
            .where('opinions.assignedMemberId', '=', actor.memberId)
            .where('opinions.status', 'in', ['accepted', 'drafted'])
        : q.where(sql<boolean>`false`);
    case 'to_accept':
      return q.where('opinions.status', '=', 'received').where(runScope(actor));
    case 'to_decide':
      return decidesOpinions(actor)
        ? q.where('opinions.status', '=', 'submitted')
        : q.where(sql<boolean>`false`);
    case 'to_reply':
      return q.where('opinions.status', 'in', OPINION_DECISIONS).where(runScope(actor));
    case 'overdue':
      return q.where((eb) =>
        eb.or([
          eb.and([
            eb('opinions.status', '=', 'received'),
            eb('opinions.receivedAt', '<', ago(OPINION_DEADLINES.acceptDays)),
          ]),
          eb.and([
            eb('opinions.status', 'in', UNANSWERED_STATUSES),
            eb('opinions.receivedAt', '<', ago(OPINION_DEADLINES.flagDays)),
          ]),
        ]),
      );
    default:
      return q;
  }
}

const LIST_COLUMNS = [
  'opinions.id',
  'opinions.title',
  'opinions.homeId',
  'homes.name as homeName',
  'opinions.regionCode',
  'opinions.status',
  'opinions.receivedAt',
  'opinions.assignedMemberId',
  'opinions.submissionCount',
] as const;

function withNames(q: OpinionQuery) {
  return (
    q
      .leftJoin('regions', 'regions.code', 'opinions.regionCode')
      .leftJoin('members', 'members.id', 'opinions.assignedMemberId')
      // the first submission decides the channel and the code staff see
      .leftJoinLateral(
        (eb) =>
          eb
            .selectFrom('opinionSubmissions as s')
            .select(['s.trackingCode', 's.channel'])
            .whereRef('s.opinionId', '=', 'opinions.id')
            .orderBy('s.createdAt')
            .limit(1)
            .as('first'),
        (join) => join.onTrue(),
      )
      .select(LIST_COLUMNS)
      .select([
        'regions.name as regionName',
        'members.name as assignedMemberName',
        'first.trackingCode',
        'first.channel',
      ])
  );
}

type ListRow = Awaited<ReturnType<ReturnType<typeof withNames>['execute']>>[number];

function presentListItem(row: ListRow, now: Date) {
  const status = row.status as OpinionStatus;
  return {
    id: row.id,
    trackingCode: row.trackingCode ?? '',
    title: row.title,
    homeId: row.homeId,
    homeName: row.homeName,
    regionCode: row.regionCode,
    regionName: row.regionName,
    status,
    channel: (row.channel ?? 'online') as OpinionChannel,
    receivedAt: row.receivedAt.toISOString(),
    assignedMemberId: row.assignedMemberId,
    assignedMemberName: row.assignedMemberName,
    submissionCount: row.submissionCount,
    flags: opinionFlags({ status, receivedAt: row.receivedAt }, now),
  };
}

function filtered(db: Db, actor: Actor, f: Partial<ListOpinionsQuery>, now: Date) {
  let q: OpinionQuery = base(db).where(opinionScope(actor, 'opinions'));
  q = inQueue(q, actor, f.queue ?? 'all', now);
  if (f.status) q = q.where('opinions.status', '=', f.status);
  if (f.homeId) q = q.where(sql`opinions.home_id::text`, '=', f.homeId);
  if (f.q) {
    const like = likePattern(f.q);
    q = q.where((eb) =>
      eb.or([
        eb('opinions.title', 'like', like),
        eb(
          'opinions.id',
          'in',
          eb
            .selectFrom('opinionSubmissions')
            .select('opinionId')
            .where('trackingCode', '=', f.q as string),
        ),
      ]),
    );
  }
  return q;
}

export async function listOpinions(db: Db, actor: Actor, query: ListOpinionsQuery, now = new Date()) {
  const q = filtered(db, actor, query, now);
  return pageOf(
    query,
    withNames(q).orderBy('opinions.receivedAt', 'desc').orderBy('opinions.id'),
    q.select((eb) => eb.fn.countAll<string>().as('n')),
    (rows) => rows.map((r) => presentListItem(r, now)),
  );
}

/** How many wait in each of the actor's queues (badges on the list's tabs). */
export async function opinionQueues(db: Db, actor: Actor, now = new Date()) {
  const count = async (queue: ListOpinionsQuery['queue']) => {
    const row = await filtered(db, actor, { queue }, now)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };
  const [mine, toAccept, toDecide, toReply, overdue] = await Promise.all([
    count('mine'),
    count('to_accept'),
    count('to_decide'),
    count('to_reply'),
    count('overdue'),
  ]);
  return { mine, toAccept, toDecide, toReply, overdue };
}

async function findOpinion(db: Db, actor: Actor, id: string) {
  if (!isUuid(id)) return undefined;
  return withNames(base(db).where('opinions.id', '=', id).where(opinionScope(actor, 'opinions')))
    .select([
      'opinions.content',
      'opinions.ownerUnitId',
      'opinions.draft',
      'opinions.decision',
      'opinions.reply',
      'opinions.replyPublic',
      'opinions.acceptedAt',
      'opinions.submittedAt',
      'opinions.decidedAt',
      'opinions.repliedAt',
      'opinions.closedAt',
      'homes.level as homeLevel',
      'homes.directorMemberId as homeDirectorMemberId',
      'homes.deputyMemberId as homeDeputyMemberId',
    ])
    .executeTakeFirst();
}
export type OpinionRow = NonNullable<Awaited<ReturnType<typeof findOpinion>>>;

export async function getOpinion(db: Db, actor: Actor, id: string): Promise<OpinionRow> {
  const row = await findOpinion(db, actor, id);
  if (!row) throw notFound('找不到该意见');
  return row;
}

export const factsOf = (row: OpinionRow): OpinionFacts => ({
  status: row.status as OpinionStatus,
  ownerUnitId: row.ownerUnitId,
  homeId: row.homeId,
  homeLevel: row.homeLevel,
  homeDirectorMemberId: row.homeDirectorMemberId,
  homeDeputyMemberId: row.homeDeputyMemberId,
  assignedMemberId: row.assignedMemberId,
});

export const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Members of the opinion's home, who may be assigned to it. */
export async function assignableMembers(db: Db, homeId: string | null) {
  if (!homeId) return [];
  return db
    .selectFrom('members')
    .select(['members.id', 'members.name', 'members.sector'])
    .where((eb) =>
      eb.or([
        eb('members.id', 'in', eb.selectFrom('homeMembers').select('memberId').where('homeId', '=', homeId)),
        eb(
          'members.id',
          'in',
          eb
            .selectFrom('homes')
            .select('directorMemberId')
            .where('id', '=', homeId)
            .where('directorMemberId', 'is not', null),
        ),
        eb(
          'members.id',
          'in',
          eb
            .selectFrom('homes')
            .select('deputyMemberId')
            .where('id', '=', homeId)
            .where('deputyMemberId', 'is not', null),
        ),
      ]),
    )
    .orderBy('members.name')
    .execute();
}

export async function opinionDetail(db: Db, actor: Actor, id: string, now = new Date()) {
  const row = await getOpinion(db, actor, id);
  const facts = factsOf(row);
  const [submissions, steps, members, problems] = await Promise.all([
    db
      .selectFrom('opinionSubmissions')
      .select(['trackingCode', 'name', 'phone', 'contactConsent', 'channel', 'enteredByName', 'createdAt'])
      .where('opinionId', '=', row.id)
      .orderBy('createdAt')
      .execute(),
    db
      .selectFrom('opinionSteps')
      .select(['action', 'fromStatus', 'toStatus', 'actorName', 'at', 'comment', 'data'])
      .where('opinionId', '=', row.id)
      .orderBy('id')
      .execute(),
    assignableMembers(db, row.homeId),
    db
      .selectFrom('citizenProblems')
      .select(['id', 'trackingCode', 'title', 'status', 'satisfaction'])
      .where('opinionId', '=', row.id)
      .orderBy('createdAt')
      .execute(),
  ]);
  const full = seesSubmitter(actor, facts);
  return {
    ...presentListItem(row, now),
    content: row.content,
    ownerUnitId: row.ownerUnitId,
    draft: row.draft as { reporter: string; situation: string; analysis: string; suggestion: string } | null,
    decision: row.decision as Record<string, unknown> | null,
    reply: row.reply,
    replyPublic: row.replyPublic,
    acceptedAt: iso(row.acceptedAt),
    submittedAt: iso(row.submittedAt),
    decidedAt: iso(row.decidedAt),
    repliedAt: iso(row.repliedAt),
    closedAt: iso(row.closedAt),
    submissions: submissions.map((s) => ({
      trackingCode: s.trackingCode,
      name: s.name && !full ? maskName(s.name) : s.name,
      phone: s.phone && !full ? maskPhone(s.phone) : s.phone,
      contactConsent: s.contactConsent,
      channel: s.channel,
      enteredByName: s.enteredByName,
      at: s.createdAt.toISOString(),
    })),
    steps: steps.map((s) => ({ ...s, at: s.at.toISOString() })),
    allowedActions: [
      ...allowedOpinionActions(actor, facts),
      // the same rule POST /problems applies to a problem made from this opinion
      ...(opinionAbilities['problem.create'](actor) &&
      mayHandleProblem(actor, { ...facts, handlerMemberId: facts.assignedMemberId })
        ? (['create_problem'] as const)
        : []),
    ],
    assignableMembers: members,
    problems: problems.map((p) => ({ ...p, status: p.status as 'open' | 'handling' | 'resolved' })),
  };
}

/** For the public tracking page: an opinion by one of its codes, with no personal data. */
export async function trackOpinion(db: Db, code: string) {
  const row = await db
    .selectFrom('opinionSubmissions as s')
    .innerJoin('opinions', 'opinions.id', 's.opinionId')
    .leftJoin('homes', 'homes.id', 'opinions.homeId')
    .select([
      's.trackingCode',
      's.createdAt as submittedAt',
      'opinions.id',
      'opinions.title',
      'homes.name as homeName',
      'opinions.status',
      'opinions.reply',
      'opinions.replyPublic',
      'opinions.repliedAt',
    ])
    .where('s.trackingCode', '=', code)
    .executeTakeFirst();
  if (!row) return undefined;
  const steps = await db
    .selectFrom('opinionSteps')
    .select(['toStatus', 'at'])
    .where('opinionId', '=', row.id)
    .orderBy('id')
    .execute();
  // the citizen's own receipt starts their history; repeated saves of one state show once
  const history: { status: OpinionStatus; at: string }[] = [];
  for (const s of steps) {
    const status = s.toStatus as OpinionStatus;
    if (status === 'received') continue;
    if (history.at(-1)?.status === status) continue;
    history.push({ status, at: s.at.toISOString() });
  }
  history.unshift({ status: 'received', at: row.submittedAt.toISOString() });
  return {
    id: row.id,
    trackingCode: row.trackingCode,
    title: row.title,
    homeName: row.homeName,
    status: row.status as OpinionStatus,
    receivedAt: row.submittedAt.toISOString(),
    history,
    reply: row.replyPublic ? row.reply : null,
    repliedAt: row.replyPublic ? iso(row.repliedAt) : null,
  };
}
