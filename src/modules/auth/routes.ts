import { z } from 'zod';
import { notFound } from '../../server/errors.js';
import { errorBody, idParams, isUuid, publicOrigin, whoOf } from '../../server/http.js';
import { SESSION_COOKIE } from '../../server/plugins/auth.js';
import type { RateLimits } from '../../server/plugins/rate-limit.js';
import type { App } from '../../server/types.js';
import { presentSession } from './presenter.js';
import { loginBody, sessionBody, tokenBody, tokenInfo } from './schema.js';
import { createApiToken, listApiTokens, revokeApiToken, SESSION_LIMITS, signIn, signOut } from './service.js';

export function authRoutes(app: App, limits: RateLimits): void {
  const tags = ['认证'];

  app.post(
    '/auth/login',
    {
      config: {
        access: 'public',
        rateLimit: { max: limits.signIn.max, timeWindow: limits.signIn.windowMs },
      },
      schema: {
        tags,
        summary: '登录',
        body: loginBody,
        response: { 200: sessionBody, 401: errorBody, 429: errorBody },
      },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      const session = await signIn(
        app.db,
        whoOf(request),
        username,
        password,
        request.headers['user-agent'] ?? null,
      );
      reply.setCookie(SESSION_COOKIE, session.cookieValue, {
        httpOnly: true,
        sameSite: 'lax',
        path: '/',
        secure: request.protocol === 'https',
        maxAge: SESSION_LIMITS.absoluteHours * 3600,
      });
      return presentSession(session.actor, publicOrigin(request));
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: '退出登录', response: { 204: z.null() } },
    },
    async (request, reply) => {
      await signOut(app.db, whoOf(request));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/auth/me',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: '当前用户、CSRF 令牌与权限', response: { 200: sessionBody, 401: errorBody } },
    },
    async (request) => presentSession(request.actor!, publicOrigin(request)),
  );

  app.get(
    '/auth/tokens',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: '我的 API 令牌', response: { 200: z.array(tokenInfo) } },
    },
    async (request) => listApiTokens(app.db, request.actor!.userId),
  );

  app.post(
    '/auth/tokens',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '创建 API 令牌（令牌只显示这一次）',
        body: tokenBody,
        response: { 201: z.object({ id: z.string(), token: z.string(), expiresAt: z.date() }) },
      },
    },
    async (request, reply) => {
      const created = await createApiToken(
        app.db,
        whoOf(request),
        request.body.name,
        request.body.expiresInDays,
      );
      return reply.status(201).send(created);
    },
  );

  app.delete(
    '/auth/tokens/:id',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '吊销 API 令牌',
        params: idParams,
        response: { 204: z.null(), 404: errorBody },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      if (!isUuid(id) || !(await revokeApiToken(app.db, whoOf(request), id))) throw notFound('找不到该令牌');
      return reply.status(204).send(null);
    },
  );
}
