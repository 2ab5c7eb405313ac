import { hasRole } from '../../server/actor.js';
import type { Actor } from '../../server/types.js';

export const operationAbilities = {
  /**
   * the compliance page (homes × quarters) and the lists of missing plans and summaries: staff for
   * their units, a home director for the homes they direct
   */
  'compliance.read': (actor: Actor) =>
    hasRole(actor, 'office_admin', 'committee_staff', 'district_staff', 'vice_chair', 'home_director'),
  /** remind a home's directors from the compliance page: those who supervise homes, not a director */
  'compliance.remind': (actor: Actor) =>
    hasRole(actor, 'office_admin', 'committee_staff', 'district_staff', 'vice_chair'),
  /** issue the unified rules every home inherits */
  'rules.issue': (actor: Actor) => hasRole(actor, 'office_admin'),
};
