import { hasRole, isStaff } from '../../server/actor.js';
import type { Actor } from '../../server/types.js';

export const recordAbilities = {
  /** a member their own record; staff the members in their scope (checked per member) */
  'record.read': (actor: Actor) => isStaff(actor) || actor.memberId !== null,
  /** the list and ranking of records */
  'record.list': (actor: Actor) =>
    hasRole(actor, 'office_admin', 'committee_staff', 'district_staff', 'vice_chair'),
  /** points rules, rebuilding and closing a year */
  'record.admin': (actor: Actor) => hasRole(actor, 'office_admin'),
  /** proposals and research reports: read those of members in scope; register them */
  'output.read': (actor: Actor) => isStaff(actor) || actor.memberId !== null,
  'output.manage': (actor: Actor) => hasRole(actor, 'office_admin', 'committee_staff', 'district_staff'),
};
