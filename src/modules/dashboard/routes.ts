import { XLSX_TYPE } from '../../lib/files.js';
import type { App } from '../../server/types.js';
import { attachmentDisposition } from '../../server/upload.js';
import { attentionOf } from './attention.js';
import { dashboardWorkbook } from './excel.js';
import { attention, dashboard, dashboardQuery, refreshResult } from './schema.js';
import { dashboardOf, refreshStats } from './service.js';

/** 工作看板 (R24, R27) and the "needs attention" list. */
export function dashboardRoutes(app: App): void {
  const tags = ['工作看板'];

  app.get(
    '/dashboard',
    {
      config: { ability: 'dashboard.read' },
      schema: {
        tags,
        summary:
          '工作看板：范围由角色决定（办公室全市，副主席所联系的专委会和旗区，旗区政协本旗区，专委会本单位）',
        querystring: dashboardQuery,
        response: { 200: dashboard },
      },
    },
    async (request) => dashboardOf(app.db, request.actor!, request.query.year),
  );

  app.get(
    '/dashboard/export.xlsx',
    {
      config: { ability: 'dashboard.read' },
      schema: { tags, summary: '导出看板各图的数据（Excel，每图一页）', querystring: dashboardQuery },
    },
    async (request, reply) => {
      const d = await dashboardOf(app.db, request.actor!, request.query.year);
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', attachmentDisposition(`${d.year}年度工作看板.xlsx`))
        .send(await dashboardWorkbook(d));
    },
  );

  app.get(
    '/dashboard/attention',
    {
      config: { ability: 'dashboard.attention' },
      schema: {
        tags,
        summary: '需要关注：未报计划、本季度有风险、意见超期、经费待审批、经费即将用完（范围内）',
        response: { 200: attention },
      },
    },
    async (request) => attentionOf(app.db, request.actor!),
  );

  app.post(
    '/dashboard/refresh',
    {
      config: { ability: 'dashboard.refresh' },
      schema: {
        tags,
        summary: '立即重新统计活动汇总（不影响正在查看的用户）',
        response: { 200: refreshResult },
      },
    },
    async () => refreshStats(app.db),
  );
}
