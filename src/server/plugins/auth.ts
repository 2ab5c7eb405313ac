import type { FastifyInstance, FastifyRequest } from 'fastify';
import { findLiveSession, findLiveToken, touchSession, touchToken } from '../../modules/auth/repo.js';
import { SESSION_LIMITS } from '../../modules/auth/service.js';
import { API_TOKEN_PREFIX, digest, sameSecret } from '../../modules/auth/tokens.js';
import { can } from '../abilities.js';
import { AppError, forbidden, unauthenticated } from '../errors.js';
import type { Actor, Db } from '../types.js';

export const SESSION_COOKIE = 'cmh_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
// last_seen_at is written at most once a minute per session, not on every request
const TOUCH_AFTER_MS = 60_000;

async function actorFromSession(db: Db, cookieValue: string): Promise<Actor | null> {
  const row = await findLiveSession(db, digest(cookieValue), SESSION_LIMITS.idleMinutes);
  if (!row) return null;
  if (Date.now() - row.lastSeenAt.getTime() > TOUCH_AFTER_MS) {
    await touchSession(db, row.sessionId);
  }
  return {
    userId: row.userId,
    username: row.username,
    displayName: row.displayName,
    memberId: row.memberId,
    roles: row.roles,
    via: 'session',
    sessionId: row.sessionId,
    csrfToken: row.csrfToken,
  };
}

async function actorFromToken(db: Db, token: string): Promise<Actor | null> {
  if (!token.startsWith(API_TOKEN_PREFIX)) return null;
  const row = await findLiveToken(db, digest(token));
  if (!row) return null;
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > TOUCH_AFTER_MS) {
    await touchToken(db, row.tokenId);
  }
  return {
    userId: row.userId,
    username: row.username,
    displayName: row.displayName,
    memberId: row.memberId,
    roles: row.roles,
    via: 'token',
    sessionId: null,
    csrfToken: null,
  };
}

async function resolveActor(db: Db, request: FastifyRequest): Promise<void> {
  const authorization = request.headers.authorization;
  if (authorization?.startsWith('Bearer ')) {
    request.actor = await actorFromToken(db, authorization.slice(7).trim());
    return;
  }
  const cookieValue = request.cookies[SESSION_COOKIE];
  if (cookieValue) {
    request.actor = await actorFromSession(db, cookieValue);
    request.sessionExpired = request.actor === null;
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
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    await resolveActor(app.db, request);
    if (!request.is404 && isGuardedRoute(request.routeOptions.url ?? '')) checkAccess(request);
  });
}
