import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Actor } from '../../domain/actor.js';
import { hasRole, scopesOf } from '../../domain/actor.js';
import { ROLE_LABELS, type Role, SEPARATED_ROLES } from '../../domain/roles.js';

/**
 * 三权分立 (GB/T 22239-2019 §8.1.4.2): the system administrator keeps the accounts, the security
 * administrator grants the roles and lifts sign-in limits, the audit administrator alone reads the
 * audit trail (audit's policy.ts).
 */
export const userAbilities = {
  /** read the accounts: the system and the security administrator */
  'user.read': (actor: Actor) => hasRole(actor, 'system_admin', 'security_admin'),
  /** open an account (a system administrator's roles wait for a security administrator) */
  'user.create': (actor: Actor) => hasRole(actor, 'system_admin', 'security_admin'),
  /** edit and disable accounts: names, passwords, linked member; which ones, `userActions` says */
  'user.manage': (actor: Actor) => hasRole(actor, 'system_admin', 'security_admin'),
  /** grant and revoke roles, and refuse the ones a system administrator asked for */
  'user.grant_roles': (actor: Actor) => hasRole(actor, 'security_admin'),
  /** lift an account's sign-in limits and reset its second factor */
  'user.unlock': (actor: Actor) => hasRole(actor, 'security_admin'),
};

/** What an actor may do to one account, as the list shows it (`allowedActions`). */
export type UserAction = 'update' | 'grant_roles' | 'unlock';

/** Accounts of the security and audit administrators, kept by a security administrator. */
const KEPT_BY_SECURITY: Role[] = ['security_admin', 'auditor'];

/**
 * What an actor may do to an account. The system administrator keeps every account but those of
 * the security and audit administrators, which a security administrator keeps — so neither can
 * reset the other's password and sign in as them. Roles and sign-in limits are the security
 * administrator's, never on their own account's roles.
 */
export function userActions(
  actor: Actor,
  target: { id: string; roles: Array<{ role: Role }> },
): UserAction[] {
  const actions: UserAction[] = [];
  const keptBySecurity = target.roles.some((r) => KEPT_BY_SECURITY.includes(r.role));
  if (keptBySecurity ? hasRole(actor, 'security_admin') : hasRole(actor, 'system_admin'))
    actions.push('update');
  if (mayChangeRolesOf(actor, target.id)) actions.push('grant_roles');
  if (hasRole(actor, 'security_admin')) actions.push('unlock');
  return actions;
}

/** Roles an actor's grants take effect on the spot; anyone else's wait for a security administrator. */
export const grantsRolesDirectly = (actor: Actor) => userAbilities['user.grant_roles'](actor);

/** Nobody changes their own roles, not even a security administrator. */
export const mayChangeRolesOf = (actor: Actor, userId: string) =>
  grantsRolesDirectly(actor) && actor.userId !== userId;

/** Why a set of roles may not sit on one account, or null: no two of the three administrators. */
export function separationProblem(roles: Array<{ role: Role }>): string | null {
  const held = SEPARATED_ROLES.filter((r) => roles.some((g) => g.role === r));
  if (held.length < 2) return null;
  return `三权分立：${held.map((r) => ROLE_LABELS[r]).join('、')}须由不同的人担任`;
}

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
