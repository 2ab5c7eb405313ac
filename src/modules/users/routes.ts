import { z } from 'zod';
import { listExportRoute } from '../../server/export.js';
import { errorBody, idParams, paged, whoOf } from '../../server/http.js';
import type { App } from '../../server/types.js';
import { userColumns } from './excel.js';
import { adminUser, choice, choicesQuery, createUserBody, listUsersQuery, updateUserBody } from './schema.js';
import {
  createUser,
  disableUser,
  getUser,
  listChoices,
  listUsers,
  unlockUser,
  updateUser,
} from './service.js';

export function userRoutes(app: App): void {
  const tags = ['用户'];
  const config = { ability: 'user.manage' } as const;

  app.get(
    '/users',
    {
      config,
      schema: { tags, summary: '用户列表', querystring: listUsersQuery, response: { 200: paged(adminUser) } },
    },
    async (request) => listUsers(app.db, request.query),
  );

  listExportRoute(app, {
    url: '/users/export.xlsx',
    config,
    tags,
    summary: '导出用户列表（Excel，条件同列表，全部符合条件的用户）',
    querystring: listUsersQuery.omit({ page: true, pageSize: true }),
    filename: '用户.xlsx',
    sheet: '用户',
    columns: () => userColumns,
    page: (_request, query, page, pageSize) => listUsers(app.db, { ...query, page, pageSize }),
  });

  app.get(
    '/users/choices',
    {
      config,
      schema: {
        tags,
        summary: '可供选择的委员之家（负责人角色的范围）或委员（关联账号），按名称搜索',
        querystring: choicesQuery,
        response: { 200: paged(choice) },
      },
    },
    async (request) => listChoices(app.db, request.query),
  );

  app.post(
    '/users',
    {
      config,
      schema: {
        tags,
        summary: '新建用户',
        body: createUserBody,
        response: { 201: adminUser, 400: errorBody, 409: errorBody },
      },
    },
    async (request, reply) => reply.status(201).send(await createUser(app.db, whoOf(request), request.body)),
  );

  app.get(
    '/users/:id',
    {
      config,
      schema: { tags, summary: '用户详情', params: idParams, response: { 200: adminUser, 404: errorBody } },
    },
    async (request) => getUser(app.db, request.params.id),
  );

  app.patch(
    '/users/:id',
    {
      config,
      schema: {
        tags,
        summary: '修改用户（姓名、密码、角色、停用/启用）',
        params: idParams,
        body: updateUserBody,
        response: { 200: adminUser, 400: errorBody, 404: errorBody, 409: errorBody },
      },
    },
    async (request) => updateUser(app.db, whoOf(request), request.params.id, request.body),
  );

  app.delete(
    '/users/:id',
    {
      config,
      schema: {
        tags,
        summary: '停用用户（保留记录，立即结束其所有会话）',
        params: idParams,
        response: { 204: z.null(), 404: errorBody, 409: errorBody },
      },
    },
    async (request, reply) => {
      await disableUser(app.db, whoOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/users/:id/unlock-sign-in',
    {
      config,
      schema: {
        tags,
        summary: '解除登录限制：清除该账户在所有地址的登录失败计数',
        params: idParams,
        response: { 204: z.null(), 404: errorBody },
      },
    },
    async (request, reply) => {
      await unlockUser(app.db, whoOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
