import { sql } from 'kysely';
import type { RoleGrant } from '../../domain/roles.js';
import type { Db } from '../../server/types.js';

export async function rolesOf(db: Db, userId: string): Promise<RoleGrant[]> {
  const rows = await db
    .selectFrom('userRoles')
    .select(['role', 'scopeId'])
    .where('userId', '=', userId)
    .orderBy('role')
    .orderBy('scopeId')
    .execute();
  return rows as RoleGrant[];
}

/** The user's roles as a JSON array, inside the query that authenticates the request. */
const rolesJson = sql<RoleGrant[]>`(
  select coalesce(json_agg(json_build_object('role', r.role, 'scopeId', r.scope_id) order by r.role, r.scope_id), '[]')
  from user_roles r where r.user_id = users.id)`;

export function findUserByUsername(db: Db, username: string) {
  return db
    .selectFrom('users')
    .selectAll()
    .where(sql`lower(username)`, '=', username.toLowerCase())
    .executeTakeFirst();
}

/** A live session: not revoked, inside the absolute limit and the idle limit, its user enabled. */
export function findLiveSession(db: Db, sessionId: string, idleMinutes: number) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.userId')
    .select([
      'sessions.id as sessionId',
      'sessions.csrfToken',
      'sessions.lastSeenAt',
      'users.id as userId',
      'users.username',
      'users.displayName',
      'users.memberId',
      rolesJson.as('roles'),
    ])
    .where('sessions.id', '=', sessionId)
    .where('sessions.revokedAt', 'is', null)
    .where('sessions.expiresAt', '>', sql<Date>`now()`)
    .where('sessions.lastSeenAt', '>', sql<Date>`now() - make_interval(mins => ${idleMinutes})`)
    .where('users.disabled', '=', false)
    .executeTakeFirst();
}

export function findLiveToken(db: Db, tokenHash: string) {
  return db
    .selectFrom('apiTokens')
    .innerJoin('users', 'users.id', 'apiTokens.userId')
    .select([
      'apiTokens.id as tokenId',
      'apiTokens.lastUsedAt',
      'users.id as userId',
      'users.username',
      'users.displayName',
      'users.memberId',
      rolesJson.as('roles'),
    ])
    .where('apiTokens.tokenHash', '=', tokenHash)
    .where('apiTokens.revokedAt', 'is', null)
    .where('apiTokens.expiresAt', '>', sql<Date>`now()`)
    .where('users.disabled', '=', false)
    .executeTakeFirst();
}

export async function revokeSessionsOf(db: Db, userId: string, exceptSessionId?: string | null) {
  let q = db
    .updateTable('sessions')
    .set({ revokedAt: sql`now()` })
    .where('userId', '=', userId)
    .where('revokedAt', 'is', null);
  if (exceptSessionId) q = q.where('id', '!=', exceptSessionId);
  await q.execute();
}

/** Writes last_seen_at of a session that is being used. */
export async function touchSession(db: Db, sessionId: string) {
  await db.updateTable('sessions').set({ lastSeenAt: sql`now()` }).where('id', '=', sessionId).execute();
}

/** Writes last_used_at of an API token that is being used. */
export async function touchToken(db: Db, tokenId: string) {
  await db.updateTable('apiTokens').set({ lastUsedAt: sql`now()` }).where('id', '=', tokenId).execute();
}

export function findLoginThrottle(db: Db, username: string) {
  return db.selectFrom('loginThrottle').selectAll().where('username', '=', username).executeTakeFirst();
}

/**
 * Counts a failed sign-in for a username; the failure that reaches `lockAfterFailures` locks it
 * for `lockMinutes` and starts the count again.
 */
export async function countLoginFailure(
  db: Db,
  username: string,
  lockAfterFailures: number,
  lockMinutes: number,
) {
  await sql`
    insert into login_throttle (username, failures, locked_until) values (${username}, 1, null)
    on conflict (username) do update set
      failures = case when login_throttle.failures + 1 >= ${lockAfterFailures} then 0
                      else login_throttle.failures + 1 end,
      locked_until = case when login_throttle.failures + 1 >= ${lockAfterFailures}
                          then now() + make_interval(mins => ${lockMinutes})
                          else login_throttle.locked_until end`.execute(db);
}

export async function clearLoginThrottle(db: Db, username: string) {
  await db.deleteFrom('loginThrottle').where('username', '=', username).execute();
}

export interface NewSessionRow {
  id: string;
  userId: string;
  csrfToken: string;
  absoluteHours: number;
  ip: string | null;
  userAgent: string | null;
}

export async function insertSession(db: Db, s: NewSessionRow) {
  await db
    .insertInto('sessions')
    .values({
      id: s.id,
      userId: s.userId,
      csrfToken: s.csrfToken,
      lastSeenAt: sql<Date>`now()`,
      expiresAt: sql<Date>`now() + make_interval(hours => ${s.absoluteHours})`,
      ip: s.ip,
      userAgent: s.userAgent,
    })
    .execute();
}

export async function touchLastLogin(db: Db, userId: string) {
  await db.updateTable('users').set({ lastLoginAt: sql`now()` }).where('id', '=', userId).execute();
}

export async function revokeSession(db: Db, sessionId: string) {
  await db.updateTable('sessions').set({ revokedAt: sql`now()` }).where('id', '=', sessionId).execute();
}

export function insertApiToken(
  db: Db,
  t: { userId: string; name: string; tokenHash: string; expiresInDays: number },
) {
  return db
    .insertInto('apiTokens')
    .values({
      userId: t.userId,
      name: t.name,
      tokenHash: t.tokenHash,
      expiresAt: sql<Date>`now() + make_interval(days => ${t.expiresInDays})`,
    })
    .returning(['id', 'expiresAt'])
    .executeTakeFirstOrThrow();
}

export function tokensOf(db: Db, userId: string) {
  return db
    .selectFrom('apiTokens')
    .select(['id', 'name', 'createdAt', 'expiresAt', 'lastUsedAt', 'revokedAt'])
    .where('userId', '=', userId)
    .orderBy('createdAt', 'desc')
    .execute();
}

/** Revokes one live token of the user; `undefined` when the user has no such live token. */
export function revokeTokenOf(db: Db, userId: string, tokenId: string) {
  return db
    .updateTable('apiTokens')
    .set({ revokedAt: sql`now()` })
    .where('id', '=', tokenId)
    .where('userId', '=', userId)
    .where('revokedAt', 'is', null)
    .returning(['id', 'name'])
    .executeTakeFirst();
}

/** Revokes every live token of the user. */
export async function revokeTokensOf(db: Db, userId: string) {
  await db
    .updateTable('apiTokens')
    .set({ revokedAt: sql`now()` })
    .where('userId', '=', userId)
    .where('revokedAt', 'is', null)
    .execute();
}
