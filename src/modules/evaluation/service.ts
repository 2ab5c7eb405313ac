import { sql } from 'kysely';
import { orgUnitId } from '../../db/reference/org-units.js';
import { yearRange } from '../../domain/calendar.js';
import { DEFAULT_RUBRIC, type RoundStatus, type RubricItem, reviewerScore } from '../../domain/evaluation.js';
import { badRequest, conflict, forbidden, notFound } from '../../server/errors.js';
import { isUuid, pageOf } from '../../server/http.js';
import type { Actor, Db, Who } from '../../server/types.js';
import { recordAudit } from '../audit/service.js';
import {
  directedByActor,
  readsWholeRound,
  reviewerRoles,
  roundActions,
  roundHomeActions,
  roundVisible,
  runsRound,
} from './policy.js';
import type { CreateRoundInput } from './schema.js';

/**
 * The annual evaluation (R13, R25): a round per year and level — the municipal one led by the
 * office, each district's by its CPPCC. Homes submit a self-summary, assigned reviewers score the
 * reviewer items, the owner confirms, and the published results are frozen per revision.
 */

export type RoundRow = Awaited<ReturnType<typeof findRound>>;

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
export async function eligibleReviewers(
  db: Db,
  round: { level: string; ownerUnitId: string },
  userIds: string[],
) {
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
export async function access(db: Db, actor: Actor, id: string): Promise<Access> {
  const round = await findRound(db, id);
  if (!round) throw notFound('找不到该评价');
  const mayRun = runsRound(actor, round);
  const reviewer = await isReviewer(db, round.id, actor.userId);
  if (mayRun || reviewer || readsWholeRound(actor, round)) return { round, mayRun, reviewer, homes: 'all' };
  const homes = await directedHomes(db, actor, round.id);
  if (homes.length === 0) throw notFound('找不到该评价');
  return { round, mayRun, reviewer, homes };
}

export const rubricOf = (round: { rubric: unknown }) => round.rubric as RubricItem[];

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

export async function scoresOf(db: Db, roundId: string, homeIds?: string[]) {
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
export function itemsOf(rubric: RubricItem[], computed: Record<string, number> | null, scores: ScoreRow[]) {
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
