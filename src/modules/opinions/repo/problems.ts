import { type Insertable, sql } from 'kysely';
import type { CitizenProblemTable, Db } from '../../../db/schema.js';
import type { Actor } from '../../../domain/actor.js';
import { openPhone } from '../../../lib/personal-data.js';
import { likePattern } from '../../../lib/sql.js';
import { isUuid, pageOf } from '../../../server/http.js';
import { opinionScope } from '../policy.js';
import type { ListProblemsQuery } from '../schema.js';
import { atNow } from './opinions.js';

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
  'citizenProblems.requesterPhoneSealed',
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

type SealedProblemRow = Awaited<ReturnType<ReturnType<typeof selectProblems>['execute']>>[number];
const selectProblems = (db: Db) => problems(db).select(COLUMNS);

/** A problem with its requester's number opened: the rest of the code never sees the sealed value. */
function opened({ requesterPhoneSealed, ...row }: SealedProblemRow) {
  return { ...row, requesterPhone: openPhone(requesterPhoneSealed) };
}
export type ProblemRow = ReturnType<typeof opened>;

/** One page of the problems the actor sees, newest first. */
export function problemsPage(db: Db, actor: Actor, query: ListProblemsQuery) {
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
    (rows) => rows.map(opened),
  );
}

export async function findProblem(db: Db, actor: Actor, id: string) {
  if (!isUuid(id)) return undefined;
  const row = await selectProblems(db)
    .where('citizenProblems.id', '=', id)
    .where(opinionScope(actor, 'citizenProblems'))
    .executeTakeFirst();
  return row && opened(row);
}

/** The opinion a problem is made from, with what decides who may handle it. */
export async function findOpinionForProblem(db: Db, actor: Actor, opinionId: string) {
  if (!isUuid(opinionId)) return undefined;
  return db
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
    .where('opinions.id', '=', opinionId)
    .where(opinionScope(actor, 'opinions'))
    .executeTakeFirst();
}

export function insertProblem(db: Db, values: Insertable<CitizenProblemTable>) {
  return db.insertInto('citizenProblems').values(values).returning('id').executeTakeFirstOrThrow();
}

/** The times a change of a problem records, set to the database's clock. */
export type ProblemTime = 'resolvedAt' | 'ratedAt';

export async function changeProblem(
  db: Db,
  id: string,
  changes: Record<string, unknown>,
  times: ProblemTime[],
): Promise<void> {
  await db
    .updateTable('citizenProblems')
    .set({ ...changes, updatedAt: sql`now()`, ...atNow(times) })
    .where('id', '=', id)
    .execute();
}

/** The problems made from an opinion, for its detail. */
export function problemsOfOpinion(db: Db, opinionId: string) {
  return db
    .selectFrom('citizenProblems')
    .select(['id', 'trackingCode', 'title', 'status', 'satisfaction'])
    .where('opinionId', '=', opinionId)
    .orderBy('createdAt')
    .execute();
}
export type OpinionProblemRow = Awaited<ReturnType<typeof problemsOfOpinion>>[number];

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

export function publicProblemsOf(db: Db, opinionId: string) {
  return db
    .selectFrom('citizenProblems')
    .select(publicColumns)
    .where('opinionId', '=', opinionId)
    .orderBy('createdAt')
    .execute();
}
export type PublicProblemRow = Awaited<ReturnType<typeof publicProblemsOf>>[number];

export function findPublicProblem(db: Db, code: string) {
  return db
    .selectFrom('citizenProblems')
    .select(['id', ...publicColumns])
    .where('trackingCode', '=', code)
    .executeTakeFirst();
}

/** Records the citizen's rating unless one is there already; returns how many rows it changed. */
export async function rateOnce(
  db: Db,
  id: string,
  input: { satisfaction: 1 | 2 | 3; comment?: string | null },
): Promise<number> {
  const updated = await db
    .updateTable('citizenProblems')
    .set({
      satisfaction: input.satisfaction,
      satisfactionComment: input.comment ?? null,
      ratedAt: sql`now()`,
    })
    .where('id', '=', id)
    .where('satisfaction', 'is', null)
    // the result is still published as resolved when the rating lands
    .where('status', '=', 'resolved')
    .where('resultPublic', '=', true)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows);
}
