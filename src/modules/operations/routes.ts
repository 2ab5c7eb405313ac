import { z } from 'zod';
import { XLSX_TYPE } from '../../lib/files.js';
import { compliancePdf } from '../../print/compliance.js';
import { planPdf } from '../../print/plan.js';
import { summaryPdf } from '../../print/summary.js';
import { errorBody, idParams, whoOf } from '../../server/http.js';
import { sendPdf } from '../../server/print.js';
import type { FileStorage } from '../../server/storage.js';
import type { App } from '../../server/types.js';
import { attachmentDisposition } from '../../server/upload.js';
import { complianceReport, complianceWorkbook, missingDocuments } from './compliance.js';
import { compliancePrint, planPrint, summaryPrint } from './prints.js';
import { createRule, homeRules, listRules, postRules } from './rules.js';
import {
  compliance,
  complianceQuery,
  documentWindow as documentWindowSchema,
  homeRules as homeRulesSchema,
  homeYearParams,
  missingHome,
  missingQuery,
  plan,
  planBody,
  reminderBody,
  rule,
  ruleBody,
  rulePostingsBody,
  rulesQuery,
  scorecard,
  signageBody,
  signageItem,
  signageParams,
  summary,
  summaryBody,
  yearQuery,
} from './schema.js';
import { loadScorecard } from './scorecard.js';
import { documentWindow, getPlan, getSummary, putPlan, putSummary, remindHome } from './service.js';
import { listSignage, putSignage } from './signage.js';

/**
 * Running a home: plans and summaries, the 六有 scorecard, rules and signage (read by whoever sees
 * the home, changed by whoever runs it), and the compliance overview for staff.
 */
export function operationsRoutes(app: App, _storage: FileStorage): void {
  const tags = ['日常运行'];
  const home = { ability: 'home.read' } as const;
  const staff = { ability: 'compliance.read' } as const;
  const writeErrors = { 400: errorBody, 403: errorBody, 404: errorBody } as const;

  app.get(
    '/homes/:id/plans/:year',
    {
      config: home,
      schema: {
        tags,
        summary: '年度工作计划',
        params: homeYearParams,
        response: { 200: plan, 404: errorBody },
      },
    },
    async (request) => getPlan(app.db, request.actor!, request.params.id, request.params.year),
  );

  app.get(
    '/homes/:id/plans/:year.pdf',
    {
      config: home,
      schema: {
        tags,
        summary: '打印年度工作计划（PDF，A4）：计划内容、各季度计划活动、提交日期，逾期提交注明',
        params: homeYearParams,
        response: { 400: errorBody, 404: errorBody },
      },
    },
    async (request, reply) => {
      const data = await planPrint(app.db, request.actor!, request.params.id, request.params.year);
      return sendPdf(reply, `${data.homeName}${data.year}年度工作计划.pdf`, await planPdf(data));
    },
  );

  app.put(
    '/homes/:id/plans/:year',
    {
      config: { ability: 'home.update' },
      schema: {
        tags,
        summary: '提交（或修改）年度工作计划；标题和季度不变的计划活动保留原 id',
        params: homeYearParams,
        body: planBody,
        response: { 200: plan, ...writeErrors },
      },
    },
    async (request) => putPlan(app.db, whoOf(request), request.params.id, request.params.year, request.body),
  );

  app.get(
    '/homes/:id/summaries/:year',
    {
      config: home,
      schema: {
        tags,
        summary: '年度工作总结',
        params: homeYearParams,
        response: { 200: summary, 404: errorBody },
      },
    },
    async (request) => getSummary(app.db, request.actor!, request.params.id, request.params.year),
  );

  app.get(
    '/homes/:id/summaries/:year.pdf',
    {
      config: home,
      schema: {
        tags,
        summary: '打印年度工作总结（PDF，A4）：总结内容，附平台记录的各季度活动和“六有”达标情况',
        params: homeYearParams,
        response: { 400: errorBody, 404: errorBody },
      },
    },
    async (request, reply) => {
      const data = await summaryPrint(app.db, request.actor!, request.params.id, request.params.year);
      return sendPdf(reply, `${data.homeName}${data.year}年度工作总结.pdf`, await summaryPdf(data));
    },
  );

  app.get(
    '/homes/:id/summaries/:year/window',
    {
      config: home,
      schema: {
        tags,
        summary: '年度工作总结的填写期限：是否仍可提交或修改、截止日期、调用者可否提交',
        params: homeYearParams,
        response: { 200: documentWindowSchema, 404: errorBody },
      },
    },
    async (request) =>
      documentWindow(app.db, request.actor!, 'summary', request.params.id, request.params.year),
  );

  app.put(
    '/homes/:id/summaries/:year',
    {
      config: { ability: 'home.update' },
      schema: {
        tags,
        summary: '提交（或修改）年度工作总结；次年 1 月 31 日后不能再修改（409）',
        params: homeYearParams,
        body: summaryBody,
        response: { 200: summary, ...writeErrors, 409: errorBody },
      },
    },
    async (request) =>
      putSummary(app.db, whoOf(request), request.params.id, request.params.year, request.body.content),
  );

  app.get(
    '/homes/:id/scorecard',
    {
      config: home,
      schema: {
        tags,
        summary: '“六有”达标情况（year 缺省为今年）',
        params: idParams,
        querystring: yearQuery,
        response: { 200: scorecard, 404: errorBody },
      },
    },
    async (request) => loadScorecard(app.db, request.actor!, request.params.id, request.query.year),
  );

  app.get(
    '/compliance',
    {
      config: staff,
      schema: {
        tags,
        summary: '各委员之家按季度开展活动的情况（运行中和暂停的家）',
        querystring: complianceQuery,
        response: { 200: compliance },
      },
    },
    async (request) => complianceReport(app.db, request.actor!, request.query),
  );

  app.get(
    '/compliance/export.xlsx',
    {
      config: staff,
      schema: { tags, summary: '导出季度活动开展情况（Excel，条件同上）', querystring: complianceQuery },
    },
    async (request, reply) => {
      const { year, buffer } = await complianceWorkbook(app.db, request.actor!, request.query);
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', attachmentDisposition(`${year}年度委员之家活动开展情况.xlsx`))
        .send(buffer);
    },
  );

  app.get(
    '/compliance.pdf',
    {
      config: staff,
      schema: {
        tags,
        summary: '打印季度活动开展情况（合规报告，PDF，A4 横向；条件和范围同上）',
        querystring: complianceQuery,
        response: { 400: errorBody },
      },
    },
    async (request, reply) => {
      const data = await compliancePrint(app.db, request.actor!, request.query);
      return sendPdf(reply, `${data.year}年度委员之家活动开展情况.pdf`, await compliancePdf(data));
    },
  );

  app.get(
    '/operations/missing',
    {
      config: staff,
      schema: {
        tags,
        summary: '尚未提交年度计划（what=plan）或总结（what=summary）的运行中委员之家',
        querystring: missingQuery,
        response: { 200: z.array(missingHome) },
      },
    },
    async (request) => missingDocuments(app.db, request.actor!, request.query),
  );

  app.post(
    '/homes/:id/reminders',
    {
      config: { ability: 'compliance.remind' },
      schema: {
        tags,
        summary: '提醒委员之家负责人（提交计划、总结或开展本季度活动）',
        params: idParams,
        body: reminderBody,
        response: { 201: z.object({ notified: z.number().int() }), ...writeErrors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await remindHome(app.db, whoOf(request), request.params.id, request.body.kind)),
  );

  app.get(
    '/rules',
    {
      config: home,
      schema: {
        tags,
        summary: '规章制度：市政协统一制度，给出 homeId 时加上该家的补充制度',
        querystring: rulesQuery,
        response: { 200: z.array(rule), 404: errorBody },
      },
    },
    async (request) => listRules(app.db, request.actor!, request.query.homeId),
  );

  app.post(
    '/rules',
    {
      config: { ability: 'home.update' },
      schema: {
        tags,
        summary: '发布统一制度（市政协办公室），或给出 homeId 制定该家的补充制度',
        body: ruleBody,
        response: { 201: rule, ...writeErrors, 409: errorBody },
      },
    },
    async (request, reply) => reply.status(201).send(await createRule(app.db, whoOf(request), request.body)),
  );

  app.get(
    '/homes/:id/rules',
    {
      config: home,
      schema: {
        tags,
        summary: '该家的制度：统一制度及是否上墙、补充制度',
        params: idParams,
        response: { 200: homeRulesSchema, 404: errorBody },
      },
    },
    async (request) => homeRules(app.db, request.actor!, request.params.id),
  );

  app.put(
    '/homes/:id/rule-postings',
    {
      config: { ability: 'home.update' },
      schema: {
        tags,
        summary: '登记制度上墙（已登记的改为新的日期）',
        params: idParams,
        body: rulePostingsBody,
        response: { 200: homeRulesSchema, ...writeErrors },
      },
    },
    async (request) => postRules(app.db, whoOf(request), request.params.id, request.body),
  );

  app.get(
    '/homes/:id/signage',
    {
      config: home,
      schema: {
        tags,
        summary: '标牌标识：户外标牌、委员信息公示牌、制度牌',
        params: idParams,
        response: { 200: z.array(signageItem), 404: errorBody },
      },
    },
    async (request) => listSignage(app.db, request.actor!, request.params.id),
  );

  app.put(
    '/homes/:id/signage/:item',
    {
      config: { ability: 'home.update' },
      schema: {
        tags,
        summary: '登记标牌悬挂（照片先通过附件上传，photoId 为该家的图片附件）',
        params: signageParams,
        body: signageBody,
        response: { 200: signageItem, ...writeErrors },
      },
    },
    async (request) =>
      putSignage(app.db, whoOf(request), request.params.id, request.params.item, request.body),
  );
}
