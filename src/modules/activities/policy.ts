import { hasRole, isStaff } from '../../server/actor.js';
import type { Actor } from '../../server/types.js';

export const activityAbilities = {
  /** activities of the homes in the actor's scope (a member: the homes they belong to) */
  'activity.read': (actor: Actor) => isStaff(actor) || actor.memberId !== null,
  /** schedule activities and duty shifts; the service checks the actor runs every host home */
  'activity.create': (actor: Actor) =>
    hasRole(actor, 'office_admin', 'committee_staff', 'district_staff', 'home_director') ||
    actor.memberId !== null,
};
