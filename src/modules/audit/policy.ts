import { hasRole } from '../../server/actor.js';
import type { Actor } from '../../server/types.js';

export const auditAbilities = {
  /** search the audit trail (read-only for everybody) */
  'audit.read': (actor: Actor) => hasRole(actor, 'auditor', 'system_admin'),
};
