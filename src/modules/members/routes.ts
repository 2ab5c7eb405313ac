import { z } from 'zod';
import { XLSX_TYPE } from '../../lib/files.js';
import { errorBody, idParams, paged, whoOf } from '../../server/http.js';
import type { App } from '../../server/types.js';
import { attachmentDisposition, readUpload } from '../../server/upload.js';
import { exportMembers, importMembers, importTemplate } from './excel.js';
import { importResult, listMembersQuery, member, memberInput, memberPatch } from './schema.js';
import { createMember, listMembers, revealPhone, showMember, updateMember } from './service.js';

export function memberRoutes(app: App): void {
  const tags = ['委员'];
  const read = { ability: 'member.read' } as const;

  app.get(
    '/members',
    {
      config: read,
      schema: {
        tags,
        summary: '委员名录（按权限范围；手机号对不管理该委员的角色打码）',
        querystring: listMembersQuery,
        response: { 200: paged(member) },
      },
    },
    async (request) => listMembers(app.db, request.actor!, request.query),
  );

  app.post(
    '/members',
    {
      config: { ability: 'member.create' },
      schema: {
        tags,
        summary: '登记委员',
        body: memberInput,
        response: { 201: member, 400: errorBody, 409: errorBody },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createMember(app.db, whoOf(request), request.body)),
  );

  app.get(
    '/members/export.xlsx',
    {
      config: read,
      schema: {
        tags,
        summary: '导出委员名录（Excel，条件同列表）',
        querystring: listMembersQuery.omit({ page: true, pageSize: true }),
      },
    },
    async (request, reply) => {
      const buffer = await exportMembers(app.db, whoOf(request), request.query);
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', attachmentDisposition('委员名录.xlsx'))
        .send(buffer);
    },
  );

  app.get(
    '/members/import-template.xlsx',
    { config: { ability: 'member.import' }, schema: { tags, summary: '委员名录导入模板' } },
    async (_request, reply) =>
      reply
        .type(XLSX_TYPE)
        .header('content-disposition', attachmentDisposition('委员名录导入模板.xlsx'))
        .send(await importTemplate()),
  );

  app.post(
    '/members/import',
    {
      config: { ability: 'member.import' },
      schema: {
        tags,
        summary:
          '从 Excel 导入委员（有编号按编号、否则按手机号匹配：已有则更新，与登记相同的行不写入；打码的手机号保留原号码；非本级管理的委员只读）；有错误行时不写入，除非 partial=true',
        querystring: z.object({ partial: z.enum(['true', 'false']).optional() }),
        consumes: ['multipart/form-data'],
        response: { 200: importResult, 400: errorBody, 413: errorBody },
      },
    },
    async (request) => {
      const { filename, buffer } = await readUpload(request);
      return importMembers(app.db, whoOf(request), buffer, request.query.partial === 'true', filename);
    },
  );

  app.get(
    '/members/:id',
    {
      config: read,
      schema: { tags, summary: '委员详情', params: idParams, response: { 200: member, 404: errorBody } },
    },
    async (request) => showMember(app.db, request.actor!, request.params.id),
  );

  app.patch(
    '/members/:id',
    {
      config: { ability: 'member.update' },
      schema: {
        tags,
        summary: '修改委员信息（委员本人只能改联系方式）',
        params: idParams,
        body: memberPatch,
        response: { 200: member, 400: errorBody, 403: errorBody, 404: errorBody, 409: errorBody },
      },
    },
    async (request) => updateMember(app.db, whoOf(request), request.params.id, request.body),
  );

  app.post(
    '/members/:id/reveal-phone',
    {
      config: { ability: 'member.reveal_phone' },
      schema: {
        tags,
        summary: '查看完整手机号（记入审计日志）',
        params: idParams,
        response: { 200: z.object({ phone: z.string().nullable() }), 403: errorBody, 404: errorBody },
      },
    },
    async (request) => revealPhone(app.db, whoOf(request), request.params.id),
  );
}
