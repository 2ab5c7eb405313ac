import { sql } from 'kysely';
import { z } from 'zod';
import { notFound } from '../../server/errors.js';
import { errorBody, offsetOf, paged, pageQuery } from '../../server/http.js';
import type { App } from '../../server/types.js';

const region = z
  .object({
    code: z.string(),
    name: z.string(),
    nameMn: z.string().nullable(),
    level: z.enum(['city', 'district', 'township', 'village']),
    parentCode: z.string().nullable(),
    isDevZone: z.boolean(),
  })
  .meta({ id: 'Region' });

const regionsQuery = pageQuery.extend({
  parentCode: z
    .string()
    .regex(/^\d{6}(\d{3}){0,2}$/, '区划代码应为 6、9 或 12 位数字')
    .optional(),
  level: z.enum(['city', 'district', 'township', 'village']).optional(),
  q: z.string().trim().max(30).optional(),
  // reference lists are short: by default a whole level comes in one page
  pageSize: pageQuery.shape.pageSize.unwrap().default(200),
});

const COLUMNS = ['code', 'name', 'nameMn', 'level', 'parentCode', 'isDevZone'] as const;

/** 行政区划: reference data, public (the portal lets citizens pick a banner and a township). */
export function regionRoutes(app: App): void {
  const tags = ['参考数据'];

  app.get(
    '/regions',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '行政区划（按上级代码列出下级；不带参数时为全市）',
        querystring: regionsQuery,
        response: { 200: paged(region) },
      },
    },
    async (request) => {
      const q = request.query;
      let query = app.db.selectFrom('regions');
      if (q.parentCode) query = query.where('parentCode', '=', q.parentCode);
      else if (!q.level && !q.q) query = query.where('level', '=', 'city');
      if (q.level) query = query.where('level', '=', q.level);
      if (q.q) query = query.where('name', 'like', `%${q.q.replace(/[\\%_]/g, '\\$&')}%`);
      const { total } = await query.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow();
      const items = await query
        .select(COLUMNS)
        .orderBy('code')
        .limit(q.pageSize)
        .offset(offsetOf(q))
        .execute();
      return { items, total, page: q.page, pageSize: q.pageSize };
    },
  );

  app.get(
    '/regions/:code',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '一个行政区划',
        params: z.object({ code: z.string().max(12) }),
        response: { 200: region, 404: errorBody },
      },
    },
    async (request) => {
      const found = await app.db
        .selectFrom('regions')
        .select(COLUMNS)
        .where('code', '=', request.params.code)
        .executeTakeFirst();
      if (!found) throw notFound('找不到该行政区划');
      return found;
    },
  );
}
