import { z } from 'zod';
import { yearOf } from '../../domain/calendar.js';
import { XLSX_TYPE } from '../../lib/files.js';
import { notFound } from '../../server/errors.js';
import { type ExportColumn, listExportRoute } from '../../server/export.js';
import { errorBody, idParams, paged, whoOf } from '../../server/http.js';
import type { Actor, App, Db, Who } from '../../server/types.js';
import { attachmentDisposition } from '../../server/upload.js';
import { proposalColumns, recordsWorkbook, reportColumns } from './excel.js';
import { flagMissing, listFlags, resolveFlag } from './flags.js';
import { getProposal, getReport, listProposals, listReports, saveProposal, saveReport } from './outputs.js';
import { listRulesets, rulesetFor, saveRuleset } from './rules.js';
import {
  adjustmentBody,
  dutyFlag,
  dutyRecord,
  dutyRecordList,
  dutyRecordsQuery,
  dutyYear,
  flagBody,
  flagsQuery,
  type OutputsQuery,
  outputsQuery,
  proposal,
  proposalBody,
  proposalPatch,
  recomputeBody,
  recomputeResult,
  report,
  reportBody,
  reportPatch,
  resolveFlagBody,
  revokeBody,
  ruleset,
  rulesetBody,
  rulesetSaved,
  yearParams,
  yearQuery,
} from './schema.js';
import {
  adjustEntry,
  closeYear,
  listRecords,
  listYears,
  dutyRecord as loadDutyRecord,
  recompute,
  revokeAdjustment,
} from './service.js';

/** 履职档案 (R21), points rules, and the outputs that count in it: proposals and research reports (R19). */
export function recordRoutes(app: App): void {
  const tags = ['履职档案'];
  const read = { ability: 'record.read' } as const;
  const admin = { ability: 'record.admin' } as const;
  const thisYear = () => yearOf(new Date());

  app.get(
    '/members/:id/duty-record',
    {
      config: read,
      schema: {
        tags,
        summary: '委员的年度履职档案：每条记录及其来源、积分（年度未归档时实时生成）',
        params: idParams,
        querystring: yearQuery,
        response: { 200: dutyRecord, 404: errorBody },
      },
    },
    async (request) =>
      loadDutyRecord(app.db, request.actor!, request.params.id, request.query.year ?? thisYear()),
  );

  app.post(
    '/members/:id/duty-record/adjustments',
    {
      config: { ability: 'record.adjust' },
      schema: {
        tags,
        summary: '更正一条记录的积分或补录一条记录（须填写理由，留痕）',
        params: idParams,
        body: adjustmentBody,
        response: { 200: dutyRecord, 400: errorBody, 403: errorBody, 404: errorBody, 409: errorBody },
      },
    },
    async (request) => adjustEntry(app.db, whoOf(request), request.params.id, request.body),
  );

  app.post(
    '/duty-adjustments/:id/revoke',
    {
      config: { ability: 'record.adjust' },
      schema: {
        tags,
        summary: '撤销一条更正（须填写理由）',
        params: idParams,
        body: revokeBody,
        response: { 200: dutyRecord, 403: errorBody, 404: errorBody, 409: errorBody },
      },
    },
    async (request) => revokeAdjustment(app.db, whoOf(request), request.params.id, request.body.reason),
  );

  app.post(
    '/members/:id/duty-record/flags',
    {
      config: { ability: 'record.flag' },
      schema: {
        tags,
        summary: '委员反映本人档案中遗漏的履职事项',
        params: idParams,
        body: flagBody,
        response: { 201: dutyFlag, 400: errorBody, 403: errorBody },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await flagMissing(app.db, whoOf(request), request.params.id, request.body)),
  );

  app.get(
    '/duty-flags',
    {
      config: { ability: 'record.list' },
      schema: {
        tags,
        summary: '委员反映的遗漏事项',
        querystring: flagsQuery,
        response: { 200: paged(dutyFlag) },
      },
    },
    async (request) => listFlags(app.db, request.actor!, request.query),
  );

  app.post(
    '/duty-flags/:id/resolve',
    {
      config: { ability: 'record.adjust' },
      schema: {
        tags,
        summary: '处理委员反映的遗漏（补录请另行更正档案）',
        params: idParams,
        body: resolveFlagBody,
        response: { 200: dutyFlag, 403: errorBody, 404: errorBody, 409: errorBody },
      },
    },
    async (request) => resolveFlag(app.db, whoOf(request), request.params.id, request.body),
  );

  app.get(
    '/duty-records',
    {
      config: { ability: 'record.list' },
      schema: {
        tags,
        summary: '范围内委员的年度履职积分与名次（按积分从高到低；computedAt 为统计时间）',
        querystring: dutyRecordsQuery,
        response: { 200: dutyRecordList },
      },
    },
    async (request) => listRecords(app.db, request.actor!, request.query),
  );

  app.get(
    '/duty-records/export.xlsx',
    {
      config: { ability: 'record.list' },
      schema: {
        tags,
        summary: '导出年度履职积分（Excel，条件同上）',
        querystring: dutyRecordsQuery.omit({ page: true, pageSize: true }),
      },
    },
    async (request, reply) => {
      const { year, buffer } = await recordsWorkbook(app.db, request.actor!, request.query);
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', attachmentDisposition(`${year}年度委员履职积分.xlsx`))
        .send(buffer);
    },
  );

  app.post(
    '/duty-records/recompute',
    {
      config: admin,
      schema: {
        tags,
        summary: '重新统计一个未归档年度的全部履职档案',
        body: recomputeBody,
        response: { 200: recomputeResult, 409: errorBody },
      },
    },
    async (request) => recompute(app.db, whoOf(request), request.body.year),
  );

  app.get(
    '/duty-years',
    {
      config: { ability: 'record.list' },
      schema: { tags, summary: '各年度的统计与归档情况', response: { 200: z.array(dutyYear) } },
    },
    async () => listYears(app.db),
  );

  app.post(
    '/duty-years/:year/close',
    {
      config: admin,
      schema: {
        tags,
        summary: '归档一个已结束的年度：最后统计一次后冻结，此后规则变更和更正不再影响',
        params: yearParams,
        response: { 200: dutyYear, 400: errorBody, 409: errorBody },
      },
    },
    async (request) => closeYear(app.db, whoOf(request), request.params.year),
  );

  const ruleTags = ['积分规则'];
  app.get(
    '/point-rules',
    {
      config: read,
      schema: {
        tags: ruleTags,
        summary: '某年度适用的履职积分规则（默认今年）',
        querystring: yearQuery,
        response: { 200: ruleset, 404: errorBody },
      },
    },
    async (request) => {
      const set = await rulesetFor(app.db, request.query.year ?? thisYear());
      if (!set) throw notFound('该年度没有积分规则');
      return set;
    },
  );

  app.get(
    '/point-rulesets',
    {
      config: read,
      schema: {
        tags: ruleTags,
        summary: '积分规则的各个版本（自某年度起适用）',
        response: {
          200: z.array(
            z.object({ validFromYear: z.number().int(), note: z.string().nullable(), savedAt: z.string() }),
          ),
        },
      },
    },
    async () => listRulesets(app.db),
  );

  app.put(
    '/point-rules/:year',
    {
      config: admin,
      schema: {
        tags: ruleTags,
        summary: '保存自某年度起适用的积分规则，并重新统计受影响的未归档年度',
        params: yearParams,
        body: rulesetBody,
        response: { 200: rulesetSaved, 400: errorBody, 409: errorBody },
      },
    },
    async (request) => saveRuleset(app.db, whoOf(request), request.params.year, request.body),
  );

  outputRoutes(app, {
    path: '/proposals',
    item: proposal,
    body: proposalBody,
    patch: proposalPatch,
    name: '提案',
    columns: proposalColumns,
    summaries: {
      list: '提案登记列表',
      create: '登记提案（领衔和联名委员、状态、办理结果）',
      get: '提案详情',
      update: '修改提案（如立案、办理结果）',
    },
    list: listProposals,
    get: getProposal,
    save: saveProposal,
  });
  outputRoutes(app, {
    path: '/research-reports',
    item: report,
    body: reportBody,
    patch: reportPatch,
    name: '调研报告',
    columns: reportColumns,
    summaries: {
      list: '调研报告列表',
      create: '登记调研报告（参与委员、委员之家、活动）',
      get: '调研报告详情',
      update: '修改调研报告',
    },
    list: listReports,
    get: getReport,
    save: saveReport,
  });
}

/** A kind of output (proposals, research reports): its path, shapes, words, and service. */
interface OutputKindRoutes<Item extends z.ZodType, Body extends z.ZodType, Patch extends z.ZodType> {
  path: '/proposals' | '/research-reports';
  item: Item;
  body: Body;
  patch: Patch;
  /** what its file and sheet are called (提案, 调研报告), and the columns of its export */
  name: string;
  columns: ExportColumn<z.input<Item>>[];
  summaries: { list: string; create: string; get: string; update: string };
  list(db: Db, actor: Actor, q: OutputsQuery): Promise<z.input<ReturnType<typeof paged<Item>>>>;
  get(db: Db, actor: Actor, id: string): Promise<z.input<Item>>;
  save(db: Db, who: Who, id: string | null, input: z.output<Body> | z.output<Patch>): Promise<z.input<Item>>;
}

/**
 * The five routes of a kind of output: list, its export, register, read, change. The call is checked
 * against the kind's schemas; the routes themselves are registered with them as plain zod types.
 */
function outputRoutes<Item extends z.ZodType, Body extends z.ZodType, Patch extends z.ZodType>(
  app: App,
  kind: OutputKindRoutes<Item, Body, Patch>,
): void;
function outputRoutes(app: App, kind: OutputKindRoutes<z.ZodType, z.ZodType, z.ZodType>) {
  const tags = ['提案与调研报告'];
  const outputRead = { ability: 'output.read' } as const;
  const outputManage = { ability: 'output.manage' } as const;

  app.get(
    kind.path,
    {
      config: outputRead,
      schema: {
        tags,
        summary: kind.summaries.list,
        querystring: outputsQuery,
        response: { 200: paged(kind.item) },
      },
    },
    async (request) => kind.list(app.db, request.actor!, request.query),
  );
  listExportRoute(app, {
    url: `${kind.path}/export.xlsx`,
    config: outputRead,
    tags,
    summary: `导出${kind.summaries.list}（Excel，条件同列表，范围内的全部）`,
    querystring: outputsQuery.omit({ page: true, pageSize: true }),
    filename: (query) => `${query.year ? `${query.year}年度` : ''}${kind.name}.xlsx`,
    sheet: kind.name,
    columns: () => kind.columns,
    page: (request, query, page, pageSize) => kind.list(app.db, request.actor!, { ...query, page, pageSize }),
  });
  app.post(
    kind.path,
    {
      config: outputManage,
      schema: {
        tags,
        summary: kind.summaries.create,
        body: kind.body,
        response: { 201: kind.item, 400: errorBody, 403: errorBody },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await kind.save(app.db, whoOf(request), null, request.body)),
  );
  app.get(
    `${kind.path}/:id`,
    {
      config: outputRead,
      schema: {
        tags,
        summary: kind.summaries.get,
        params: idParams,
        response: { 200: kind.item, 404: errorBody },
      },
    },
    async (request) => kind.get(app.db, request.actor!, request.params.id),
  );
  app.patch(
    `${kind.path}/:id`,
    {
      config: outputManage,
      schema: {
        tags,
        summary: kind.summaries.update,
        params: idParams,
        body: kind.patch,
        response: { 200: kind.item, 400: errorBody, 403: errorBody, 404: errorBody },
      },
    },
    async (request) => kind.save(app.db, whoOf(request), request.params.id, request.body),
  );
}
