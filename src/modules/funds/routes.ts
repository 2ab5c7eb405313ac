import type { z } from 'zod';
import { yearOf } from '../../domain/calendar.js';
import { parseYuan } from '../../domain/money.js';
import { XLSX_TYPE } from '../../lib/files.js';
import { badRequest } from '../../server/errors.js';
import { listExportRoute } from '../../server/export.js';
import { errorBody, idParams, paged, whoOf } from '../../server/http.js';
import type { App } from '../../server/types.js';
import { attachmentDisposition } from '../../server/upload.js';
import { fundReportWorkbook, ledgerColumns, ledgerPage, pendingColumns } from './excel.js';
import {
  allocationBody,
  decisionBody,
  expenditureBody,
  fundEntry,
  ledger,
  ledgerQuery,
  pendingQuery,
  report,
  reportQuery,
  reverseBody,
  settings,
  settingsBody,
} from './schema.js';
import {
  allocate,
  decide,
  fundReport,
  fundSettings,
  homeLedger,
  pendingApprovals,
  reverse,
  setApprovalThreshold,
  spend,
} from './service.js';

/** 履职经费 (R22): amounts in integer fen; corrections are reversing entries. */
export function fundRoutes(app: App): void {
  const tags = ['委员之家经费'];
  const read = { ability: 'funds.read' } as const;
  const errors = { 400: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
  const yearOfLedger = (query: { year?: number }) => query.year ?? yearOf(new Date());

  app.get(
    '/homes/:id/funds',
    {
      config: read,
      schema: {
        tags,
        summary: '委员之家年度经费台账：拨款、支出、待审批、余额',
        params: idParams,
        querystring: ledgerQuery,
        response: { 200: ledger, 403: errorBody, 404: errorBody },
      },
    },
    async (request) => homeLedger(app.db, request.actor!, request.params.id, yearOfLedger(request.query)),
  );

  // the ledger is no paged list: its one page holds every entry of the year, and ends the export
  listExportRoute(app, {
    url: '/homes/:id/funds/export.xlsx',
    config: read,
    tags,
    summary: '导出委员之家年度经费台账（Excel，该年度的全部记录）',
    params: idParams,
    querystring: ledgerQuery,
    filename: (query) => `委员之家经费台账（${yearOfLedger(query)}年）.xlsx`,
    sheet: '经费台账',
    columns: () => ledgerColumns,
    page: async (request, query) =>
      ledgerPage(
        await homeLedger(
          app.db,
          request.actor!,
          (request.params as z.infer<typeof idParams>).id,
          yearOfLedger(query),
        ),
      ),
  });

  app.post(
    '/homes/:id/funds/allocations',
    {
      config: { ability: 'funds.allocate' },
      schema: {
        tags,
        summary: '拨付经费（市政协办公室或旗区政协；金额为元的文本，如 "5000.00"）',
        params: idParams,
        body: allocationBody,
        response: { 200: ledger, ...errors },
      },
    },
    async (request) => allocate(app.db, whoOf(request), request.params.id, request.body),
  );

  app.post(
    '/homes/:id/funds/expenditures',
    {
      config: { ability: 'funds.spend' },
      schema: {
        tags,
        summary: '登记支出；超出可用余额的拒绝，超过审批额度的待审批',
        params: idParams,
        body: expenditureBody,
        response: { 200: ledger, ...errors },
      },
    },
    async (request) => spend(app.db, whoOf(request), request.params.id, request.body),
  );

  app.post(
    '/fund-entries/:id/approve',
    {
      config: { ability: 'funds.approve' },
      schema: {
        tags,
        summary: '批准超过额度的支出',
        params: idParams,
        body: decisionBody,
        response: { 200: ledger, ...errors },
      },
    },
    async (request) => decide(app.db, whoOf(request), request.params.id, true, request.body.note),
  );

  app.post(
    '/fund-entries/:id/reject',
    {
      config: { ability: 'funds.approve' },
      schema: {
        tags,
        summary: '不予批准（须说明理由）',
        params: idParams,
        body: decisionBody,
        response: { 200: ledger, ...errors },
      },
    },
    async (request) => decide(app.db, whoOf(request), request.params.id, false, request.body.note),
  );

  app.post(
    '/fund-entries/:id/reverse',
    {
      config: { ability: 'funds.reverse' },
      schema: {
        tags,
        summary: '冲正一条已生效的记录（生成一条相反金额的记录，原记录不改）',
        params: idParams,
        body: reverseBody,
        response: { 200: ledger, ...errors },
      },
    },
    async (request) => reverse(app.db, whoOf(request), request.params.id, request.body.reason),
  );

  app.get(
    '/funds/pending',
    {
      config: read,
      schema: {
        tags,
        summary: '待本人审批的支出',
        querystring: pendingQuery,
        response: { 200: paged(fundEntry) },
      },
    },
    async (request) => pendingApprovals(app.db, request.actor!, request.query),
  );

  listExportRoute(app, {
    url: '/funds/pending/export.xlsx',
    config: read,
    tags,
    summary: '导出待本人审批的支出（Excel，全部）',
    querystring: pendingQuery.omit({ page: true, pageSize: true }),
    filename: '待审批的经费支出.xlsx',
    sheet: '待审批支出',
    columns: () => pendingColumns,
    page: (request, _query, page, pageSize) => pendingApprovals(app.db, request.actor!, { page, pageSize }),
  });

  app.get(
    '/funds/report',
    {
      config: read,
      schema: {
        tags,
        summary: '经费统计：按委员之家、旗区或支出类别（范围内的委员之家）',
        querystring: reportQuery,
        response: { 200: report },
      },
    },
    async (request) => fundReport(app.db, request.actor!, request.query),
  );

  app.get(
    '/funds/report.xlsx',
    {
      config: read,
      schema: { tags, summary: '导出经费统计（Excel，条件同上）', querystring: reportQuery },
    },
    async (request, reply) => {
      const { year, buffer } = await fundReportWorkbook(app.db, request.actor!, request.query);
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', attachmentDisposition(`${year}年度委员之家经费统计.xlsx`))
        .send(buffer);
    },
  );

  app.get(
    '/funds/settings',
    {
      config: read,
      schema: { tags, summary: '经费审批额度', response: { 200: settings } },
    },
    async () => fundSettings(app.db),
  );

  app.put(
    '/funds/settings',
    {
      config: { ability: 'funds.settings' },
      schema: {
        tags,
        summary: '设置经费审批额度（元）',
        body: settingsBody,
        response: { 200: settings, 400: errorBody },
      },
    },
    async (request) => {
      const fen = parseYuan(request.body.approvalThreshold);
      if (fen === null) throw badRequest('金额有误', { approvalThreshold: '金额有误' });
      return setApprovalThreshold(app.db, whoOf(request), fen);
    },
  );
}
