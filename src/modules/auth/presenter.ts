import { abilitiesOf } from '../../server/abilities.js';
import type { Actor } from '../../server/types.js';

/**
 * The signed-in user, their CSRF token, what they may do and the platform's public address: the
 * answer of sign-in and /auth/me.
 */
export const presentSession = (actor: Actor, publicUrl: string) => ({
  user: {
    id: actor.userId,
    username: actor.username,
    displayName: actor.displayName,
    memberId: actor.memberId,
    roles: actor.roles,
  },
  csrfToken: actor.csrfToken,
  abilities: abilitiesOf(actor),
  publicUrl,
});
