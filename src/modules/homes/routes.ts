import { z } from 'zod';
import { boardsPdf } from '../../print/boards.js';
import { PLAQUE_SIZES, plaquePdf } from '../../print/plaque.js';
import { listExportRoute } from '../../server/export.js';
import { errorBody, idParams, paged, publicOrigin, whoOf } from '../../server/http.js';
import { sendPdf } from '../../server/print.js';
import type { FileStorage } from '../../server/storage.js';
import type { App } from '../../server/types.js';
import { readUpload } from '../../server/upload.js';
import { attachmentHeaders, readAttachment } from '../attachments/service.js';
import { referenceNames } from '../regions/service.js';
import { coverage } from './coverage.js';
import { homeColumns } from './excel.js';
import { boardsOf, plaqueOf } from './prints.js';
import {
  attachment,
  createHomeBody,
  historyEntry,
  home,
  homeDetail,
  listHomesQuery,
  ownerUnitChoices,
  plaqueQuery,
  transitionBody,
  updateHomeBody,
} from './schema.js';
import {
  addHomeAttachment,
  createHome,
  getHomeDetail,
  homeHistory,
  listHomeAttachments,
  listHomes,
  ownerUnitsFor,
  transitionHome,
  updateHome,
} from './service.js';

export function homeRoutes(app: App, storage: FileStorage): void {
  const tags = ['委员之家'];
  const read = { ability: 'home.read' } as const;

  app.get(
    '/homes',
    {
      config: read,
      schema: {
        tags,
        summary: '委员之家列表（regionCode 为旗区或乡镇代码时包含其下级）',
        querystring: listHomesQuery,
        response: { 200: paged(home) },
      },
    },
    async (request) => listHomes(app.db, request.actor!, request.query),
  );

  listExportRoute(app, {
    url: '/homes/export.xlsx',
    config: read,
    tags,
    summary: '导出委员之家列表（Excel，条件同列表，范围内的全部）',
    querystring: listHomesQuery.omit({ page: true, pageSize: true }),
    filename: '委员之家.xlsx',
    sheet: '委员之家',
    columns: async () => homeColumns(await referenceNames(app.db)),
    page: (request, query, page, pageSize) => listHomes(app.db, request.actor!, { ...query, page, pageSize }),
  });

  app.get(
    '/homes/owner-units',
    {
      config: { ability: 'home.create' },
      schema: {
        tags,
        summary:
          '当前用户可以登记委员之家的所属单位，及其委员之家的层级、可设类型和所在旗区（新建表单只提供这些）',
        response: { 200: ownerUnitChoices },
      },
    },
    async (request) => ownerUnitsFor(app.db, request.actor!),
  );

  app.post(
    '/homes',
    {
      config: { ability: 'home.create' },
      schema: {
        tags,
        summary: '登记委员之家（状态为 proposed）；委员可申请本人的委员工作室',
        body: createHomeBody,
        response: { 201: homeDetail, 400: errorBody, 403: errorBody },
      },
    },
    async (request, reply) => reply.status(201).send(await createHome(app.db, whoOf(request), request.body)),
  );

  app.get(
    '/homes/:id',
    {
      config: read,
      schema: {
        tags,
        summary: '委员之家详情',
        params: idParams,
        response: { 200: homeDetail, 404: errorBody },
      },
    },
    async (request) => getHomeDetail(app.db, request.actor!, request.params.id),
  );

  app.patch(
    '/homes/:id',
    {
      config: { ability: 'home.update' },
      schema: {
        tags,
        summary: '修改委员之家信息',
        params: idParams,
        body: updateHomeBody,
        response: { 200: homeDetail, 400: errorBody, 403: errorBody, 404: errorBody },
      },
    },
    async (request) => updateHome(app.db, whoOf(request), request.params.id, request.body),
  );

  app.post(
    '/homes/:id/transitions',
    {
      config: { ability: 'home.transition' },
      schema: {
        tags,
        summary: '建设流程的一步（调研、方案、审核、批准、授牌……）',
        params: idParams,
        body: transitionBody,
        response: { 200: homeDetail, 400: errorBody, 403: errorBody, 404: errorBody, 409: errorBody },
      },
    },
    async (request) => transitionHome(app.db, whoOf(request), request.params.id, request.body),
  );

  app.get(
    '/homes/:id/history',
    {
      config: read,
      schema: {
        tags,
        summary: '建设流程记录',
        params: idParams,
        response: { 200: z.array(historyEntry), 404: errorBody },
      },
    },
    async (request) => homeHistory(app.db, request.actor!, request.params.id),
  );

  app.get(
    '/homes/:id/plaque.pdf',
    {
      config: { ability: 'home.signs' },
      schema: {
        tags,
        summary: '标识牌（PDF，实际尺寸一页：横式 900 × 600 mm，竖式 400 × 1200 mm；蒙古文名称位置预留）',
        params: idParams,
        querystring: plaqueQuery,
        response: { 400: errorBody, 404: errorBody },
      },
    },
    async (request, reply) => {
      const { layout } = request.query;
      const plaque = await plaqueOf(app.db, request.actor!, request.params.id, publicOrigin(request));
      const filename = `${plaque.name}标识牌（${PLAQUE_SIZES[layout].label}）.pdf`;
      return sendPdf(reply, filename, await plaquePdf(plaque, layout));
    },
  );

  app.get(
    '/homes/:id/boards.pdf',
    {
      config: { ability: 'home.signs' },
      schema: {
        tags,
        summary: '室内展板（PDF，A3 竖版两页：委员信息、规章制度）',
        params: idParams,
        response: { 404: errorBody },
      },
    },
    async (request, reply) => {
      const boards = await boardsOf(app.db, request.actor!, request.params.id);
      return sendPdf(reply, `${boards.home}室内展板.pdf`, await boardsPdf(boards));
    },
  );

  app.get(
    '/homes/:id/attachments',
    {
      config: read,
      schema: { tags, summary: '附件列表', params: idParams, response: { 200: z.array(attachment) } },
    },
    async (request) => listHomeAttachments(app.db, request.actor!, request.params.id),
  );

  app.post(
    '/homes/:id/attachments',
    {
      config: { ability: 'home.update' },
      schema: {
        tags,
        summary: '上传附件（PDF、图片、Office 文档，按内容识别类型，最大 20 MB）',
        params: idParams,
        consumes: ['multipart/form-data'],
        response: { 201: attachment, 400: errorBody, 403: errorBody, 404: errorBody, 413: errorBody },
      },
    },
    async (request, reply) => {
      const file = await readUpload(request);
      return reply
        .status(201)
        .send(await addHomeAttachment(app.db, storage, whoOf(request), request.params.id, file));
    },
  );

  app.get(
    '/attachments/:id',
    { config: read, schema: { tags, summary: '下载附件', params: idParams } },
    async (request, reply) => {
      const file = await readAttachment(app.db, storage, request.actor!, request.params.id);
      return reply.headers(attachmentHeaders(file)).send(file.buffer);
    },
  );

  app.get(
    '/coverage',
    {
      config: { ability: 'coverage.read' },
      schema: {
        tags,
        summary: '覆盖情况：8 个界别活动组与 77 个苏木乡镇（街道）',
        response: {
          200: z.object({
            sectorGroups: z.array(
              z.object({
                orgUnitId: z.string(),
                name: z.string(),
                operating: z.number(),
                inProgress: z.number(),
              }),
            ),
            townships: z.array(
              z.object({
                code: z.string(),
                name: z.string(),
                districtCode: z.string(),
                operating: z.number(),
                inProgress: z.number(),
              }),
            ),
            districts: z.array(z.object({ code: z.string(), name: z.string() })),
            gaps: z.object({ sectorGroups: z.array(z.string()), townships: z.array(z.string()) }),
          }),
        },
      },
    },
    async () => coverage(app.db),
  );
}
