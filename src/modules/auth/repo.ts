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
