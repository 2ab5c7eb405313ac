import { type Insertable, sql } from 'kysely';
import type { Db, EvaluationPublicationTable, EvaluationScoreTable } from '../../../db/schema.js';
import { reviewerRoles } from '../policy.js';
import { entriesOf } from './rounds.js';

/** The steps of a round: reviewers, self-summaries, scores, computed items and facts, results, commendations, publications. */

/** The enabled accounts, one row a role, that may review the round. */
export function reviewerCandidateRoles(db: Db, round: { level: string; ownerUnitId: string }) {
  return db
    .selectFrom('userRoles')
    .innerJoin('users', 'users.id', 'userRoles.userId')
    .select(['users.id as userId', 'users.displayName', 'userRoles.role', 'userRoles.scopeId'])
    .where('users.disabled', '=', false)
    .where(reviewerRoles(round))
    .orderBy('users.displayName')
    .execute();
}

export type ReviewerCandidateRow = Awaited<ReturnType<typeof reviewerCandidateRoles>>[number];

export async function replaceReviewers(db: Db, roundId: string, userIds: string[]) {
  await db.deleteFrom('evaluationReviewers').where('roundId', '=', roundId).execute();
  if (userIds.length) {
    await db
      .insertInto('evaluationReviewers')
      .values(userIds.map((userId) => ({ roundId, userId })))
      .execute();
  }
}

export async function updateSelfSummary(db: Db, roundId: string, homeId: string, content: string) {
  await db
    .updateTable('evaluationHomes')
    .set({ selfSummary: content, submittedAt: sql`now()` })
    .where('roundId', '=', roundId)
    .where('homeId', '=', homeId)
    .execute();
}

export function findRoundHome(db: Db, roundId: string, homeId: string) {
  return db
    .selectFrom('evaluationHomes')
    .select('homeId')
    .where('roundId', '=', roundId)
    .where('homeId', '=', homeId)
    .executeTakeFirst();
}

/** A reviewer's score of one item, replacing the one they gave before. */
export async function upsertScore(db: Db, score: Omit<Insertable<EvaluationScoreTable>, 'updatedAt'>) {
  await db
    .insertInto('evaluationScores')
    .values(score)
    .onConflict((oc) =>
      oc
        .columns(['roundId', 'homeId', 'reviewerId', 'item'])
        .doUpdateSet({ score: score.score, comment: score.comment, updatedAt: sql`now()` }),
    )
    .execute();
}

/** The round's homes with what their scorecards read. */
export function homesToCompute(db: Db, roundId: string) {
  return entriesOf(db, roundId)
    .select([
      'homes.id',
      'homes.directorMemberId',
      'homes.online',
      'homes.onlineUrl',
      'homes.venueType',
      'homes.address',
      'homes.plaqueAwardedOn',
    ])
    .execute();
}

/**
 * The facts reviewers weigh for a home in [start, end): opinions received and credited, problems
 * resolved and their mean satisfaction, citizens served by held activities. Counts are strings.
 */
export async function homeFacts(db: Db, homeId: string, start: Date, end: Date) {
  const facts = await sql<{
    opinions: string;
    credited: string;
    problems: string;
    satisfaction: string | null;
    citizens: string;
  }>`
      select
        (select count(*) from opinions o where o.home_id = ${homeId}::uuid
          and o.received_at >= ${start} and o.received_at < ${end}) as opinions,
        (select count(distinct s.opinion_id) from opinion_steps s join opinions o on o.id = s.opinion_id
          where o.home_id = ${homeId}::uuid and s.action in ('adopt', 'instruct')
          and s.at >= ${start} and s.at < ${end}) as credited,
        (select count(*) from citizen_problems p where p.home_id = ${homeId}::uuid and p.status = 'resolved'
          and p.resolved_at >= ${start} and p.resolved_at < ${end}) as problems,
        (select round(avg(p.satisfaction), 1)::text from citizen_problems p where p.home_id = ${homeId}::uuid
          and p.satisfaction is not null and p.resolved_at >= ${start} and p.resolved_at < ${end}) as satisfaction,
        (select coalesce(sum(a.citizen_count), 0) from activities a join activity_hosts ah on ah.activity_id = a.id
          where ah.home_id = ${homeId}::uuid and a.status = 'held'
          and a.starts_at >= ${start} and a.starts_at < ${end}) as citizens`.execute(db);
  return facts.rows[0]!;
}

export async function storeComputed(
  db: Db,
  roundId: string,
  homeId: string,
  computed: unknown,
  facts: unknown,
) {
  await db
    .updateTable('evaluationHomes')
    .set({ computed: JSON.stringify(computed), facts: JSON.stringify(facts) })
    .where('roundId', '=', roundId)
    .where('homeId', '=', homeId)
    .execute();
}

/** The round's homes with their computed items and plaque dates, to total and rank. */
export function homesToRank(db: Db, roundId: string) {
  return entriesOf(db, roundId)
    .select(['evaluationHomes.homeId', 'evaluationHomes.computed', 'homes.plaqueAwardedOn'])
    .execute();
}

export async function storeResult(
  db: Db,
  roundId: string,
  homeId: string,
  result: { total: number; grade: string; rank: number; commended: boolean },
) {
  await db
    .updateTable('evaluationHomes')
    .set(result)
    .where('roundId', '=', roundId)
    .where('homeId', '=', homeId)
    .execute();
}

/**
 * Replaces the member commendation candidates: the top `memberQuota` members of the round's level
 * (for a district, its own) by the points of their stored records of the year; ties by name, then id.
 */
export async function replaceCommendationCandidates(
  db: Db,
  round: { id: string; year: number; level: string; ownerUnitId: string; memberQuota: number },
) {
  const memberScope =
    round.level === 'municipal'
      ? sql`m.level in ('municipal', 'regional')`
      : sql`m.level = 'district' and m.org_unit_id = ${round.ownerUnitId}`;
  await db.deleteFrom('evaluationMemberCommendations').where('roundId', '=', round.id).execute();
  await sql`
      insert into evaluation_member_commendations (round_id, member_id, points, rank, confirmed)
      select ${round.id}::uuid, t.member_id, t.points,
        row_number() over (order by t.points desc, m.name, m.id), false
      from duty_totals t join members m on m.id = t.member_id
      where t.year = ${round.year} and t.points > 0 and ${memberScope}
      order by t.points desc, m.name, m.id
      limit ${round.memberQuota}`.execute(db);
}

/** The round's homes with their results, by place, for the publication. */
export function rankedHomes(db: Db, roundId: string) {
  return entriesOf(db, roundId)
    .select([
      'evaluationHomes.homeId',
      'homes.name',
      'evaluationHomes.total',
      'evaluationHomes.grade',
      'evaluationHomes.rank',
      'evaluationHomes.computed',
      'evaluationHomes.commended',
    ])
    .orderBy('evaluationHomes.rank')
    .execute();
}

export type RankedHomeRow = Awaited<ReturnType<typeof rankedHomes>>[number];

/** The members confirmed for commendation, by place. */
export function confirmedMembers(db: Db, roundId: string) {
  return db
    .selectFrom('evaluationMemberCommendations as c')
    .innerJoin('members', 'members.id', 'c.memberId')
    .select(['c.memberId', 'members.name', 'c.points', 'c.rank'])
    .where('c.roundId', '=', roundId)
    .where('c.confirmed', '=', true)
    .orderBy('c.rank')
    .execute();
}

export async function insertPublication(db: Db, values: Insertable<EvaluationPublicationTable>) {
  await db.insertInto('evaluationPublications').values(values).execute();
}

/**
 * Moves the round from `from` to `to` (with the old status in the WHERE, so a concurrent step
 * loses); answers how many rows it changed.
 */
export async function stepRound(
  db: Db,
  roundId: string,
  from: string,
  set: { status: string; revision: number; revisionReason?: string | null },
) {
  const updated = await db
    .updateTable('evaluationRounds')
    .set({ ...set, updatedAt: sql`now()` })
    .where('id', '=', roundId)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows);
}

export function roundHomeIds(db: Db, roundId: string) {
  return db.selectFrom('evaluationHomes').select('homeId').where('roundId', '=', roundId).execute();
}

export function commendationCandidateIds(db: Db, roundId: string) {
  return db
    .selectFrom('evaluationMemberCommendations')
    .select('memberId')
    .where('roundId', '=', roundId)
    .execute();
}

/** Marks exactly these homes and members of the round as commended. */
export async function setCommended(db: Db, roundId: string, homeIds: string[], memberIds: string[]) {
  await db
    .updateTable('evaluationHomes')
    .set({ commended: sql<boolean>`home_id = any(${homeIds}::uuid[])` })
    .where('roundId', '=', roundId)
    .execute();
  await db
    .updateTable('evaluationMemberCommendations')
    .set({ confirmed: sql<boolean>`member_id = any(${memberIds}::uuid[])` })
    .where('roundId', '=', roundId)
    .execute();
}

/** A published revision of the round, or the latest without `revision`. */
export function findPublication(db: Db, roundId: string, revision?: number) {
  let q = db.selectFrom('evaluationPublications').selectAll().where('roundId', '=', roundId);
  q = revision ? q.where('revision', '=', revision) : q.orderBy('revision', 'desc');
  return q.executeTakeFirst();
}

export type PublicationRow = NonNullable<Awaited<ReturnType<typeof findPublication>>>;
