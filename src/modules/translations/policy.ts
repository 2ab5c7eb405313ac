import type { Actor } from '../../domain/actor.js';
import { hasRole } from '../../domain/actor.js';

/**
 * The Mongolian of the product's strings and names is the translators' (API.md Languages): they
 * correct and review it; the office reads it, to see what is still a draft.
 */
export const translationAbilities = {
  /** read the translations and their review state */
  'translation.read': (actor: Actor) => hasRole(actor, 'translator', 'office_admin'),
  /** write, correct and mark reviewed the Mongolian of strings and names */
  'translation.edit': (actor: Actor) => hasRole(actor, 'translator'),
};
