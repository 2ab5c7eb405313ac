import { hasRole } from '../../server/actor.js';
import type { Actor } from '../../server/types.js';

export const operationAbilities = {
  /** the compliance page (homes × quarters) and the lists of missing plans and summaries */
  'compliance.read': (actor: Actor) =>
    hasRole(actor, 'office_admin', 'committee_staff', 'district_staff', 'vice_chair'),
  /** issue the unified rules every home inherits */
  'rules.issue': (actor: Actor) => hasRole(actor, 'office_admin'),
};
