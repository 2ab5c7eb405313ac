import { z } from 'zod';
import { errorBody, idParams, paged, pageQuery, whoOf } from '../../server/http.js';
import type { FileStorage } from '../../server/storage.js';
import type { App } from '../../server/types.js';
import { listNotifications, markAllRead, markRead } from './service.js';

const notification = z
  .object({
    id: z.string(),
    kind: z.string(),
    title: z.string(),
    body: z.string().nullable(),
    link: z.string().nullable(),
    homeId: z.string().nullable(),
    createdAt: z.date(),
    readAt: z.date().nullable(),
  })
  .meta({ id: 'Notification' });

const listQuery = pageQuery.extend({
  unread: z
    .enum(['true', 'false'], { error: 'unread 应为 true 或 false' })
    .transform((v) => v === 'true')
    .optional(),
});

export function notificationsRoutes(app: App, _storage: FileStorage): void {
  const tags = ['通知'];
  const own = { access: 'authenticated' } as const;

  app.get(
    '/notifications',
    {
      config: own,
      schema: {
        tags,
        summary: '我的通知（新的在前）；unread=true 只列未读；unread 为未读总数',
        querystring: listQuery,
        response: { 200: paged(notification).extend({ unread: z.number().int() }) },
      },
    },
    async (request) => listNotifications(app.db, request.actor!, request.query),
  );

  app.post(
    '/notifications/read-all',
    {
      config: own,
      schema: { tags, summary: '全部标为已读', response: { 204: z.null(), 401: errorBody } },
    },
    async (request, reply) => {
      await markAllRead(app.db, whoOf(request));
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/notifications/:id/read',
    {
      config: own,
      schema: {
        tags,
        summary: '标为已读（只能是本人的通知）',
        params: idParams,
        response: { 204: z.null(), 404: errorBody },
      },
    },
    async (request, reply) => {
      await markRead(app.db, whoOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
