import { z } from 'zod';
import { pageQuery } from '../../server/http.js';

const instant = z.iso.datetime({ offset: true, error: '时间格式应为 ISO-8601' });

export const auditQuery = pageQuery.extend({
  /** the actor by name: the user's display name now or when they acted, their username, or the username a failed sign-in typed */
  q: z.string().trim().max(50).optional(),
  actorId: z.string().uuid('操作人编号格式不正确').optional(),
  /** one action by its code (`funds.reverse`), or every action of a family when it ends in a dot (`funds.`) */
  action: z.string().trim().max(100).optional(),
  objectType: z.string().trim().max(50).optional(),
  objectId: z.string().trim().max(100).optional(),
  from: instant.optional(),
  to: instant.optional(),
});
export type AuditQuery = z.infer<typeof auditQuery>;

export const auditEvent = z
  .object({
    id: z.string(),
    at: z.date(),
    actorId: z.string().nullable(),
    /** the actor's name as it was when they acted */
    actorName: z.string().nullable(),
    /** who acted, as the page shows it: the user's display name, or 系统 (or 匿名访客 for a visitor not signed in) */
    actorLabel: z.string(),
    roles: z.array(z.string()),
    ip: z.string().nullable(),
    action: z.string(),
    /** the action in words (its code when it has none) */
    actionLabel: z.string(),
    objectType: z.string().nullable(),
    /** the object type in words (its code when it has none) */
    objectTypeLabel: z.string().nullable(),
    objectId: z.string().nullable(),
    /** the object's name or title, where it has one and still exists */
    objectName: z.string().nullable(),
    before: z.unknown(),
    after: z.unknown(),
    /** what the entry recorded in words: each field it set, by its Chinese name, with its value before and after (null: none) */
    changes: z.array(
      z.object({
        field: z.string(),
        label: z.string(),
        before: z.string().nullable(),
        after: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'AuditEvent' });

export const auditVerification = z
  .object({
    /** every row is as it was sealed, and none is missing */
    ok: z.boolean(),
    /** how many rows were checked */
    checked: z.number().int(),
    /** the first row found changed or removed (null when the chain holds) */
    firstBrokenId: z.string().nullable(),
  })
  .meta({ id: 'AuditVerification' });
