import { errorBody, idParams, paged, whoOf } from '../../server/http.js';
import { DEFAULT_RATE_LIMITS, type RateLimits } from '../../server/plugins/rate-limit.js';
import type { App } from '../../server/types.js';
import {
  publicCommendations,
  publicHome,
  publicHomeSummary,
  publicHomesQuery,
  publicOpinion,
  publicOpinionBody,
  publicOptions,
  publicProblem,
  satisfactionBody,
  submissionHeaders,
  trackingCodeResult,
  trackingParams,
} from '../opinions/schema.js';
import {
  publicCommendations as loadCommendations,
  publicHome as loadPublicHome,
  publicOptions as loadPublicOptions,
  publicHomes,
  publicOpinionByCode,
  publicProblemByCode,
  ratePublicProblem,
  submitPublicOpinion,
} from './service.js';

/** An opinion's text is at most 5,000 characters; anything much bigger is not an opinion. */
const OPINION_BODY_LIMIT = 32 * 1024;

/**
 * The citizen's side (R26, R18), without sign-in: find a home, send an opinion, follow it by its
 * code. Every route here counts against the per-address public limit (plugins/rate-limit.ts).
 */
export function publicRoutes(app: App, limits: RateLimits): void {
  const tags = ['公众服务'];
  const access = 'public' as const;

  app.get(
    '/public/options',
    {
      config: { access },
      schema: {
        tags,
        summary: '查找委员之家的选项：旗区与乡镇、界别活动组、类型，各含运行中的委员之家数',
        response: { 200: publicOptions },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'public, max-age=300');
      return loadPublicOptions(app.db);
    },
  );

  app.get(
    '/public/homes',
    {
      config: { access },
      schema: {
        tags,
        summary: '运行中的委员之家（筛选同 /homes；regionCode 为旗区或乡镇代码时包含其下级）',
        querystring: publicHomesQuery,
        response: { 200: paged(publicHomeSummary) },
      },
    },
    async (request) => publicHomes(app.db, request.query),
  );

  app.get(
    '/public/homes/:id',
    {
      config: { access },
      schema: {
        tags,
        summary: '委员之家公开信息：品牌特色、地址、开放时间、负责人和委员（姓名、界别）、制度、值班与活动',
        params: idParams,
        response: { 200: publicHome, 404: errorBody },
      },
    },
    async (request) => loadPublicHome(app.db, request.params.id),
  );

  app.get(
    '/public/commendations',
    {
      config: { access },
      schema: {
        tags,
        summary: '年度表彰：最近一个已公布评价年度的受表彰委员之家和委员（委员仅姓名、界别）',
        response: { 200: publicCommendations },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'public, max-age=300');
      return loadCommendations(app.db);
    },
  );

  const submitLimit = limits.opinionSubmit ?? DEFAULT_RATE_LIMITS.opinionSubmit!;
  app.post(
    '/public/opinions',
    {
      bodyLimit: OPINION_BODY_LIMIT,
      config: {
        access,
        rateLimit: { max: submitLimit.max, timeWindow: submitLimit.windowMs },
      },
      schema: {
        tags,
        summary:
          '群众反映意见，返回查询码；留电话须同意联系；同一天内相同内容合并（仍发新查询码）；带同一 Idempotency-Key 重发返回原查询码',
        headers: submissionHeaders,
        body: publicOpinionBody,
        response: { 201: trackingCodeResult, 400: errorBody, 413: errorBody, 429: errorBody },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await submitPublicOpinion(app.db, whoOf(request), request.body, request.headers['idempotency-key']),
        ),
  );

  app.get(
    '/public/opinions/:trackingCode',
    {
      config: { access },
      schema: {
        tags,
        summary: '凭查询码查看办理进度与公开答复（不含反映人信息）',
        params: trackingParams,
        response: { 200: publicOpinion, 404: errorBody },
      },
    },
    async (request) => publicOpinionByCode(app.db, request.params.trackingCode),
  );

  app.get(
    '/public/problems/:trackingCode',
    {
      config: { access },
      schema: {
        tags,
        summary: '凭查询码查看解难纾困事项的办理结果',
        params: trackingParams,
        response: { 200: publicProblem, 404: errorBody },
      },
    },
    async (request) => publicProblemByCode(app.db, request.params.trackingCode),
  );

  app.post(
    '/public/problems/:trackingCode/satisfaction',
    {
      config: { access },
      schema: {
        tags,
        summary: '群众对已公布的办理结果评价满意度（3 满意、2 基本满意、1 不满意），只能评价一次',
        params: trackingParams,
        body: satisfactionBody,
        response: { 200: publicProblem, 400: errorBody, 404: errorBody, 409: errorBody },
      },
    },
    async (request) => ratePublicProblem(app.db, whoOf(request), request.params.trackingCode, request.body),
  );
}
