import { abilitiesOf } from '../../server/abilities.js';
import type { Actor } from '../../server/types.js';
import type { AccountState } from './settings.js';

/**
 * The signed-in user, their CSRF token, what they may do, what they must do first (a new
 * password, a second factor) and the platform's public address: the answer of sign-in and /auth/me.
 */
export const presentSession = (actor: Actor, state: AccountState, publicUrl: string) => ({
  user: {
    id: actor.userId,
    username: actor.username,
    displayName: actor.displayName,
    memberId: actor.memberId,
    roles: actor.roles,
  },
  csrfToken: actor.csrfToken,
  abilities: abilitiesOf(actor),
  ...state,
  publicUrl,
});
