import type { Actor } from '../../domain/actor.js';
import type { RoleGrant } from '../../domain/roles.js';
import { userActions } from './policy.js';
import { pendingGrants, type RolesAndNames, type UserNaming } from './repo.js';

export interface NamedGrant extends RoleGrant {
  /** The name of the scope (an org unit or a home), so no page has to show its id. */
  scopeName: string | null;
}

/** A user as the actor sees it: with what the actor may do to the account. */
export const withActions = <T extends { id: string; roles: RoleGrant[] }>(actor: Actor, user: T) => ({
  ...user,
  allowedActions: userActions(actor, user),
});

/** Each user with their roles, named scopes and the name of the member the account is linked to. */
export function presentUsers<T extends UserNaming>(
  users: T[],
  { roles, scopes, members }: RolesAndNames,
): Array<
  Omit<T, 'pendingRoles'> & {
    memberName: string | null;
    roles: NamedGrant[];
    pendingRoles: NamedGrant[] | null;
  }
> {
  const names = new Map(scopes.map((x) => [x.id, x.name]));
  const memberNames = new Map(members.map((m) => [m.id, m.name]));
  const named = ({ role, scopeId }: RoleGrant): NamedGrant => ({
    role,
    scopeId,
    scopeName: scopeId ? (names.get(scopeId) ?? null) : null,
  });
  return users.map((u) => ({
    ...u,
    memberName: u.memberId ? (memberNames.get(u.memberId) ?? null) : null,
    pendingRoles: u.pendingRoles ? pendingGrants(u).map(named) : null,
    roles: roles
      .filter((r) => r.userId === u.id)
      .map(({ role, scopeId }) => named({ role: role as RoleGrant['role'], scopeId })),
  }));
}
