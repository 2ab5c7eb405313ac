import { AppError } from '../../server/errors.js';
import type { Actor, Db, Who } from '../../server/types.js';
import { recordAudit } from '../audit/service.js';
import { verifyPassword } from './passwords.js';
import {
  clearLoginFailures,
  countLoginFailure,
  findUserByUsername,
  insertApiToken,
  insertSession,
  loginFailuresOf,
  revokeSession,
  revokeTokenOf,
  rolesOf,
  tokensOf,
  touchLastLogin,
} from './repo.js';
import { API_TOKEN_PREFIX, digest, newSecret } from './tokens.js';

export const SESSION_LIMITS = {
  idleMinutes: 30,
  absoluteHours: 12,
  /** failures from one address that stop that address signing in to the account */
  lockAfterFailures: 5,
  /** the window failures are counted in, and the longest an address stays stopped */
  lockMinutes: 15,
  /** failures from all addresses together after which every attempt on the account is slowed */
  slowAfterFailures: 10,
  /** the delay added for each failure above that, and its ceiling */
  slowStepMs: 500,
  slowMaxMs: 5_000,
};

const BAD_CREDENTIALS = '用户名或密码错误';

export interface NewSession {
  cookieValue: string;
  actor: Actor;
}

function lockedError(until: Date): AppError {
  const seconds = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000));
  return new AppError(
    429,
    'ACCOUNT_LOCKED',
    `从当前网络登录该账户失败次数过多，已暂停从此处登录，请 ${Math.ceil(seconds / 60)} 分钟后再试，或请系统管理员在用户管理中解除登录限制`,
    undefined,
    { 'retry-after': String(seconds) },
  );
}

/** How long an attempt on an account under attack waits before it is answered. */
export function slowdownMs(failuresFromAll: number): number {
  const { slowAfterFailures, slowStepMs, slowMaxMs } = SESSION_LIMITS;
  return Math.min(Math.max(0, failuresFromAll - slowAfterFailures + 1) * slowStepMs, slowMaxMs);
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Signs a user in. Unknown users, wrong passwords and disabled accounts get the same answer in
 * the same time. Five failures for one account name (known or not) from one address stop that
 * address for up to 15 minutes — never the account for everyone: when failures come from
 * everywhere, every attempt on the account is slowed instead, and the right password still works.
 */
export async function signIn(
  db: Db,
  who: Who,
  username: string,
  password: string,
  userAgent: string | null,
): Promise<NewSession> {
  const key = username.trim().toLowerCase();
  const address = who.ip ?? 'unknown';
  const failures = await loginFailuresOf(db, key, address);
  if (failures.fromAddress && failures.fromAddress.failures >= SESSION_LIMITS.lockAfterFailures) {
    await recordAudit(db, who, { action: 'auth.login_locked', objectType: 'user', after: { username: key } });
    throw lockedError(failures.fromAddress.windowEnds);
  }
  const delay = slowdownMs(failures.fromAll?.failures ?? 0);
  if (delay > 0) await pause(delay);

  const user = await findUserByUsername(db, key);
  const passwordOk = await verifyPassword(user?.passwordHash ?? null, password);
  if (!user || !passwordOk || user.disabled) {
    const reason = !user ? 'unknown_user' : !passwordOk ? 'wrong_password' : 'disabled';
    await db.transaction().execute(async (trx) => {
      await countLoginFailure(trx, key, address, SESSION_LIMITS.lockMinutes);
      await recordAudit(trx, who, {
        action: 'auth.login_failed',
        objectType: 'user',
        objectId: user?.id ?? null,
        after: { username: key, reason },
      });
    });
    throw new AppError(401, 'UNAUTHENTICATED', BAD_CREDENTIALS);
  }

  const cookieValue = newSecret();
  const csrfToken = newSecret(24);
  const { absoluteHours } = SESSION_LIMITS;
  return db.transaction().execute(async (trx) => {
    await clearLoginFailures(trx, key, address);
    await insertSession(trx, {
      id: digest(cookieValue),
      userId: user.id,
      csrfToken,
      absoluteHours,
      ip: who.ip,
      userAgent: userAgent?.slice(0, 300) ?? null,
    });
    await touchLastLogin(trx, user.id);
    const actor: Actor = {
      userId: user.id,
      username: user.username,
      displayName: user.displayName,
      memberId: user.memberId,
      roles: await rolesOf(trx, user.id),
      via: 'session',
      sessionId: digest(cookieValue),
      csrfToken,
    };
    await recordAudit(
      trx,
      { ...who, actor },
      { action: 'auth.login', objectType: 'user', objectId: user.id },
    );
    return { cookieValue, actor };
  });
}

/** Lets an account sign in again from everywhere at once (a security administrator's unlock). */
export async function unlockSignIn(db: Db, username: string) {
  await clearLoginFailures(db, username.trim().toLowerCase());
}

export async function signOut(db: Db, who: Who): Promise<void> {
  const sessionId = who.actor?.sessionId;
  if (!sessionId) return;
  await db.transaction().execute(async (trx) => {
    await revokeSession(trx, sessionId);
    await recordAudit(trx, who, { action: 'auth.logout', objectType: 'user', objectId: who.actor?.userId });
  });
}

export async function createApiToken(db: Db, who: Who, name: string, expiresInDays: number) {
  const userId = who.actor!.userId;
  const token = `${API_TOKEN_PREFIX}${newSecret()}`;
  return db.transaction().execute(async (trx) => {
    const row = await insertApiToken(trx, { userId, name, tokenHash: digest(token), expiresInDays });
    await recordAudit(trx, who, {
      action: 'auth.token_created',
      objectType: 'api_token',
      objectId: row.id,
      after: { name, expiresAt: row.expiresAt },
    });
    return { id: row.id, token, expiresAt: row.expiresAt };
  });
}

export function listApiTokens(db: Db, userId: string) {
  return tokensOf(db, userId);
}

/** Revokes one of the actor's own tokens; another user's token is "not found". */
export async function revokeApiToken(db: Db, who: Who, tokenId: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await revokeTokenOf(trx, who.actor!.userId, tokenId);
    if (!row) return false;
    await recordAudit(trx, who, { action: 'auth.token_revoked', objectType: 'api_token', objectId: row.id });
    return true;
  });
}
