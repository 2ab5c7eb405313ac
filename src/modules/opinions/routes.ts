import { listExportRoute } from '../../server/export.js';
import { errorBody, idParams, paged, whoOf } from '../../server/http.js';
import type { App } from '../../server/types.js';
import { opinionColumns, problemColumns } from './excel.js';
import { createProblem, getProblem, listProblems, updateProblem } from './problems.js';
import {
  createdOpinion,
  createProblemBody,
  listOpinionsQuery,
  listProblemsQuery,
  opinionDetail,
  opinionListItem,
  opinionQueues,
  opinionTransitionBody,
  problem,
  staffOpinionBody,
  updateProblemBody,
} from './schema.js';
import {
  enterOpinion,
  listOpinions,
  opinionDetail as loadOpinionDetail,
  opinionQueues as loadOpinionQueues,
} from './service.js';
import { transitionOpinion } from './steps.js';

/** 社情民意 and 解难纾困 for those who handle them (the citizen's side is in ../public). */
export function opinionRoutes(app: App): void {
  const tags = ['社情民意'];
  const read = { ability: 'opinion.read' } as const;

  app.get(
    '/opinions',
    {
      config: read,
      schema: {
        tags,
        summary:
          '社情民意列表（queue：mine 我的待撰写、to_accept 待受理、to_decide 待审定、to_reply 待答复、overdue 超期）',
        querystring: listOpinionsQuery,
        response: { 200: paged(opinionListItem) },
      },
    },
    async (request) => listOpinions(app.db, request.actor!, request.query),
  );

  listExportRoute(app, {
    url: '/opinions/export.xlsx',
    config: read,
    tags,
    summary: '导出社情民意列表（Excel，队列和条件同列表，范围内的全部；不含群众姓名和电话）',
    querystring: listOpinionsQuery.omit({ page: true, pageSize: true }),
    filename: '社情民意.xlsx',
    sheet: '社情民意',
    columns: () => opinionColumns,
    page: (request, query, page, pageSize) =>
      listOpinions(app.db, request.actor!, { ...query, page, pageSize }),
  });

  app.get(
    '/opinions/queues',
    {
      config: read,
      schema: { tags, summary: '各待办队列的数量', response: { 200: opinionQueues } },
    },
    async (request) => loadOpinionQueues(app.db, request.actor!),
  );

  app.post(
    '/opinions',
    {
      config: { ability: 'opinion.create' },
      schema: {
        tags,
        summary:
          '代录群众意见（书面、电话或当面反映；须负责该委员之家或地区）；同一天内相同内容合并，仍生成新的查询码',
        body: staffOpinionBody,
        response: { 201: createdOpinion, 400: errorBody, 403: errorBody },
      },
    },
    async (request, reply) => {
      const { channel, ...input } = request.body;
      return reply.status(201).send(await enterOpinion(app.db, whoOf(request), input, channel));
    },
  );

  app.get(
    '/opinions/:id',
    {
      config: read,
      schema: {
        tags,
        summary: '意见详情',
        params: idParams,
        response: { 200: opinionDetail, 404: errorBody },
      },
    },
    async (request) => loadOpinionDetail(app.db, request.actor!, request.params.id),
  );

  app.post(
    '/opinions/:id/transitions',
    {
      config: { ability: 'opinion.transition' },
      schema: {
        tags,
        summary: '办理一步（受理指派、撰写、报送、退回、采用、转交、批示、不予采用、答复、办结）',
        params: idParams,
        body: opinionTransitionBody,
        response: { 200: opinionDetail, 400: errorBody, 403: errorBody, 404: errorBody, 409: errorBody },
      },
    },
    async (request) => transitionOpinion(app.db, whoOf(request), request.params.id, request.body),
  );

  const problemTags = ['解难纾困'];
  const problemRead = { ability: 'problem.read' } as const;
  app.get(
    '/problems',
    {
      config: problemRead,
      schema: {
        tags: problemTags,
        summary: '解难纾困事项列表',
        querystring: listProblemsQuery,
        response: { 200: paged(problem) },
      },
    },
    async (request) => listProblems(app.db, request.actor!, request.query),
  );

  listExportRoute(app, {
    url: '/problems/export.xlsx',
    config: problemRead,
    tags: problemTags,
    summary: '导出解难纾困事项列表（Excel，条件同列表，范围内的全部；求助人信息按列表的遮蔽规则）',
    querystring: listProblemsQuery.omit({ page: true, pageSize: true }),
    filename: '解难纾困.xlsx',
    sheet: '解难纾困',
    columns: () => problemColumns,
    page: (request, query, page, pageSize) =>
      listProblems(app.db, request.actor!, { ...query, page, pageSize }),
    // those who handle a problem see its requester's number whole
    fullPhones: {
      shows: (p) => p.requesterPhone !== null && p.allowedActions.includes('update'),
      action: 'problem.export_full_phones',
      objectType: 'citizen_problem',
    },
  });

  app.post(
    '/problems',
    {
      config: { ability: 'problem.create' },
      schema: {
        tags: problemTags,
        summary: '登记解难纾困事项（来自一条意见，或直接登记）',
        body: createProblemBody,
        response: { 201: problem, 400: errorBody, 403: errorBody, 404: errorBody },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createProblem(app.db, whoOf(request), request.body)),
  );

  app.get(
    '/problems/:id',
    {
      config: problemRead,
      schema: {
        tags: problemTags,
        summary: '解难纾困事项详情',
        params: idParams,
        response: { 200: problem, 404: errorBody },
      },
    },
    async (request) => getProblem(app.db, request.actor!, request.params.id),
  );

  app.patch(
    '/problems/:id',
    {
      config: { ability: 'problem.handle' },
      schema: {
        tags: problemTags,
        summary: '办理解难纾困事项（承办人、措施、结果、是否公开、满意度）',
        params: idParams,
        body: updateProblemBody,
        response: { 200: problem, 400: errorBody, 403: errorBody, 404: errorBody },
      },
    },
    async (request) => updateProblem(app.db, whoOf(request), request.params.id, request.body),
  );
}
