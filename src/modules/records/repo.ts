import { notFound } from '../../server/errors.js';
import { isUuid } from '../../server/http.js';
import type { Actor, Db } from '../../server/types.js';
import { memberScope } from '../members/policy.js';

/** The queries of duty records that more than one part reads: a member in the actor's scope, the flags. */

export async function findMemberInScope(db: Db, actor: Actor, id: string) {
  if (!isUuid(id)) return undefined;
  return db
    .selectFrom('members')
    .select(['members.id', 'members.name', 'members.level', 'members.orgUnitId', 'members.sector'])
    .where('members.id', '=', id)
    .where(memberScope(actor))
    .executeTakeFirst();
}

export async function memberOf(db: Db, actor: Actor, id: string) {
  const member = await findMemberInScope(db, actor, id);
  if (!member) throw notFound('找不到该委员');
  return member;
}

/** Members' flags of missing entries, with what decides who answers them. */
export const flagsQuery = (db: Db) =>
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
