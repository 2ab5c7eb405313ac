import { sql } from 'kysely';
import { z } from 'zod';
import { offsetOf, paged, pageQuery } from '../../server/http.js';
import type { App } from '../../server/types.js';

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
    async (request) => {
      const q = request.query;
      let query = app.db.selectFrom('auditEvents');
      if (q.actorId) query = query.where('actorId', '=', q.actorId);
      if (q.action) query = query.where('action', 'like', `${q.action.replace(/[\\%_]/g, '\\$&')}%`);
      if (q.objectType) query = query.where('objectType', '=', q.objectType);
      if (q.objectId) query = query.where('objectId', '=', q.objectId);
      if (q.from) query = query.where('at', '>=', new Date(q.from));
      if (q.to) query = query.where('at', '<', new Date(q.to));
      if (q.q) {
        const like = `%${q.q.replace(/[\\%_]/g, '\\$&')}%`;
        query = query.where((eb) =>
          eb.or([eb('actorName', 'ilike', like), eb(sql<string>`after ->> 'username'`, 'ilike', like)]),
        );
      }
      const { total } = await query.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow();
      const items = await query
        .selectAll()
        .orderBy('at', 'desc')
        .orderBy('id', 'desc')
        .limit(q.pageSize)
        .offset(offsetOf(q))
        .execute();
      return { items, total, page: q.page, pageSize: q.pageSize };
    },
  );
}
