import { sql } from 'kysely';
import { yearRange } from '../../domain/calendar.js';
import {
  computedScores,
  gradeOf,
  ROUND_ACTIONS,
  type RoundAction,
  rankHomes,
} from '../../domain/evaluation.js';
import { AppError, badRequest, forbidden, notFound } from '../../server/errors.js';
import { isUuid } from '../../server/http.js';
import type { Actor, Db, Who } from '../../server/types.js';
import { recordAudit } from '../audit/service.js';
import { scorecardOf } from '../operations/scorecard.js';
import { reviewerRoles } from './policy.js';
import type { ScoresInput } from './schema.js';
import {
  access,
  eligibleReviewers,
  itemsOf,
  type RoundRow,
  roundDetail,
  roundHome,
  rubricOf,
  scoresOf,
} from './service.js';

/**
 * The steps of a round: choosing the reviewers, the homes' self-summaries, the reviewers' scores, the round's transitions and its commendations, each in one transaction with its audit row.
 */

/** The accounts the round's owner may choose as reviewers. */
export async function reviewerCandidates(db: Db, actor: Actor, id: string) {
  const { round, mayRun } = await access(db, actor, id);
  if (!mayRun) throw forbidden('只有组织评价的单位可以指定评审人员');
  const rows = await db
    .selectFrom('userRoles')
    .innerJoin('users', 'users.id', 'userRoles.userId')
    .select(['users.id as userId', 'users.displayName', 'userRoles.role', 'userRoles.scopeId'])
    .where('users.disabled', '=', false)
    .where(reviewerRoles(round))
    .orderBy('users.displayName')
    .execute();
  const byUser = new Map<string, { userId: string; displayName: string; roles: string[] }>();
  for (const r of rows) {
    const entry = byUser.get(r.userId) ?? { userId: r.userId, displayName: r.displayName, roles: [] };
    entry.roles.push(r.role);
    byUser.set(r.userId, entry);
  }
  return [...byUser.values()];
}

export async function setReviewers(db: Db, who: Who, id: string, userIds: string[]) {
  const actor = who.actor!;
  const { round, mayRun } = await access(db, actor, id);
  if (!mayRun) throw forbidden('只有组织评价的单位可以指定评审人员');
  if (round.status === 'published')
    throw new AppError(409, 'INVALID_TRANSITION', '评价已公布，不能再更改评审人员');
  const unique = [...new Set(userIds)];
  const eligible = await eligibleReviewers(db, round, unique);
  const refused = unique.filter((u) => !eligible.has(u));
  if (refused.length) {
    throw badRequest('有人员不能担任本次评价的评审', {
      userIds:
        round.level === 'municipal' ? '评审须为市、旗区政协工作人员或副主席' : '评审须为本旗区政协工作人员',
    });
  }
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('evaluationReviewers').where('roundId', '=', round.id).execute();
    if (unique.length) {
      await trx
        .insertInto('evaluationReviewers')
        .values(unique.map((userId) => ({ roundId: round.id, userId })))
        .execute();
    }
    await recordAudit(trx, who, {
      action: 'evaluation.reviewers',
      objectType: 'evaluation_round',
      objectId: round.id,
      after: { userIds: unique },
    });
  });
  return roundDetail(db, actor, id);
}

export async function writeSelfSummary(db: Db, who: Who, id: string, homeId: string, content: string) {
  const actor = who.actor!;
  const detail = await roundDetail(db, actor, id);
  const entry = detail.homeEntries.find((h) => h.homeId === homeId);
  if (!entry) throw notFound('该委员之家不在本次评价中');
  if (!entry.allowedActions.includes('write_summary')) {
    if (detail.status !== 'open' && detail.status !== 'reviewing') {
      throw new AppError(409, 'INVALID_TRANSITION', '评价已确认，不能再修改自评总结');
    }
    throw forbidden('只有本委员之家负责人可以提交自评总结');
  }
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('evaluationHomes')
      .set({ selfSummary: content, submittedAt: sql`now()` })
      .where('roundId', '=', id)
      .where('homeId', '=', homeId)
      .execute();
    await recordAudit(trx, who, {
      action: 'evaluation.self_summary',
      objectType: 'evaluation_round',
      objectId: id,
      after: { homeId },
    });
  });
  return roundHome(db, actor, id, homeId);
}

export async function scoreHome(db: Db, who: Who, id: string, homeId: string, input: ScoresInput) {
  const actor = who.actor!;
  const { round, reviewer } = await access(db, actor, id);
  if (!reviewer) throw forbidden('只有本次评价的评审人员可以打分');
  if (round.status !== 'reviewing')
    throw new AppError(409, 'INVALID_TRANSITION', '评价不在评审阶段，不能打分');
  const inRound = await db
    .selectFrom('evaluationHomes')
    .select('homeId')
    .where('roundId', '=', round.id)
    .where('homeId', '=', isUuid(homeId) ? homeId : '00000000-0000-0000-0000-000000000000')
    .executeTakeFirst();
  if (!inRound) throw notFound('该委员之家不在本次评价中');
  const rubric = rubricOf(round);
  const fields: Record<string, string> = {};
  input.items.forEach((s, i) => {
    const item = rubric.find((r) => r.key === s.item);
    if (item?.source.kind !== 'reviewer') fields[`items.${i}.item`] = '该项不由评审打分';
    else if (s.score > item.max) fields[`items.${i}.score`] = `不能超过 ${item.max} 分`;
  });
  if (Object.keys(fields).length) throw badRequest('打分有误', fields);
  await db.transaction().execute(async (trx) => {
    for (const s of input.items) {
      await trx
        .insertInto('evaluationScores')
        .values({
          roundId: round.id,
          homeId,
          reviewerId: actor.userId,
          item: s.item,
          score: s.score,
          comment: s.comment ?? null,
        })
        .onConflict((oc) =>
          oc
            .columns(['roundId', 'homeId', 'reviewerId', 'item'])
            .doUpdateSet({ score: s.score, comment: s.comment ?? null, updatedAt: sql`now()` }),
        )
        .execute();
    }
    await recordAudit(trx, who, {
      action: 'evaluation.score',
      objectType: 'evaluation_round',
      objectId: round.id,
      after: { homeId, items: input.items },
    });
  });
  return roundHome(db, actor, id, homeId);
}

/** The computed items and the facts reviewers weigh, for every home of the round, stored. */
async function computeHomes(db: Db, round: NonNullable<RoundRow>, now: Date) {
  const rubric = rubricOf(round);
  const { start, end } = yearRange(round.year);
  const homes = await db
    .selectFrom('evaluationHomes')
    .innerJoin('homes', 'homes.id', 'evaluationHomes.homeId')
    .select([
      'homes.id',
      'homes.directorMemberId',
      'homes.online',
      'homes.onlineUrl',
      'homes.venueType',
      'homes.address',
      'homes.plaqueAwardedOn',
    ])
    .where('evaluationHomes.roundId', '=', round.id)
    .execute();
  // the reference date is the year's end, or now while the year runs
  const asOf = now < end ? now : new Date(end.getTime() - 1);
  for (const home of homes) {
    const card = await scorecardOf(db, home, round.year, asOf);
    const ok = (key: string) => card.items.find((i) => i.key === key)?.ok ?? false;
    const computed = computedScores(rubric, {
      scorecard: {
        organization: ok('organization'),
        signage: ok('signage'),
        venue: ok('venue'),
        rules: ok('rules'),
      },
      quartersMet: card.quarters.filter((q) => q.ok).length,
      hasPlan: !card.items.find((i) => i.key === 'operation')?.issues.includes('NO_PLAN'),
      hasSummary: await hasSummary(db, home.id, round.year),
      activitiesHeld: card.activitiesHeld,
    });
    const facts = await sql<{
      opinions: string;
      credited: string;
      problems: string;
      satisfaction: string | null;
      citizens: string;
    }>`
      select
        (select count(*) from opinions o where o.home_id = ${home.id}::uuid
          and o.received_at >= ${start} and o.received_at < ${end}) as opinions,
        (select count(distinct s.opinion_id) from opinion_steps s join opinions o on o.id = s.opinion_id
          where o.home_id = ${home.id}::uuid and s.action in ('adopt', 'instruct')
          and s.at >= ${start} and s.at < ${end}) as credited,
        (select count(*) from citizen_problems p where p.home_id = ${home.id}::uuid and p.status = 'resolved'
          and p.resolved_at >= ${start} and p.resolved_at < ${end}) as problems,
        (select round(avg(p.satisfaction), 1)::text from citizen_problems p where p.home_id = ${home.id}::uuid
          and p.satisfaction is not null and p.resolved_at >= ${start} and p.resolved_at < ${end}) as satisfaction,
        (select coalesce(sum(a.citizen_count), 0) from activities a join activity_hosts ah on ah.activity_id = a.id
          where ah.home_id = ${home.id}::uuid and a.status = 'held'
          and a.starts_at >= ${start} and a.starts_at < ${end}) as citizens`.execute(db);
    const f = facts.rows[0]!;
    await db
      .updateTable('evaluationHomes')
      .set({
        computed: JSON.stringify(computed),
        facts: JSON.stringify({
          activitiesHeld: card.activitiesHeld,
          opinionsReceived: Number(f.opinions),
          opinionsAdopted: Number(f.credited),
          problemsResolved: Number(f.problems),
          satisfaction: f.satisfaction === null ? null : Number(f.satisfaction),
          citizensServed: Number(f.citizens),
        }),
      })
      .where('roundId', '=', round.id)
      .where('homeId', '=', home.id)
      .execute();
  }
}

async function hasSummary(db: Db, homeId: string, year: number) {
  const row = await db
    .selectFrom('homeSummaries')
    .select('homeId')
    .where('homeId', '=', homeId)
    .where('year', '=', year)
    .executeTakeFirst();
  return Boolean(row);
}

/** Totals, grades and places; the member commendation candidates from the duty records. */
async function confirmResults(db: Db, round: NonNullable<RoundRow>) {
  const rubric = rubricOf(round);
  const [homes, scores] = await Promise.all([
    db
      .selectFrom('evaluationHomes')
      .innerJoin('homes', 'homes.id', 'evaluationHomes.homeId')
      .select(['evaluationHomes.homeId', 'evaluationHomes.computed', 'homes.plaqueAwardedOn'])
      .where('evaluationHomes.roundId', '=', round.id)
      .execute(),
    scoresOf(db, round.id),
  ]);
  const ranked = rankHomes(
    homes.map((h) => {
      const items = itemsOf(
        rubric,
        h.computed as Record<string, number> | null,
        scores.filter((s) => s.homeId === h.homeId),
      );
      return {
        homeId: h.homeId,
        items,
        total: Object.values(items).reduce((a, b) => a + b, 0),
        plaqueAwardedOn: h.plaqueAwardedOn,
      };
    }),
  );
  const memberScope =
    round.level === 'municipal'
      ? sql`m.level in ('municipal', 'regional')`
      : sql`m.level = 'district' and m.org_unit_id = ${round.ownerUnitId}`;
  await db.transaction().execute(async (trx) => {
    for (const h of ranked) {
      const grade = gradeOf(h.total);
      await trx
        .updateTable('evaluationHomes')
        .set({ total: h.total, grade, rank: h.rank, commended: grade === 'five_star' })
        .where('roundId', '=', round.id)
        .where('homeId', '=', h.homeId)
        .execute();
    }
    await trx.deleteFrom('evaluationMemberCommendations').where('roundId', '=', round.id).execute();
    // the top members by points (ties by name, then id), from the stored records of the year
    await sql`
      insert into evaluation_member_commendations (round_id, member_id, points, rank, confirmed)
      select ${round.id}::uuid, t.member_id, t.points,
        row_number() over (order by t.points desc, m.name, m.id), false
      from duty_totals t join members m on m.id = t.member_id
      where t.year = ${round.year} and t.points > 0 and ${memberScope}
      order by t.points desc, m.name, m.id
      limit ${round.memberQuota}`.execute(trx);
  });
}

interface PublishedResults {
  homes: Array<{
    homeId: string;
    name: string;
    total: number;
    grade: string;
    rank: number;
    items: Record<string, number>;
    commended: boolean;
  }>;
  members: Array<{ memberId: string; name: string; points: number; rank: number }>;
}

async function publish(db: Db, who: Who, round: NonNullable<RoundRow>, reason: string | null) {
  const [homes, members] = await Promise.all([
    db
      .selectFrom('evaluationHomes')
      .innerJoin('homes', 'homes.id', 'evaluationHomes.homeId')
      .select([
        'evaluationHomes.homeId',
        'homes.name',
        'evaluationHomes.total',
        'evaluationHomes.grade',
        'evaluationHomes.rank',
        'evaluationHomes.computed',
        'evaluationHomes.commended',
      ])
      .where('evaluationHomes.roundId', '=', round.id)
      .orderBy('evaluationHomes.rank')
      .execute(),
    db
      .selectFrom('evaluationMemberCommendations as c')
      .innerJoin('members', 'members.id', 'c.memberId')
      .select(['c.memberId', 'members.name', 'c.points', 'c.rank'])
      .where('c.roundId', '=', round.id)
      .where('c.confirmed', '=', true)
      .orderBy('c.rank')
      .execute(),
  ]);
  const scores = await scoresOf(db, round.id);
  const results: PublishedResults = {
    homes: homes.map((h) => ({
      homeId: h.homeId,
      name: h.name,
      total: h.total ?? 0,
      grade: h.grade ?? 'rectify',
      rank: h.rank ?? 0,
      items: itemsOf(
        rubricOf(round),
        h.computed as Record<string, number> | null,
        scores.filter((s) => s.homeId === h.homeId),
      ),
      commended: h.commended,
    })),
    members,
  };
  await db
    .insertInto('evaluationPublications')
    .values({
      roundId: round.id,
      revision: round.revision,
      reason,
      publishedBy: who.actor!.userId,
      results: JSON.stringify(results),
    })
    .execute();
}

export async function transitionRound(
  db: Db,
  who: Who,
  id: string,
  input: { action: RoundAction; reason?: string },
  now = new Date(),
) {
  const actor = who.actor!;
  const { round, mayRun } = await access(db, actor, id);
  if (!mayRun) throw forbidden('只有组织评价的单位可以推进评价');
  const step = ROUND_ACTIONS[input.action];
  if (!(step.from as readonly string[]).includes(round.status)) {
    throw new AppError(409, 'INVALID_TRANSITION', '当前阶段不能执行该操作');
  }
  if (input.action === 'revise' && !input.reason) {
    throw badRequest('修订已公布的结果须说明理由', { reason: '请填写修订理由' });
  }
  if (input.action === 'start_review' || input.action === 'confirm') await computeHomes(db, round, now);
  if (input.action === 'confirm') await confirmResults(db, round);
  await db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('evaluationRounds')
      .set({
        status: step.to,
        revision: input.action === 'revise' ? round.revision + 1 : round.revision,
        ...(input.action === 'revise' ? { revisionReason: input.reason ?? null } : {}),
        updatedAt: sql`now()`,
      })
      .where('id', '=', round.id)
      .where('status', '=', round.status)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1)
      throw new AppError(409, 'INVALID_TRANSITION', '评价已被他人更新，请刷新');
    await recordAudit(trx, who, {
      action: `evaluation.${input.action}`,
      objectType: 'evaluation_round',
      objectId: round.id,
      before: { status: round.status, revision: round.revision },
      after: { status: step.to, reason: input.reason ?? null },
    });
  });
  if (input.action === 'publish') {
    await publish(db, who, round, round.revision > 1 ? round.revisionReason : null);
  }
  return roundDetail(db, actor, id);
}

export async function setCommendations(
  db: Db,
  who: Who,
  id: string,
  input: { homeIds: string[]; memberIds: string[] },
) {
  const actor = who.actor!;
  const { round, mayRun } = await access(db, actor, id);
  if (!mayRun) throw forbidden('只有组织评价的单位可以确定表彰名单');
  if (round.status !== 'confirmed')
    throw new AppError(409, 'INVALID_TRANSITION', '确认评价结果后才能确定表彰名单');
  const [homes, candidates] = await Promise.all([
    db.selectFrom('evaluationHomes').select('homeId').where('roundId', '=', round.id).execute(),
    db
      .selectFrom('evaluationMemberCommendations')
      .select('memberId')
      .where('roundId', '=', round.id)
      .execute(),
  ]);
  const homeSet = new Set(homes.map((h) => h.homeId));
  const memberSet = new Set(candidates.map((c) => c.memberId));
  const fields: Record<string, string> = {};
  if (input.homeIds.some((h) => !homeSet.has(h))) fields.homeIds = '有委员之家不在本次评价中';
  if (input.memberIds.some((m) => !memberSet.has(m))) fields.memberIds = '只能从积分靠前的候选委员中确定';
  if (Object.keys(fields).length) throw badRequest('表彰名单有误', fields);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('evaluationHomes')
      .set({ commended: sql<boolean>`home_id = any(${input.homeIds}::uuid[])` })
      .where('roundId', '=', round.id)
      .execute();
    await trx
      .updateTable('evaluationMemberCommendations')
      .set({ confirmed: sql<boolean>`member_id = any(${input.memberIds}::uuid[])` })
      .where('roundId', '=', round.id)
      .execute();
    await recordAudit(trx, who, {
      action: 'evaluation.commendations',
      objectType: 'evaluation_round',
      objectId: round.id,
      after: input,
    });
  });
  return roundDetail(db, actor, id);
}

/** A published revision, as it was published. */
export async function publicationOf(db: Db, actor: Actor, id: string, revision?: number) {
  const { round } = await access(db, actor, id);
  let q = db.selectFrom('evaluationPublications').selectAll().where('roundId', '=', round.id);
  q = revision ? q.where('revision', '=', revision) : q.orderBy('revision', 'desc');
  const row = await q.executeTakeFirst();
  if (!row) throw notFound('该评价尚未公布');
  const results = row.results as PublishedResults;
  return {
    roundId: row.roundId,
    revision: row.revision,
    publishedAt: row.publishedAt.toISOString(),
    reason: row.reason,
    homes: results.homes,
    members: results.members,
  };
}
