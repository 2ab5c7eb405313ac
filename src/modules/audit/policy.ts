import type { Actor } from '../../domain/actor.js';
import { hasRole } from '../../domain/actor.js';

export const auditAbilities = {
  /** search the audit trail (read-only for everybody) */
  'audit.read': (actor: Actor) => hasRole(actor, 'auditor', 'system_admin'),
};
