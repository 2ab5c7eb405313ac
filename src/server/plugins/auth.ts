import type { FastifyInstance, FastifyRequest } from 'fastify';
import { findLiveSession, findLiveToken, touchSession, touchToken } from '../../modules/auth/repo.js';
import { SESSION_LIMITS } from '../../modules/auth/service.js';
import { type AccountState, type AuthSettings, accountStateOf } from '../../modules/auth/settings.js';
import { API_TOKEN_PREFIX, digest, sameSecret } from '../../modules/auth/tokens.js';
import { can } from '../abilities.js';
import { AppError, forbidden, unauthenticated } from '../errors.js';
import type { Actor, Db } from '../types.js';

export const SESSION_COOKIE = 'cmh_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
// last_seen_at is written at most once a minute per session, not on every request
const TOUCH_AFTER_MS = 60_000;

type Signed = { actor: Actor; state: AccountState } | null;

async function actorFromSession(db: Db, settings: AuthSettings, cookieValue: string): Promise<Signed> {
  const row = await findLiveSession(db, digest(cookieValue), SESSION_LIMITS.idleMinutes);
  if (!row) return null;
  if (Date.now() - row.lastSeenAt.getTime() > TOUCH_AFTER_MS) {
    await touchSession(db, row.sessionId);
  }
  const actor: Actor = {
    userId: row.userId,
    username: row.username,
    displayName: row.displayName,
    memberId: row.memberId,
    roles: row.roles,
    via: 'session',
    sessionId: row.sessionId,
    csrfToken: row.csrfToken,
  };
  return { actor, state: accountStateOf(settings, row) };
}

async function actorFromToken(db: Db, settings: AuthSettings, token: string): Promise<Signed> {
  if (!token.startsWith(API_TOKEN_PREFIX)) return null;
  const row = await findLiveToken(db, digest(token));
  if (!row) return null;
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > TOUCH_AFTER_MS) {
    await touchToken(db, row.tokenId);
  }
  const actor: Actor = {
    userId: row.userId,
    username: row.username,
    displayName: row.displayName,
    memberId: row.memberId,
    roles: row.roles,
    via: 'token',
    sessionId: null,
    csrfToken: null,
  };
  return { actor, state: accountStateOf(settings, row) };
}

async function resolveActor(db: Db, settings: AuthSettings, request: FastifyRequest): Promise<void> {
  const authorization = request.headers.authorization;
  let signed: Signed = null;
  if (authorization?.startsWith('Bearer ')) {
    signed = await actorFromToken(db, settings, authorization.slice(7).trim());
  } else {
    const cookieValue = request.cookies[SESSION_COOKIE];
    if (!cookieValue) return;
    signed = await actorFromSession(db, settings, cookieValue);
    request.sessionExpired = signed === null;
  }
  request.actor = signed?.actor ?? null;
  request.accountState = signed?.state ?? null;
}

/**
 * What a user must do before anything else: choose a new password (after an administrator's reset
 * or when it expired), then enrol a second factor (a privileged account where one is required).
 * Until then only the routes that say `openBefore` answer.
 */
function checkAccountState(request: FastifyRequest): void {
  const state = request.accountState;
  const { openBefore } = request.routeOptions.config;
  if (!state) return;
  if (state.passwordChangeRequired && openBefore !== 'password_change') {
    throw new AppError(403, 'PASSWORD_CHANGE_REQUIRED', '请先修改密码（在“账户安全”页面设置新密码）后再继续');
  }
  if (state.secondFactor.required && !state.secondFactor.enabled && !openBefore) {
    throw new AppError(
      403,
      'SECOND_FACTOR_REQUIRED',
      '您的账号须先启用动态验证码（在“账户安全”页面用手机验证器扫码设置）后再继续',
    );
  }
}

/** Deny by default: a /api/v1 route must say it is public, for any signed-in user, or which ability it needs. */
function checkAccess(request: FastifyRequest): void {
  const { access, ability } = request.routeOptions.config;
  if (access === 'public') return;
  const actor = request.actor;
  if (!actor) throw unauthenticated(request.sessionExpired ? '登录已过期，请重新登录' : '请先登录');
  if (actor.via === 'session' && !SAFE_METHODS.has(request.method)) {
    const header = request.headers['x-csrf-token'];
    if (typeof header !== 'string' || !actor.csrfToken || !sameSecret(header, actor.csrfToken)) {
      throw new AppError(403, 'FORBIDDEN', '安全校验失败（CSRF），请刷新页面后重试');
    }
  }
  checkAccountState(request);
  if (access === 'authenticated') return;
  if (!ability) throw forbidden('该接口未声明访问权限');
  if (!can(actor, ability)) throw forbidden();
}

export function isGuardedRoute(url: string): boolean {
  return url.startsWith('/api/v1/');
}

export function registerAuth(app: FastifyInstance): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionExpired', false);
  app.decorateRequest('accountState', null);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    await resolveActor(app.db, app.authSettings, request);
    if (!request.is404 && isGuardedRoute(request.routeOptions.url ?? '')) checkAccess(request);
  });
}
