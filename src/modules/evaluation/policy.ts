import { hasRole, isStaff } from '../../server/actor.js';
import type { Actor } from '../../server/types.js';

export const evaluationAbilities = {
  /** staff and directors see the rounds they take part in (checked per round) */
  'evaluation.read': (actor: Actor) => isStaff(actor) || actor.memberId !== null,
  /** start a round: the office (municipal) or a district CPPCC (its own) */
  'evaluation.run': (actor: Actor) => hasRole(actor, 'office_admin', 'district_staff'),
};
