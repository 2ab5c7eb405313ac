import { hasRole, isStaff } from '../../server/actor.js';
import type { Actor } from '../../server/types.js';

export const dashboardAbilities = {
  /**
   * the office, vice chairs, district and committee staff: each sees the units their role covers;
   * a home director the homes they direct
   */
  'dashboard.read': (actor: Actor) =>
    hasRole(actor, 'office_admin', 'committee_staff', 'district_staff', 'vice_chair', 'home_director'),
  /** every staff user's "needs attention" list, within what they may see */
  'dashboard.attention': (actor: Actor) => isStaff(actor),
  'dashboard.refresh': (actor: Actor) => hasRole(actor, 'office_admin'),
};
