import { type Insertable, sql } from 'kysely';
import type { Db, EvaluationRoundTable } from '../../../db/schema.js';
import type { Actor } from '../../../domain/actor.js';
import { isUuid, pageOf } from '../../../server/http.js';
import { directedByActor, reviewerRoles, roundVisible } from '../policy.js';

/** Rounds: finding one and who takes part, creating one with its homes, the list, and what a round shows. */

export async function findRound(db: Db, id: string) {
  if (!isUuid(id)) return undefined;
  return db
    .selectFrom('evaluationRounds')
    .innerJoin('orgUnits', 'orgUnits.id', 'evaluationRounds.ownerUnitId')
    .selectAll('evaluationRounds')
    .select('orgUnits.name as ownerUnitName')
    .where('evaluationRounds.id', '=', id)
    .executeTakeFirst();
}

export type RoundRow = NonNullable<Awaited<ReturnType<typeof findRound>>>;

/** The enabled accounts among `userIds` that hold a role that may review the round. */
export async function eligibleReviewers(
  db: Db,
  round: { level: string; ownerUnitId: string },
  userIds: string[],
) {
  const valid = userIds.filter((id) => isUuid(id));
  if (valid.length === 0) return [];
  return db
    .selectFrom('userRoles')
    .innerJoin('users', 'users.id', 'userRoles.userId')
    .select('userRoles.userId')
    .where('users.disabled', '=', false)
    .where('userRoles.userId', 'in', valid)
    .where(reviewerRoles(round))
    .execute();
}

export function findReviewer(db: Db, roundId: string, userId: string) {
  return db
    .selectFrom('evaluationReviewers')
    .select('userId')
    .where('roundId', '=', roundId)
    .where('userId', '=', userId)
    .executeTakeFirst();
}

/** A round's home entries joined to their homes, for the evaluation repo's queries. */
export const entriesOf = (db: Db, roundId: string) =>
  db
    .selectFrom('evaluationHomes')
    .innerJoin('homes', 'homes.id', 'evaluationHomes.homeId')
    .where('evaluationHomes.roundId', '=', roundId);

/** The ids of the round's homes the actor directs. */
export async function directedHomes(db: Db, actor: Actor, roundId: string): Promise<string[]> {
  const rows = await entriesOf(db, roundId).select('homes.id').where(directedByActor(actor)).execute();
  return rows.map((r) => r.id);
}

// ---- creating and listing ----

export function findOrgUnit(db: Db, id: string) {
  return db.selectFrom('orgUnits').select(['id', 'kind']).where('id', '=', id).executeTakeFirst();
}

/** The round a unit already holds for a year, if any. */
export function findRoundOfYear(db: Db, year: number, ownerUnitId: string) {
  return db
    .selectFrom('evaluationRounds')
    .select('id')
    .where('year', '=', year)
    .where('ownerUnitId', '=', ownerUnitId)
    .executeTakeFirst();
}

export async function insertRound(db: Db, values: Insertable<EvaluationRoundTable>) {
  const { id } = await db
    .insertInto('evaluationRounds')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/**
 * Enters the homes that operated in the round's year: operating or suspended, their plaque awarded
 * by `plaqueBy` (the year's last day) or not at all; the municipal homes, or the district's own.
 */
export async function enterRoundHomes(
  db: Db,
  roundId: string,
  round: { level: 'municipal' | 'district'; ownerUnitId: string },
  plaqueBy: string,
) {
  await sql`
      insert into evaluation_homes (round_id, home_id)
      select ${roundId}::uuid, h.id from homes h
      where h.status in ('operating', 'suspended')
        and (h.plaque_awarded_on is null or h.plaque_awarded_on <= ${plaqueBy}::date)
        and ${round.level === 'municipal' ? sql`h.level = 'municipal'` : sql`h.level = 'district' and h.owner_unit_id = ${round.ownerUnitId}`}`.execute(
    db,
  );
}

/** A page of the rounds the actor sees, with their counts of homes and self-summaries. */
export function roundsPage(
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
    (found) => found,
  );
}

export type RoundSummaryRow = Awaited<ReturnType<typeof roundsPage>>['items'][number];

// ---- reading a round ----

/** The reviewers' scores of the round, of all its homes or of `homeIds`. */
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

export type ScoreRow = Awaited<ReturnType<typeof scoresOf>>[number];

/** The round's home entries, all or those of `homeIds`, by place and name. */
export function roundHomes(db: Db, roundId: string, homeIds: 'all' | string[]) {
  let q = entriesOf(db, roundId).select([
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
  ]);
  if (homeIds !== 'all') q = q.where('evaluationHomes.homeId', 'in', homeIds);
  return q.orderBy(sql`evaluation_homes.rank nulls last`).orderBy('homes.name').execute();
}

export type RoundHomeRow = Awaited<ReturnType<typeof roundHomes>>[number];

/** How many homes of a round wrote a self-summary. */
export async function countSelfSummaries(db: Db, roundId: string): Promise<number> {
  const row = await db
    .selectFrom('evaluationHomes')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('roundId', '=', roundId)
    .where('submittedAt', 'is not', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function reviewersOf(db: Db, roundId: string) {
  return db
    .selectFrom('evaluationReviewers')
    .innerJoin('users', 'users.id', 'evaluationReviewers.userId')
    .select(['users.id as userId', 'users.displayName'])
    .where('evaluationReviewers.roundId', '=', roundId)
    .orderBy('users.displayName')
    .execute();
}

/** The member commendation candidates of the round, with their units, by place. */
export function memberCommendationsOf(db: Db, roundId: string) {
  return db
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
    .where('c.roundId', '=', roundId)
    .orderBy('c.rank')
    .execute();
}

export function publicationsOf(db: Db, roundId: string) {
  return db
    .selectFrom('evaluationPublications')
    .select(['revision', 'publishedAt', 'reason'])
    .where('roundId', '=', roundId)
    .orderBy('revision')
    .execute();
}

/** A home's yearly work summary, if written. */
export function findHomeSummary(db: Db, homeId: string, year: number) {
  return db
    .selectFrom('homeSummaries')
    .select('content')
    .where('homeId', '=', homeId)
    .where('year', '=', year)
    .executeTakeFirst();
}

/** The rounds being reviewed that name `userId` among their reviewers, with their homes' ids. */
export function reviewingRoundsOf(db: Db, userId: string) {
  return db
    .selectFrom('evaluationRounds')
    .innerJoin('evaluationReviewers', 'evaluationReviewers.roundId', 'evaluationRounds.id')
    .select(['evaluationRounds.id', 'evaluationRounds.title', 'evaluationRounds.rubric'])
    .select((eb) =>
      eb
        .selectFrom('evaluationHomes')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('evaluationHomes.roundId', '=', 'evaluationRounds.id')
        .as('homes'),
    )
    .where('evaluationRounds.status', '=', 'reviewing')
    .where('evaluationReviewers.userId', '=', userId)
    .orderBy('evaluationRounds.year', 'desc')
    .execute();
}
