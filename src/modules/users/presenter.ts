import type { RoleGrant } from '../../domain/roles.js';
import type { RolesAndNames } from './repo.js';

export interface NamedGrant extends RoleGrant {
  /** The name of the scope (an org unit or a home), so no page has to show its id. */
  scopeName: string | null;
}

/** Each user with their roles, named scopes and the name of the member the account is linked to. */
export function presentUsers<T extends { id: string; memberId: string | null }>(
  users: T[],
  { roles, scopes, members }: RolesAndNames,
): Array<T & { memberName: string | null; roles: NamedGrant[] }> {
  const names = new Map(scopes.map((x) => [x.id, x.name]));
  const memberNames = new Map(members.map((m) => [m.id, m.name]));
  return users.map((u) => ({
    ...u,
    memberName: u.memberId ? (memberNames.get(u.memberId) ?? null) : null,
    roles: roles
      .filter((r) => r.userId === u.id)
      .map(({ role, scopeId }) => ({
        role: role as RoleGrant['role'],
        scopeId,
        scopeName: scopeId ? (names.get(scopeId) ?? null) : null,
      })),
  }));
}
