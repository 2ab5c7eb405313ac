import type { Actor } from '../../domain/actor.js';
import { hasRole } from '../../domain/actor.js';

export const auditAbilities = {
  /** search, export and verify the audit trail: the audit administrator only (三权分立) */
  'audit.read': (actor: Actor) => hasRole(actor, 'auditor'),
};
