import { z } from 'zod';
import { errorBody, paged, pageQuery } from '../../server/http.js';
import type { App } from '../../server/types.js';
import { getRegion, listRegions } from './service.js';

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
    async (request) => listRegions(app.db, request.query),
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
    async (request) => getRegion(app.db, request.params.code),
  );
}
