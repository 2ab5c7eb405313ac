import type { Role, RoleGrant } from './roles.js';

/** Who is making a request: a signed-in user (by session cookie or API token). */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  memberId: string | null;
  roles: RoleGrant[];
  via: 'session' | 'token';
  sessionId: string | null;
  csrfToken: string | null;
}

export const hasRole = (actor: Actor, ...roles: Role[]) => actor.roles.some((r) => roles.includes(r.role));

/** The role names an actor holds, for the audit trail. */
export const roleNames = (actor: Actor | null) => (actor ? [...new Set(actor.roles.map((r) => r.role))] : []);

/** The scope ids (org units or homes) an actor holds a role for. */
export const scopesOf = (actor: Actor, role: Role): string[] =>
  actor.roles.filter((r) => r.role === role && r.scopeId).map((r) => r.scopeId!);

/** Roles that work on business data for the CPPCC (not system administration or audit). */
export const isStaff = (actor: Actor) =>
  hasRole(actor, 'office_admin', 'committee_staff', 'district_staff', 'vice_chair', 'home_director');

/**
 * Who acts on a home's work: the units that own homes, directors by role, and members (who may
 * direct a home, be assigned an opinion or handle a problem) — not vice chairs, who read.
 */
export const actsInHomes = (actor: Actor) =>
  hasRole(actor, 'office_admin', 'committee_staff', 'district_staff', 'home_director') ||
  actor.memberId !== null;
