import type { Role } from '../domain/roles.js';
import type { Actor } from './types.js';

export const hasRole = (actor: Actor, ...roles: Role[]) => actor.roles.some((r) => roles.includes(r.role));

/** The role names an actor holds, for the audit trail. */
export const roleNames = (actor: Actor | null) => (actor ? [...new Set(actor.roles.map((r) => r.role))] : []);
