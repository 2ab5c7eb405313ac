import { sql } from 'kysely';
import type { Db } from '../../../db/schema.js';
import type { Actor } from '../../../domain/actor.js';
import { isUuid, pageOf } from '../../../server/http.js';
import { memberScope } from '../../members/policy.js';

/** Members' flags of missing entries, with what decides who answers them. */

const flags = (db: Db) =>
  db
    .selectFrom('dutyFlags')
    .innerJoin('members', 'members.id', 'dutyFlags.memberId')
    .select([
      'dutyFlags.id',
      'dutyFlags.memberId',
      'members.name as memberName',
      'dutyFlags.year',
      'dutyFlags.description',
      'dutyFlags.status',
      'dutyFlags.response',
      'dutyFlags.createdAt',
      'dutyFlags.resolvedAt',
      'members.level as memberLevel',
      'members.orgUnitId as memberOrgUnitId',
    ]);

export type FlagRow = Awaited<ReturnType<ReturnType<typeof flags>['execute']>>[number];

/** A flag just written (it is there). */
export function flagById(db: Db, id: string) {
  return flags(db).where('dutyFlags.id', '=', id).executeTakeFirstOrThrow();
}

export async function findFlagInScope(db: Db, actor: Actor, id: string) {
  if (!isUuid(id)) return undefined;
  return flags(db).where('dutyFlags.id', '=', id).where(memberScope(actor)).executeTakeFirst();
}

/** A member's flags of a year, newest first. */
export function memberFlags(db: Db, memberId: string, year: number) {
  return flags(db)
    .where('dutyFlags.memberId', '=', memberId)
    .where('dutyFlags.year', '=', year)
    .orderBy('dutyFlags.createdAt', 'desc')
    .execute();
}

/** One page of the flags of the members in the actor's scope, newest first. */
export function flagsPage(
  db: Db,
  actor: Actor,
  q: { page: number; pageSize: number; status?: string; year?: number },
) {
  let query = flags(db).where(memberScope(actor));
  if (q.status) query = query.where('dutyFlags.status', '=', q.status);
  if (q.year) query = query.where('dutyFlags.year', '=', q.year);
  return pageOf(
    q,
    query.orderBy('dutyFlags.createdAt', 'desc').orderBy('dutyFlags.id'),
    query.clearSelect().select((eb) => eb.fn.countAll<string>().as('n')),
    (rows) => rows,
  );
}

export async function insertFlag(db: Db, memberId: string, year: number, description: string) {
  const { id } = await db
    .insertInto('dutyFlags')
    .values({ memberId, year, description })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function resolveFlagRow(
  db: Db,
  id: string,
  userId: string,
  answer: { status: 'resolved' | 'rejected'; response: string },
) {
  await db
    .updateTable('dutyFlags')
    .set({ status: answer.status, response: answer.response, resolvedBy: userId, resolvedAt: sql`now()` })
    .where('id', '=', id)
    .execute();
}
