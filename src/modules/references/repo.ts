import type { Actor, Db } from '../../server/types.js';
import { homeScope } from '../homes/policy.js';
import { memberScope } from '../members/policy.js';
import { userScope } from '../users/policy.js';

/** The members among `ids` that the actor's scope holds. */
export function membersInScope(db: Db, actor: Actor, ids: string[]) {
  return db
    .selectFrom('members')
    .select('members.id')
    .where('members.id', 'in', ids)
    .where(memberScope(actor))
    .execute();
}

/** The homes among `ids` that the actor's scope holds. */
export function homesInScope(db: Db, actor: Actor, ids: string[]) {
  return db
    .selectFrom('homes')
    .select('homes.id')
    .where('homes.id', 'in', ids)
    .where(homeScope(actor))
    .execute();
}

/** The enabled user accounts among `ids` that the actor's scope holds. */
export function usersInScope(db: Db, actor: Actor, ids: string[]) {
  return db
    .selectFrom('users')
    .select('users.id')
    .where('users.id', 'in', ids)
    .where('users.disabled', '=', false)
    .where(userScope(actor))
    .execute();
}
