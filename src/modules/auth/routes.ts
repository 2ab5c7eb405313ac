import { z } from 'zod';
import { notFound } from '../../server/errors.js';
import { errorBody, idParams, isUuid, publicOrigin, whoOf } from '../../server/http.js';
import { SESSION_COOKIE } from '../../server/plugins/auth.js';
import type { RateLimits } from '../../server/plugins/rate-limit.js';
import type { App } from '../../server/types.js';
import { presentSession } from './presenter.js';
import { setUserLanguage } from './repo.js';
import {
  languageBody,
  loginBody,
  otpBody,
  passwordBody,
  secondFactorSetup,
  sessionBody,
  tokenBody,
  tokenInfo,
} from './schema.js';
import {
  changeOwnPassword,
  createApiToken,
  disableSecondFactor,
  enableSecondFactor,
  listApiTokens,
  revokeApiToken,
  SESSION_LIMITS,
  setUpSecondFactor,
  signIn,
  signOut,
} from './service.js';

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
        description:
          '账号启用了动态验证码时须同时提交 otp：缺少时答 401 OTP_REQUIRED，错误或已用过时答 401 OTP_INVALID（先核对密码）。',
        response: { 200: sessionBody, 401: errorBody, 429: errorBody },
      },
    },
    async (request, reply) => {
      const session = await signIn(
        app.db,
        whoOf(request),
        app.authSettings,
        request.body,
        request.headers['user-agent'] ?? null,
      );
      reply.setCookie(SESSION_COOKIE, session.cookieValue, {
        httpOnly: true,
        sameSite: 'lax',
        path: '/',
        secure: request.protocol === 'https',
        maxAge: SESSION_LIMITS.absoluteHours * 3600,
      });
      return presentSession(session.actor, session.state, publicOrigin(request));
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { access: 'authenticated', openBefore: 'password_change' },
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
      config: { access: 'authenticated', openBefore: 'password_change' },
      schema: {
        tags,
        summary: '当前用户、CSRF 令牌、权限与待完成的安全设置',
        response: { 200: sessionBody, 401: errorBody },
      },
    },
    async (request) => presentSession(request.actor!, request.accountState!, publicOrigin(request)),
  );

  app.put(
    '/auth/me/language',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '选择自己页面的语言（zh 中文，mn 蒙古文：委员手机页面以蒙古文竖写显示）',
        body: languageBody,
        response: { 200: languageBody, 400: errorBody, 401: errorBody },
      },
    },
    async (request) => {
      await setUserLanguage(app.db, request.actor!.userId, request.body.language);
      return { language: request.body.language };
    },
  );

  app.post(
    '/auth/password',
    {
      config: { access: 'authenticated', openBefore: 'password_change' },
      schema: {
        tags,
        summary: '修改自己的密码（其他会话和全部 API 令牌随之失效）',
        body: passwordBody,
        response: { 204: z.null(), 400: errorBody, 401: errorBody, 429: errorBody },
      },
    },
    async (request, reply) => {
      const { currentPassword, newPassword } = request.body;
      await changeOwnPassword(app.db, whoOf(request), currentPassword, newPassword);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/auth/2fa/setup',
    {
      config: { access: 'authenticated', openBefore: 'second_factor' },
      schema: {
        tags,
        summary: '生成动态验证码密钥（输入一次验证码后才启用；密钥只显示这一次）',
        response: { 200: secondFactorSetup, 401: errorBody, 409: errorBody },
      },
    },
    async (request) => setUpSecondFactor(app.db, whoOf(request)),
  );

  app.post(
    '/auth/2fa/enable',
    {
      config: { access: 'authenticated', openBefore: 'second_factor' },
      schema: {
        tags,
        summary: '用验证器上的验证码启用动态验证码',
        body: otpBody,
        response: { 204: z.null(), 400: errorBody, 401: errorBody, 409: errorBody },
      },
    },
    async (request, reply) => {
      await enableSecondFactor(app.db, whoOf(request), request.body.otp);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/auth/2fa/disable',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '用当前验证码停用自己的动态验证码',
        body: otpBody,
        response: { 204: z.null(), 400: errorBody, 401: errorBody, 409: errorBody, 429: errorBody },
      },
    },
    async (request, reply) => {
      await disableSecondFactor(app.db, whoOf(request), request.body.otp);
      return reply.status(204).send(null);
    },
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
