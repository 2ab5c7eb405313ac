import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Actor } from '../../domain/actor.js';
import { hasRole, scopesOf } from '../../domain/actor.js';

export const userAbilities = {
  /** list, create, edit and disable users and their roles */
  'user.manage': (actor: Actor) => hasRole(actor, 'system_admin'),
};

/**
 * The accounts an actor may name in a request (enrol in a training, for instance), as SQL on
 * `users`: the office and the system administrator any; a district CPPCC's staff the accounts of
 * its members, of its own staff and of the directors of its homes; anyone else only themselves.
 */
export function userScope(actor: Actor) {
  return (eb: ExpressionBuilder<Database, 'users'>): Expression<SqlBool> => {
    if (hasRole(actor, 'office_admin', 'system_admin')) return eb.lit(true);
    const districts = scopesOf(actor, 'district_staff');
    const ors: Expression<SqlBool>[] = [eb('users.id', '=', actor.userId)];
    if (districts.length) {
      ors.push(
        eb(
          'users.memberId',
          'in',
          eb.selectFrom('members').select('members.id').where('members.orgUnitId', 'in', districts),
        ),
        eb(
          'users.id',
          'in',
          eb
            .selectFrom('userRoles')
            .select('userRoles.userId')
            .where((r) =>
              r.or([
                r('userRoles.scopeId', 'in', districts),
                r(
                  'userRoles.scopeId',
                  'in',
                  r
                    .selectFrom('homes')
                    .select(sql<string>`homes.id::text`.as('id'))
                    .where('homes.ownerUnitId', 'in', districts),
                ),
              ]),
            ),
        ),
      );
    }
    return eb.or(ors);
  };
}
