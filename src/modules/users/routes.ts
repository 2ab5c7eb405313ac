import { z } from 'zod';
import { listExportRoute } from '../../server/export.js';
import { errorBody, idParams, paged, whoOf } from '../../server/http.js';
import type { App } from '../../server/types.js';
import { userColumns } from './excel.js';
import { withActions } from './presenter.js';
import {
  adminUser,
  choice,
  choicesQuery,
  createUserBody,
  grantedUser,
  listUsersQuery,
  setRolesBody,
  updateUserBody,
} from './schema.js';
import {
  createUser,
  disableUser,
  getUser,
  listChoices,
  listUsers,
  refusePendingRoles,
  resetUserSecondFactor,
  setRoles,
  unlockUser,
  updateUser,
} from './service.js';

export function userRoutes(app: App): void {
  const tags = ['用户'];
  const read = { ability: 'user.read' } as const;
  const config = { ability: 'user.manage' } as const;
  const grant = { ability: 'user.grant_roles' } as const;

  app.get(
    '/users',
    {
      config: read,
      schema: { tags, summary: '用户列表', querystring: listUsersQuery, response: { 200: paged(adminUser) } },
    },
    async (request) => {
      const page = await listUsers(app.db, request.query);
      return { ...page, items: page.items.map((u) => withActions(request.actor!, u)) };
    },
  );

  listExportRoute(app, {
    url: '/users/export.xlsx',
    config: read,
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
      config: read,
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
      config: { ability: 'user.create' },
      schema: {
        tags,
        summary: '新建用户（系统管理员所选角色待安全管理员授予）',
        body: createUserBody,
        response: { 201: adminUser, 400: errorBody, 409: errorBody },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(withActions(request.actor!, await createUser(app.db, whoOf(request), request.body))),
  );

  app.get(
    '/users/:id',
    {
      config: read,
      schema: { tags, summary: '用户详情', params: idParams, response: { 200: adminUser, 404: errorBody } },
    },
    async (request) => withActions(request.actor!, await getUser(app.db, request.params.id)),
  );

  app.patch(
    '/users/:id',
    {
      config,
      schema: {
        tags,
        summary: '修改用户（姓名、密码、停用/启用；角色作为申请，待安全管理员授予）',
        params: idParams,
        body: updateUserBody,
        response: { 200: adminUser, 400: errorBody, 404: errorBody, 409: errorBody },
      },
    },
    async (request) =>
      withActions(request.actor!, await updateUser(app.db, whoOf(request), request.params.id, request.body)),
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

  app.put(
    '/users/:id/roles',
    {
      config: grant,
      schema: {
        tags,
        summary:
          '授予或撤销角色（安全管理员；同时结束该用户的角色申请）。新授予系统、安全或审计管理员角色时，账号换用一次性初始密码（仅在此返回一次）并重置动态验证码',
        params: idParams,
        body: setRolesBody,
        response: { 200: grantedUser, 400: errorBody, 403: errorBody, 404: errorBody, 409: errorBody },
      },
    },
    async (request) => {
      const { user, initialPassword } = await setRoles(
        app.db,
        whoOf(request),
        request.params.id,
        request.body.roles,
      );
      return { ...withActions(request.actor!, user), ...(initialPassword ? { initialPassword } : {}) };
    },
  );

  app.delete(
    '/users/:id/pending-roles',
    {
      config: grant,
      schema: {
        tags,
        summary: '驳回系统管理员提出的角色申请（安全管理员）',
        params: idParams,
        response: { 200: adminUser, 403: errorBody, 404: errorBody, 409: errorBody },
      },
    },
    async (request) =>
      withActions(request.actor!, await refusePendingRoles(app.db, whoOf(request), request.params.id)),
  );

  app.post(
    '/users/:id/2fa/reset',
    {
      config: { ability: 'user.unlock' },
      schema: {
        tags,
        summary: '重置动态验证码（安全管理员；用于手机遗失，该用户须重新绑定，其会话随即结束）',
        params: idParams,
        response: { 204: z.null(), 404: errorBody, 409: errorBody },
      },
    },
    async (request, reply) => {
      await resetUserSecondFactor(app.db, whoOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/users/:id/unlock',
    {
      config: { ability: 'user.unlock' },
      schema: {
        tags,
        summary: '解除登录限制：清除该账户在所有地址的登录失败计数（安全管理员）',
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
