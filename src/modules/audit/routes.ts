import { z } from 'zod';
import { paged, pageQuery } from '../../server/http.js';
import type { App } from '../../server/types.js';
import { searchAudit } from './service.js';

const auditQuery = pageQuery.extend({
  q: z.string().trim().max(50).optional(),
  actorId: z.string().uuid('操作人编号格式不正确').optional(),
  action: z.string().trim().max(100).optional(),
  objectType: z.string().trim().max(50).optional(),
  objectId: z.string().trim().max(100).optional(),
  from: z.iso.datetime({ offset: true, error: '时间格式应为 ISO-8601' }).optional(),
  to: z.iso.datetime({ offset: true, error: '时间格式应为 ISO-8601' }).optional(),
});

const auditEvent = z
  .object({
    id: z.string(),
    at: z.date(),
    actorId: z.string().nullable(),
    actorName: z.string().nullable(),
    roles: z.array(z.string()),
    ip: z.string().nullable(),
    action: z.string(),
    objectType: z.string().nullable(),
    objectId: z.string().nullable(),
    before: z.unknown(),
    after: z.unknown(),
  })
  .meta({ id: 'AuditEvent' });

export function auditRoutes(app: App): void {
  app.get(
    '/audit',
    {
      config: { ability: 'audit.read' },
      schema: {
        tags: ['审计'],
        summary: '审计日志（只读）',
        querystring: auditQuery,
        response: { 200: paged(auditEvent) },
      },
    },
    async (request) => searchAudit(app.db, request.query),
  );
}
