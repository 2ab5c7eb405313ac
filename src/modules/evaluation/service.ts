import { sql } from 'kysely';
import { orgUnitId } from '../../db/reference/org-units.js';
import { yearRange } from '../../domain/calendar.js';
import {
  computedScores,
  DEFAULT_RUBRIC,
  gradeOf,
  ROUND_ACTIONS,
  type RoundAction,
  type RoundStatus,
  type RubricItem,
  rankHomes,
  reviewerScore,
} from '../../domain/evaluation.js';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../server/errors.js';
import { isUuid, pageOf } from '../../server/http.js';
import type { Actor, Db, Who } from '../../server/types.js';
import { recordAudit } from '../audit/service.js';
import { scorecardOf } from '../operations/scorecard.js';
import {
  directedByActor,
  readsWholeRound,
  reviewerRoles,
  roundActions,
  roundHomeActions,
  roundVisible,
  runsRound,
} from './policy.js';
import type { CreateRoundInput, ScoresInput } from './schema.js';

/**
 * The annual evaluation (R13, R25): a round per year and level — the municipal one led by the
 * office, each district's by its CPPCC. Homes submit a self-summary, assigned reviewers score the
 * reviewer items, the owner confirms, and the published results are frozen per revision.
 */

type RoundRow = Awaited<ReturnType<typeof findRound>>;

async function findRound(db: Db, id: string) {
  if (!isUuid(id)) return undefined;
  return db
    .selectFrom('evaluationRounds')
    .innerJoin('orgUnits', 'orgUnits.id', 'evaluationRounds.ownerUnitId')
    .selectAll('evaluationRounds')
    .select('orgUnits.name as ownerUnitName')
    .where('evaluationRounds.id', '=', id)
    .executeTakeFirst();
}

/** The accounts among `userIds` that may review the round. */
async function eligibleReviewers(db: Db, round: { level: string; ownerUnitId: string }, userIds: string[]) {
  if (userIds.length === 0) return new Set<string>();
  const rows = await db
    .selectFrom('userRoles')
    .innerJoin('users', 'users.id', 'userRoles.userId')
    .select('userRoles.userId')
    .where('users.disabled', '=', false)
    .where(
      'userRoles.userId',
      'in',
      userIds.filter((id) => isUuid(id)),
    )
    .where(reviewerRoles(round))
    .execute();
  return new Set(rows.map((r) => r.userId));
}

async function isReviewer(db: Db, roundId: string, userId: string) {
  const row = await db
    .selectFrom('evaluationReviewers')
    .select('userId')
    .where('roundId', '=', roundId)
    .where('userId', '=', userId)
    .executeTakeFirst();
  return Boolean(row);
}

/** Homes a director answers for within a round. */
async function directedHomes(db: Db, actor: Actor, roundId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('evaluationHomes')
    .innerJoin('homes', 'homes.id', 'evaluationHomes.homeId')
    .select('homes.id')
    .where('evaluationHomes.roundId', '=', roundId)
    .where(directedByActor(actor))
    .execute();
  return rows.map((r) => r.id);
}

interface Access {
  round: NonNullable<RoundRow>;
  mayRun: boolean;
  reviewer: boolean;
  /** all homes, or only these */
  homes: 'all' | string[];
}

/**
 * What the actor may see of a round: the owner, the office, reviewers and vice chairs all of it; a
 * director their own homes' entries; anyone else nothing (404).
 */
async function access(db: Db, actor: Actor, id: string): Promise<Access> {
  const round = await findRound(db, id);
  if (!round) throw notFound('找不到该评价');
  const mayRun = runsRound(actor, round);
  const reviewer = await isReviewer(db, round.id, actor.userId);
  if (mayRun || reviewer || readsWholeRound(actor, round)) return { round, mayRun, reviewer, homes: 'all' };
  const homes = await directedHomes(db, actor, round.id);
  if (homes.length === 0) throw notFound('找不到该评价');
  return { round, mayRun, reviewer, homes };
}

const rubricOf = (round: { rubric: unknown }) => round.rubric as RubricItem[];

// ---- creating and listing ----

export async function createRound(db: Db, who: Who, input: CreateRoundInput) {
  const actor = who.actor!;
  const ownerUnitId = input.level === 'municipal' ? orgUnitId.office : input.ownerUnitId;
  if (!ownerUnitId) throw badRequest('请选择组织评价的旗区政协', { ownerUnitId: '请选择旗区政协' });
  const unit = await db
    .selectFrom('orgUnits')
    .select(['id', 'kind'])
    .where('id', '=', ownerUnitId)
    .executeTakeFirst();
  if (!unit || (input.level === 'district' && unit.kind !== 'district')) {
    throw badRequest('旗区政协不存在', { ownerUnitId: '旗区政协不存在' });
  }
  if (!runsRound(actor, { level: input.level, ownerUnitId }))
    throw forbidden('只有市政协办公室或本旗区政协可以组织评价');
  const { end } = yearRange(input.year);
  const yearEnd = new Date(end.getTime() - 1).toISOString().slice(0, 10);
  const id = await db.transaction().execute(async (trx) => {
    const taken = await trx
      .selectFrom('evaluationRounds')
      .select('id')
      .where('year', '=', input.year)
      .where('ownerUnitId', '=', ownerUnitId)
      .executeTakeFirst();
    if (taken) throw conflict(`${input.year} 年度的评价已经存在`);
    const { id } = await trx
      .insertInto('evaluationRounds')
      .values({
        year: input.year,
        level: input.level,
        ownerUnitId,
        title: input.title ?? `${input.year} 年度委员之家（委员工作室）评比`,
        rubric: JSON.stringify(DEFAULT_RUBRIC),
        memberQuota: input.memberQuota ?? 10,
        createdBy: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // the homes that operated in the year: plaque by its end, not closed
    await sql`
      insert into evaluation_homes (round_id, home_id)
      select ${id}::uuid, h.id from homes h
      where h.status in ('operating', 'suspended')
        and (h.plaque_awarded_on is null or h.plaque_awarded_on <= ${yearEnd}::date)
        and ${input.level === 'municipal' ? sql`h.level = 'municipal'` : sql`h.level = 'district' and h.owner_unit_id = ${ownerUnitId}`}`.execute(
      trx,
    );
    await recordAudit(trx, who, {
      action: 'evaluation.create',
      objectType: 'evaluation_round',
      objectId: id,
      after: input,
    });
    return id;
  });
  return roundDetail(db, actor, id);
}

export async function listRounds(
  db: Db,
  actor: Actor,
  q: { page: number; pageSize: number; year?: number | undefined },
) {
  let base = db
    .selectFrom('evaluationRounds')
    .innerJoin('orgUnits', 'orgUnits.id', 'evaluationRounds.ownerUnitId')
    .where(roundVisible(actor));
  if (q.year) base = base.where('evaluationRounds.year', '=', q.year);
  const rows = base
    .select([
      'evaluationRounds.id',
      'evaluationRounds.year',
      'evaluationRounds.level',
      'evaluationRounds.ownerUnitId',
      'orgUnits.name as ownerUnitName',
      'evaluationRounds.title',
      'evaluationRounds.status',
      'evaluationRounds.revision',
      (eb) =>
        eb
          .selectFrom('evaluationHomes')
          .select(eb.fn.countAll<string>().as('n'))
          .whereRef('evaluationHomes.roundId', '=', 'evaluationRounds.id')
          .as('homes'),
      (eb) =>
        eb
          .selectFrom('evaluationHomes')
          .select(eb.fn.countAll<string>().as('n'))
          .whereRef('evaluationHomes.roundId', '=', 'evaluationRounds.id')
          .where('evaluationHomes.submittedAt', 'is not', null)
          .as('selfSummaries'),
    ])
    .orderBy('evaluationRounds.year', 'desc')
    .orderBy('evaluationRounds.level', 'desc')
    .orderBy('evaluationRounds.id');
  return pageOf(
    q,
    rows,
    base.select((eb) => eb.fn.countAll<string>().as('n')),
    (found) =>
      found.map((r) => ({
        ...r,
        status: r.status as RoundStatus,
        homes: Number(r.homes ?? 0),
        selfSummaries: Number(r.selfSummaries ?? 0),
      })),
  );
}

// ---- reading a round ----

async function scoresOf(db: Db, roundId: string, homeIds?: string[]) {
  let q = db
    .selectFrom('evaluationScores')
    .innerJoin('users', 'users.id', 'evaluationScores.reviewerId')
    .select([
      'evaluationScores.homeId',
      'evaluationScores.reviewerId',
      'users.displayName as reviewerName',
      'evaluationScores.item',
      'evaluationScores.score',
      'evaluationScores.comment',
    ])
    .where('evaluationScores.roundId', '=', roundId);
  if (homeIds)
    q = q.where(
      'evaluationScores.homeId',
      'in',
      homeIds.length ? homeIds : ['00000000-0000-0000-0000-000000000000'],
    );
  return q.orderBy('users.displayName').execute();
}

type ScoreRow = Awaited<ReturnType<typeof scoresOf>>[number];

/** Every item's points for a home: the stored computed ones and the reviewers' means. */
function itemsOf(rubric: RubricItem[], computed: Record<string, number> | null, scores: ScoreRow[]) {
  const items: Record<string, number> = {};
  for (const item of rubric) {
    if (item.source.kind === 'reviewer') {
      items[item.key] = reviewerScore(scores.filter((s) => s.item === item.key).map((s) => s.score));
    } else if (computed && item.key in computed) {
      items[item.key] = computed[item.key]!;
    }
  }
  return items;
}

export async function roundDetail(db: Db, actor: Actor, id: string) {
  const a = await access(db, actor, id);
  const { round } = a;
  const rubric = rubricOf(round);
  let homesQ = db
    .selectFrom('evaluationHomes')
    .innerJoin('homes', 'homes.id', 'evaluationHomes.homeId')
    .select([
      'evaluationHomes.homeId',
      'homes.name',
      'homes.kind',
      'homes.directorMemberId',
      'evaluationHomes.selfSummary',
      'evaluationHomes.submittedAt',
      'evaluationHomes.computed',
      'evaluationHomes.facts',
      'evaluationHomes.total',
      'evaluationHomes.grade',
      'evaluationHomes.rank',
      'evaluationHomes.commended',
    ])
    .where('evaluationHomes.roundId', '=', round.id);
  if (a.homes !== 'all') homesQ = homesQ.where('evaluationHomes.homeId', 'in', a.homes);
  const [homes, scores, reviewers, members, publications] = await Promise.all([
    homesQ.orderBy(sql`evaluation_homes.rank nulls last`).orderBy('homes.name').execute(),
    scoresOf(db, round.id, a.homes === 'all' ? undefined : a.homes),
    db
      .selectFrom('evaluationReviewers')
      .innerJoin('users', 'users.id', 'evaluationReviewers.userId')
      .select(['users.id as userId', 'users.displayName'])
      .where('evaluationReviewers.roundId', '=', round.id)
      .orderBy('users.displayName')
      .execute(),
    a.homes === 'all'
      ? db
          .selectFrom('evaluationMemberCommendations as c')
          .innerJoin('members', 'members.id', 'c.memberId')
          .innerJoin('orgUnits', 'orgUnits.id', 'members.orgUnitId')
          .select([
            'c.memberId',
            'members.name',
            'orgUnits.name as orgUnitName',
            'c.points',
            'c.rank',
            'c.confirmed',
          ])
          .where('c.roundId', '=', round.id)
          .orderBy('c.rank')
          .execute()
      : Promise.resolve([]),
    db
      .selectFrom('evaluationPublications')
      .select(['revision', 'publishedAt', 'reason'])
      .where('roundId', '=', round.id)
      .orderBy('revision')
      .execute(),
  ]);
  const reviewerItems = rubric.filter((i) => i.source.kind === 'reviewer').map((i) => i.key);
  const status = round.status as RoundStatus;
  const directed = a.homes === 'all' ? await directedHomes(db, actor, round.id) : a.homes;
  return {
    id: round.id,
    year: round.year,
    level: round.level,
    ownerUnitId: round.ownerUnitId,
    ownerUnitName: round.ownerUnitName,
    title: round.title,
    status,
    revision: round.revision,
    homes: homes.length,
    selfSummaries: homes.filter((h) => h.submittedAt).length,
    rubric,
    memberQuota: round.memberQuota,
    reviewers,
    homeEntries: homes.map((h) => {
      const of = scores.filter((s) => s.homeId === h.homeId);
      const byReviewer = new Map<string, Set<string>>();
      for (const s of of)
        byReviewer.set(s.reviewerId, (byReviewer.get(s.reviewerId) ?? new Set()).add(s.item));
      return {
        homeId: h.homeId,
        name: h.name,
        kind: h.kind,
        selfSummary: h.selfSummary,
        submittedAt: h.submittedAt ? h.submittedAt.toISOString() : null,
        items: itemsOf(rubric, h.computed as Record<string, number> | null, of),
        reviewersDone: [...byReviewer.values()].filter((items) => reviewerItems.every((k) => items.has(k)))
          .length,
        facts: (h.facts as Record<string, number | null> | null) ?? null,
        total: h.total,
        grade: h.grade,
        rank: h.rank,
        commended: h.commended,
        allowedActions: roundHomeActions(status, {
          reviewer: a.reviewer,
          runs: a.mayRun,
          directs: directed.includes(h.homeId),
        }),
      };
    }),
    memberCommendations: members,
    publications: publications.map((p) => ({ ...p, publishedAt: p.publishedAt.toISOString() })),
    allowedActions: roundActions(a.mayRun, status),
  };
}

export async function roundHome(db: Db, actor: Actor, id: string, homeId: string) {
  const detail = await roundDetail(db, actor, id);
  const entry = detail.homeEntries.find((h) => h.homeId === homeId);
  if (!entry) throw notFound('该委员之家不在本次评价中');
  const [summary, scores] = await Promise.all([
    db
      .selectFrom('homeSummaries')
      .select('content')
      .where('homeId', '=', homeId)
      .where('year', '=', detail.year)
      .executeTakeFirst(),
    scoresOf(db, id, [homeId]),
  ]);
  return {
    ...entry,
    yearSummary: summary?.content ?? null,
    scores: scores.map(({ homeId: _h, ...s }) => s),
  };
}

// ---- the steps ----

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
