import { hasRole } from '../../server/actor.js';
import type { Actor } from '../../server/types.js';

export const fundAbilities = {
  /** staff and directors; each home's ledger checks who may read, allocate, spend and approve */
  'funds.read': (actor: Actor) =>
    hasRole(actor, 'office_admin', 'committee_staff', 'district_staff', 'vice_chair', 'home_director') ||
    actor.memberId !== null,
  'funds.settings': (actor: Actor) => hasRole(actor, 'office_admin'),
};
