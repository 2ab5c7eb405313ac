import { listExportRoute } from '../../server/export.js';
import { paged } from '../../server/http.js';
import type { App } from '../../server/types.js';
import { auditColumns } from './excel.js';
import { auditEvent, auditQuery, auditVerification } from './schema.js';
import { searchAudit, verifyAudit } from './service.js';

export function auditRoutes(app: App): void {
  const tags = ['审计'];
  const config = { ability: 'audit.read' } as const;

  app.get(
    '/audit',
    {
      config,
      schema: {
        tags,
        summary:
          '审计日志（只读）：操作人、操作和对象附中文名称；action 为操作代码，以“.”结尾时匹配该类全部操作',
        querystring: auditQuery,
        response: { 200: paged(auditEvent) },
      },
    },
    async (request) => searchAudit(app.db, request.query),
  );

  app.get(
    '/audit/verify',
    {
      config,
      schema: {
        tags,
        summary: '校验审计链：先为新记录加链，再逐条重算哈希；记录被改动或删除时返回第一条断开的记录编号',
        response: { 200: auditVerification },
      },
    },
    async () => verifyAudit(app.db),
  );

  listExportRoute(app, {
    url: '/audit/export.xlsx',
    config,
    tags,
    summary: '导出审计日志（Excel，条件同列表，全部符合条件的记录）',
    querystring: auditQuery.omit({ page: true, pageSize: true }),
    filename: '审计日志.xlsx',
    sheet: '审计日志',
    columns: () => auditColumns,
    page: (_request, query, page, pageSize) => searchAudit(app.db, { ...query, page, pageSize }),
  });
}
