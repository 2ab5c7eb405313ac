import type { Db } from '../../../db/schema.js';
import type { Actor } from '../../../domain/actor.js';
import { isUuid } from '../../../server/http.js';
import { memberScope } from '../../members/policy.js';

/** A member in the actor's scope, with what decides who manages their record. */
export async function findMemberInScope(db: Db, actor: Actor, id: string) {
  if (!isUuid(id)) return undefined;
  return db
    .selectFrom('members')
    .select(['members.id', 'members.name', 'members.level', 'members.orgUnitId', 'members.sector'])
    .where('members.id', '=', id)
    .where(memberScope(actor))
    .executeTakeFirst();
}

export type MemberRow = NonNullable<Awaited<ReturnType<typeof findMemberInScope>>>;
