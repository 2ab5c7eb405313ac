import { hasRole } from '../../server/actor.js';
import type { Actor } from '../../server/types.js';

export const userAbilities = {
  /** list, create, edit and disable users and their roles */
  'user.manage': (actor: Actor) => hasRole(actor, 'system_admin'),
};
