import { maskPhone } from '../../domain/privacy.js';
import type { Actor } from '../../server/types.js';
import { memberActionsFor, seesPhone } from './policy.js';
import type { MemberRow } from './repo.js';

/** The member as this actor may see it: the phone masked unless the actor manages the member. */
export function presentMember(actor: Actor, row: MemberRow) {
  const full = seesPhone(actor, row);
  return {
    ...row,
    phone: row.phone && !full ? maskPhone(row.phone) : row.phone,
    phoneMasked: row.phone !== null && !full,
    allowedActions: memberActionsFor(actor, row),
  };
}
