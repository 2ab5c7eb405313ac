import {
  AUDIT_ANONYMOUS_ACTOR,
  AUDIT_SYSTEM_ACTOR,
  auditActionLabel,
  auditObjectTypeLabel,
} from '../../domain/audit.js';
import { auditChanges, nameKey } from './changes.js';
import type { AuditEventRow } from './repo.js';

/** Object types whose id is itself what names them: a year. */
const YEAR_TYPES = new Set(['duty_year', 'point_ruleset']);

/**
 * The username a sign-in typed, for a failed or locked one that names no account. It is what the
 * row names, so the page can say whom it was about (the account's display name where it exists).
 */
export const typedUsername = (
  row: Pick<AuditEventRow, 'objectType' | 'objectId' | 'after'>,
): string | null => {
  const after = row.after as { username?: unknown } | null;
  return row.objectType === 'user' && !row.objectId && typeof after?.username === 'string'
    ? after.username
    : null;
};

/**
 * Who acted, in words: the user's display name now; the name they had when they acted if the
 * account is gone; 系统 for the platform's own work (no user, no address); 匿名访客 for a visitor
 * who had not signed in (the public portal, a failed sign-in).
 */
function actorLabel(row: AuditEventRow): string {
  if (row.actorDisplayName) return row.actorDisplayName;
  if (row.actorId) return row.actorName ?? AUDIT_SYSTEM_ACTOR;
  return row.ip ? AUDIT_ANONYMOUS_ACTOR : AUDIT_SYSTEM_ACTOR;
}

/**
 * Audit rows as the page and its export show them: the actor, the action, the object and what the
 * row recorded (its before/after, field by field) in words. `names` holds the names of the objects
 * and of what the snapshots name, by `type:id` (repo `objectNames`).
 */
export function presentAuditEvents(rows: AuditEventRow[], names: Map<string, string>) {
  return rows.map((row) => {
    const { actorDisplayName: _, ...event } = row;
    const { objectType, objectId } = row;
    const typed = typedUsername(row);
    let objectName: string | null =
      typed === null ? null : (names.get(nameKey('username', typed.toLowerCase())) ?? typed);
    if (objectType && objectId) {
      objectName = YEAR_TYPES.has(objectType)
        ? `${objectId} 年度`
        : (names.get(`${objectType}:${objectId}`) ?? null);
    }
    return {
      ...event,
      actorLabel: actorLabel(row),
      actionLabel: auditActionLabel(row.action),
      objectTypeLabel: objectType ? auditObjectTypeLabel(objectType) : null,
      objectName,
      changes: auditChanges(row, names),
    };
  });
}

export type AuditItem = ReturnType<typeof presentAuditEvents>[number];

/** The object an audit row is about, in words: its name where it has one, else its type. */
export const objectShown = (item: AuditItem): string => item.objectName ?? item.objectTypeLabel ?? '';
