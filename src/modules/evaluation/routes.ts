import { z } from 'zod';
import { commendationCertificatesPdf } from '../../print/commendation.js';
import { noticePdf } from '../../print/notice.js';
import { errorBody, idParams, paged, whoOf } from '../../server/http.js';
import { sendPdf } from '../../server/print.js';
import type { App } from '../../server/types.js';
import { certificateTranslations } from '../translations/service.js';
import {
  certificatesQuery,
  commendationsBody,
  createRoundBody,
  publication,
  publicationQuery,
  reviewersBody,
  round,
  roundHomeDetail,
  roundHomeParams,
  roundSummary,
  roundsQuery,
  roundTransitionBody,
  scoresBody,
  selfSummaryBody,
} from './schema.js';
import { createRound, listRounds, roundDetail, roundHome } from './service.js';
import {
  commendationsOf,
  noticeOf,
  publicationOf,
  reviewerCandidates,
  scoreHome,
  setCommendations,
  setReviewers,
  transitionRound,
  writeSelfSummary,
} from './steps.js';

/** The annual evaluation of homes and the commendation of homes and members (R13, R25). */
export function evaluationRoutes(app: App): void {
  const tags = ['年度评价'];
  const read = { ability: 'evaluation.read' } as const;
  const roundErrors = { 400: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };

  app.get(
    '/evaluation-rounds',
    {
      config: read,
      schema: {
        tags,
        summary: '年度评价（本人可见的）',
        querystring: roundsQuery,
        response: { 200: paged(roundSummary) },
      },
    },
    async (request) => listRounds(app.db, request.actor!, request.query),
  );

  app.post(
    '/evaluation-rounds',
    {
      config: { ability: 'evaluation.run' },
      schema: {
        tags,
        summary: '发起年度评价：市级由市政协办公室组织，旗区由本旗区政协组织；运行中的委员之家自动列入',
        body: createRoundBody,
        response: { 201: round, ...roundErrors },
      },
    },
    async (request, reply) => reply.status(201).send(await createRound(app.db, whoOf(request), request.body)),
  );

  app.get(
    '/evaluation-rounds/:id',
    {
      config: read,
      schema: {
        tags,
        summary: '评价详情：评分细则、评审人员、各委员之家得分与名次、表彰名单',
        params: idParams,
        response: { 200: round, 404: errorBody },
      },
    },
    async (request) => roundDetail(app.db, request.actor!, request.params.id),
  );

  app.get(
    '/evaluation-rounds/:id/reviewer-candidates',
    {
      config: read,
      schema: {
        tags,
        summary: '可指定为评审的人员（市级：市、旗区政协工作人员和副主席；旗区：本旗区）',
        params: idParams,
        response: {
          200: z.array(z.object({ userId: z.string(), displayName: z.string(), roles: z.array(z.string()) })),
          403: errorBody,
          404: errorBody,
        },
      },
    },
    async (request) => reviewerCandidates(app.db, request.actor!, request.params.id),
  );

  app.put(
    '/evaluation-rounds/:id/reviewers',
    {
      config: { ability: 'evaluation.manage' },
      schema: {
        tags,
        summary: '指定评审人员',
        params: idParams,
        body: reviewersBody,
        response: { 200: round, ...roundErrors },
      },
    },
    async (request) => setReviewers(app.db, whoOf(request), request.params.id, request.body.userIds),
  );

  app.get(
    '/evaluation-rounds/:id/homes/:homeId',
    {
      config: read,
      schema: {
        tags,
        summary: '一个委员之家的评价：自评总结、年度工作总结、各评审的打分与评语',
        params: roundHomeParams,
        response: { 200: roundHomeDetail, 404: errorBody },
      },
    },
    async (request) => roundHome(app.db, request.actor!, request.params.id, request.params.homeId),
  );

  app.put(
    '/evaluation-rounds/:id/homes/:homeId/self-summary',
    {
      config: { ability: 'evaluation.self_summary' },
      schema: {
        tags,
        summary: '提交自评总结（委员之家负责人）',
        params: roundHomeParams,
        body: selfSummaryBody,
        response: { 200: roundHomeDetail, ...roundErrors },
      },
    },
    async (request) =>
      writeSelfSummary(
        app.db,
        whoOf(request),
        request.params.id,
        request.params.homeId,
        request.body.content,
      ),
  );

  app.put(
    '/evaluation-rounds/:id/homes/:homeId/scores',
    {
      config: { ability: 'evaluation.score' },
      schema: {
        tags,
        summary: '评审打分（仅评审人员，评审阶段；只对评审项打分）',
        params: roundHomeParams,
        body: scoresBody,
        response: { 200: roundHomeDetail, ...roundErrors },
      },
    },
    async (request) =>
      scoreHome(app.db, whoOf(request), request.params.id, request.params.homeId, request.body),
  );

  app.post(
    '/evaluation-rounds/:id/transitions',
    {
      config: { ability: 'evaluation.manage' },
      schema: {
        tags,
        summary:
          '推进评价：start_review 开始评审、confirm 确认结果、reopen 退回评审、publish 公布、revise 修订已公布结果（须理由）',
        params: idParams,
        body: roundTransitionBody,
        response: { 200: round, ...roundErrors },
      },
    },
    async (request) => transitionRound(app.db, whoOf(request), request.params.id, request.body),
  );

  app.put(
    '/evaluation-rounds/:id/commendations',
    {
      config: { ability: 'evaluation.manage' },
      schema: {
        tags,
        summary: '确定表彰名单：委员之家，以及从积分靠前的候选委员中确定的委员',
        params: idParams,
        body: commendationsBody,
        response: { 200: round, ...roundErrors },
      },
    },
    async (request) => setCommendations(app.db, whoOf(request), request.params.id, request.body),
  );

  app.get(
    '/evaluation-rounds/:id/notice.pdf',
    {
      config: read,
      schema: {
        tags,
        summary: '评价结果通报（PDF，A4；文号、发文单位和日期、特此通报；默认最新修订版）',
        params: idParams,
        querystring: publicationQuery,
        response: { 404: errorBody },
      },
    },
    async (request, reply) => {
      const notice = await noticeOf(app.db, request.actor!, request.params.id, request.query.revision);
      return sendPdf(reply, `${notice.year}年度委员之家评价结果通报.pdf`, await noticePdf(notice));
    },
  );

  app.get(
    '/evaluation-rounds/:id/certificates.pdf',
    {
      config: read,
      schema: {
        tags,
        summary: '荣誉证书（PDF，每个表彰的委员之家和委员一页 A4；homeId 或 memberId 只打一份）',
        params: idParams,
        querystring: certificatesQuery,
        response: { 404: errorBody, 409: errorBody },
      },
    },
    async (request, reply) => {
      const items = await commendationsOf(app.db, request.actor!, request.params.id, request.query);
      const title = `${items[0]?.year}年度表彰荣誉证书`;
      const { commendation } = await certificateTranslations(app.db);
      return sendPdf(reply, `${title}.pdf`, await commendationCertificatesPdf(items, title, commendation));
    },
  );

  app.get(
    '/evaluation-rounds/:id/publication',
    {
      config: read,
      schema: {
        tags,
        summary: '已公布的结果（默认最新修订版；公布后不再变化）',
        params: idParams,
        querystring: publicationQuery,
        response: { 200: publication, 404: errorBody },
      },
    },
    async (request) => publicationOf(app.db, request.actor!, request.params.id, request.query.revision),
  );
}
