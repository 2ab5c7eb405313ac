import { sql } from 'kysely';
import type { UserLanguage } from '../../db/schema.js';
import type { RoleGrant } from '../../domain/roles.js';
import { openSecret, sealSecret } from '../../lib/personal-data.js';
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

const secondFactorEnabled = sql<boolean>`users.totp_enabled_at is not null`;

/** A user by name, the TOTP secret opened (it is stored sealed). */
export async function findUserByUsername(db: Db, username: string) {
  const row = await db
    .selectFrom('users')
    .selectAll()
    .where(sql`lower(username)`, '=', username.toLowerCase())
    .executeTakeFirst();
  return row && { ...row, totpSecret: openSecret(row.totpSecret) };
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
      'users.mustChangePassword',
      'users.language',
      secondFactorEnabled.as('secondFactorEnabled'),
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
      'users.mustChangePassword',
      'users.language',
      secondFactorEnabled.as('secondFactorEnabled'),
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
export async function setUserLanguage(db: Db, userId: string, language: UserLanguage) {
  await db.updateTable('users').set({ language }).where('id', '=', userId).execute();
}

export async function touchSession(db: Db, sessionId: string) {
  await db.updateTable('sessions').set({ lastSeenAt: sql`now()` }).where('id', '=', sessionId).execute();
}

/** Writes last_used_at of an API token that is being used. */
export async function touchToken(db: Db, tokenId: string) {
  await db.updateTable('apiTokens').set({ lastUsedAt: sql`now()` }).where('id', '=', tokenId).execute();
}

/** Every address's count; the key of the row that counts an account's failures together. */
export const ALL_ADDRESSES = '';

/** The failures still counting (their window not ended) of an account, from one address and from all. */
export async function loginFailuresOf(db: Db, account: string, address: string) {
  const rows = await db
    .selectFrom('loginFailures')
    .select(['address', 'failures', 'windowEnds'])
    .where('account', '=', account)
    .where('address', 'in', [address, ALL_ADDRESSES])
    .where('windowEnds', '>', sql<Date>`now()`)
    .execute();
  return {
    fromAddress: rows.find((row) => row.address === address && address !== ALL_ADDRESSES),
    fromAll: rows.find((row) => row.address === ALL_ADDRESSES),
  };
}

/**
 * Counts a failed sign-in of an account from an address, and from all addresses: each count runs
 * in a window of `windowMinutes` from its first failure, then starts again.
 */
export async function countLoginFailure(db: Db, account: string, address: string, windowMinutes: number) {
  await sql`
    insert into login_failures as f (account, address, failures, window_ends)
    values
      (${account}, ${address}, 1, now() + make_interval(mins => ${windowMinutes})),
      (${account}, ${ALL_ADDRESSES}, 1, now() + make_interval(mins => ${windowMinutes}))
    on conflict (account, address) do update set
      failures = case when f.window_ends <= now() then 1 else f.failures + 1 end,
      window_ends = case when f.window_ends <= now() then excluded.window_ends else f.window_ends end`.execute(
    db,
  );
}

/** Forgets an account's failures from one address (a sign-in from it succeeded), or all of them (unlocked). */
export async function clearLoginFailures(db: Db, account: string, address?: string) {
  let q = db.deleteFrom('loginFailures').where('account', '=', account);
  if (address !== undefined) q = q.where('address', '=', address);
  await q.execute();
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

/** The user's second factor: the secret (pending until enabled) and the last step a code was used at. */
export async function secondFactorOf(db: Db, userId: string) {
  const row = await db
    .selectFrom('users')
    .select(['username', 'totpSecret', 'totpEnabledAt', 'totpLastStep'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  return { ...row, totpSecret: openSecret(row.totpSecret) };
}

/** Keeps a new secret waiting for its first code; a factor already enabled is left alone. */
export async function savePendingSecret(db: Db, userId: string, secret: string) {
  const row = await db
    .updateTable('users')
    .set({ totpSecret: sealSecret(secret), totpLastStep: null })
    .where('id', '=', userId)
    .where('totpEnabledAt', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Accepts a code's time step once: true when the step is later than any accepted before (one
 * statement, so two requests with the same code cannot both pass). `enable` also turns the
 * pending secret on.
 */
export async function acceptTotpStep(db: Db, userId: string, step: number, enable = false) {
  const row = await db
    .updateTable('users')
    .set({ totpLastStep: step, ...(enable ? { totpEnabledAt: sql<Date>`now()` } : {}) })
    .where('id', '=', userId)
    .where('totpSecret', 'is not', null)
    .where('totpEnabledAt', enable ? 'is' : 'is not', null)
    .where((eb) => eb.or([eb('totpLastStep', 'is', null), eb('totpLastStep', '<', step)]))
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Forgets the user's second factor, enabled or pending. */
export async function clearSecondFactor(db: Db, userId: string) {
  await db
    .updateTable('users')
    .set({ totpSecret: null, totpEnabledAt: null, totpLastStep: null })
    .where('id', '=', userId)
    .execute();
}

/** The user's current password hash followed by the earlier ones, newest first: `count` in all. */
export async function recentPasswordHashes(db: Db, userId: string, count: number): Promise<string[]> {
  const current = await db
    .selectFrom('users')
    .select('passwordHash')
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  const earlier = await db
    .selectFrom('passwordHistory')
    .select('passwordHash')
    .where('userId', '=', userId)
    .orderBy('id', 'desc')
    .limit(count - 1)
    .execute();
  return [current.passwordHash, ...earlier.map((row) => row.passwordHash)];
}

/**
 * Sets a new password hash, keeping the one it replaces in the history (the newest `keep`
 * earlier hashes stay); `mustChange` says whether its owner must choose another at once.
 */
export async function replacePassword(
  db: Db,
  userId: string,
  passwordHash: string,
  options: { mustChange: boolean; keep: number },
) {
  await sql`
    insert into password_history (user_id, password_hash)
    select id, password_hash from users where id = ${userId}`.execute(db);
  await sql`
    delete from password_history where user_id = ${userId} and id not in (
      select id from password_history where user_id = ${userId}
      order by id desc limit ${options.keep})`.execute(db);
  await db
    .updateTable('users')
    .set({
      passwordHash,
      passwordChangedAt: sql<Date>`now()`,
      mustChangePassword: options.mustChange,
      updatedAt: sql<Date>`now()`,
    })
    .where('id', '=', userId)
    .execute();
}

/** Makes the user choose a new password before anything else (it has expired). */
export async function requirePasswordChange(db: Db, userId: string) {
  await db.updateTable('users').set({ mustChangePassword: true }).where('id', '=', userId).execute();
}
