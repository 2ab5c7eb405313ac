import { passwordProblem } from '../../domain/password.js';
import { AppError, conflict, invalidField } from '../../server/errors.js';
import type { Actor, Db, Who } from '../../server/types.js';
import { recordAudit } from '../audit/service.js';
import { hashPassword, verifyPassword } from './passwords.js';
import {
  acceptTotpStep,
  clearLoginFailures,
  clearSecondFactor,
  countLoginFailure,
  findUserByUsername,
  insertApiToken,
  insertSession,
  loginFailuresOf,
  recentPasswordHashes,
  replacePassword,
  requirePasswordChange,
  revokeSession,
  revokeSessionsOf,
  revokeTokenOf,
  revokeTokensOf,
  rolesOf,
  savePendingSecret,
  secondFactorOf,
  tokensOf,
  touchLastLogin,
} from './repo.js';
import {
  type AccountState,
  type AuthSettings,
  accountStateOf,
  PASSWORD_HISTORY,
  passwordExpired,
} from './settings.js';
import { API_TOKEN_PREFIX, digest, newSecret } from './tokens.js';
import { newTotpSecret, otpauthUri, totpStepOf } from './totp.js';

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
  state: AccountState;
}

function lockedError(until: Date): AppError {
  const seconds = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000));
  return new AppError(
    429,
    'ACCOUNT_LOCKED',
    `从当前网络登录该账户失败次数过多，已暂停从此处登录，请 ${Math.ceil(seconds / 60)} 分钟后再试，或请安全管理员在用户管理中解除登录限制`,
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

/** Stops an address that failed too often on the account, and slows an account attacked from everywhere. */
async function holdBackAttempts(db: Db, who: Who, key: string): Promise<void> {
  const failures = await loginFailuresOf(db, key, addressOf(who));
  if (failures.fromAddress && failures.fromAddress.failures >= SESSION_LIMITS.lockAfterFailures) {
    await recordAudit(db, who, { action: 'auth.login_locked', objectType: 'user', after: { username: key } });
    throw lockedError(failures.fromAddress.windowEnds);
  }
  const delay = slowdownMs(failures.fromAll?.failures ?? 0);
  if (delay > 0) await pause(delay);
}

const addressOf = (who: Who) => who.ip ?? 'unknown';

/** Counts a wrong password or code against the account from the request's address, and audits it. */
async function countFailure(db: Db, who: Who, key: string, userId: string | null, reason: string) {
  await db.transaction().execute(async (trx) => {
    await countLoginFailure(trx, key, addressOf(who), SESSION_LIMITS.lockMinutes);
    await recordAudit(trx, who, {
      action: 'auth.login_failed',
      objectType: 'user',
      objectId: userId,
      after: { username: key, reason },
    });
  });
}

const otpRequired = () => new AppError(401, 'OTP_REQUIRED', '请输入动态验证码（手机验证器上的 6 位数字）');
const OTP_INVALID = '动态验证码不正确或已使用过，请输入验证器上新显示的验证码';
/** A wrong or used code: 401 at sign-in, 400 on the field `otp` for a signed-in user. */
const otpInvalid = (status: 400 | 401) =>
  new AppError(status, 'OTP_INVALID', OTP_INVALID, status === 400 ? { otp: OTP_INVALID } : undefined);

/**
 * Signs a user in. Unknown users, wrong passwords and disabled accounts get the same answer in
 * the same time. Five failures for one account name (known or not) from one address stop that
 * address for up to 15 minutes — never the account for everyone: when failures come from
 * everywhere, every attempt on the account is slowed instead, and the right password still works.
 * With a second factor the password is checked first; a wrong or used code is a failure too.
 */
export async function signIn(
  db: Db,
  who: Who,
  settings: AuthSettings,
  credentials: { username: string; password: string; otp?: string | undefined },
  userAgent: string | null,
): Promise<NewSession> {
  const key = credentials.username.trim().toLowerCase();
  const address = addressOf(who);
  await holdBackAttempts(db, who, key);

  const user = await findUserByUsername(db, key);
  const passwordOk = await verifyPassword(user?.passwordHash ?? null, credentials.password);
  if (!user || !passwordOk || user.disabled) {
    const reason = !user ? 'unknown_user' : !passwordOk ? 'wrong_password' : 'disabled';
    await countFailure(db, who, key, user?.id ?? null, reason);
    throw new AppError(401, 'UNAUTHENTICATED', BAD_CREDENTIALS);
  }
  const otp = credentials.otp?.trim();
  if (user.totpEnabledAt && user.totpSecret) {
    if (!otp) throw otpRequired();
    const step = totpStepOf(user.totpSecret, otp);
    if (step === null || !(await acceptTotpStep(db, user.id, step))) {
      await countFailure(db, who, key, user.id, step === null ? 'wrong_otp' : 'reused_otp');
      throw otpInvalid(401);
    }
  }

  const cookieValue = newSecret();
  const csrfToken = newSecret(24);
  const { absoluteHours } = SESSION_LIMITS;
  const expired = !user.mustChangePassword && passwordExpired(settings, user.passwordChangedAt);
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
    if (expired) await requirePasswordChange(trx, user.id);
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
      {
        action: 'auth.login',
        objectType: 'user',
        objectId: user.id,
        ...(expired ? { after: { passwordExpired: true } } : {}),
      },
    );
    const state = accountStateOf(settings, {
      roles: actor.roles,
      secondFactorEnabled: user.totpEnabledAt !== null,
      mustChangePassword: user.mustChangePassword || expired,
      language: user.language,
    });
    return { cookieValue, actor, state };
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
    // only a live token is revoked
    await recordAudit(trx, who, {
      action: 'auth.token_revoked',
      objectType: 'api_token',
      objectId: row.id,
      before: { name: row.name, revoked: false },
      after: { revoked: true },
    });
    return true;
  });
}

// ---- second factor (TOTP) ----

/** Makes a new secret for the actor's authenticator app; it counts once a code from it is entered. */
export async function setUpSecondFactor(db: Db, who: Who) {
  const userId = who.actor!.userId;
  const secret = newTotpSecret();
  return db.transaction().execute(async (trx) => {
    if (!(await savePendingSecret(trx, userId, secret))) {
      throw conflict('动态验证码已启用；如需更换手机，请先停用再重新设置');
    }
    await recordAudit(trx, who, { action: 'auth.second_factor_setup', objectType: 'user', objectId: userId });
    return { secret, otpauthUri: otpauthUri(secret, who.actor!.username) };
  });
}

/** Turns the pending secret on with a first code from the app. */
export async function enableSecondFactor(db: Db, who: Who, otp: string) {
  const userId = who.actor!.userId;
  const factor = await secondFactorOf(db, userId);
  if (factor.totpEnabledAt) throw conflict('动态验证码已启用');
  if (!factor.totpSecret) throw conflict('请先生成密钥并用验证器扫描二维码');
  const step = totpStepOf(factor.totpSecret, otp);
  await db.transaction().execute(async (trx) => {
    if (step === null || !(await acceptTotpStep(trx, userId, step, true))) throw otpInvalid(400);
    await recordAudit(trx, who, {
      action: 'auth.second_factor_enabled',
      objectType: 'user',
      objectId: userId,
    });
  });
}

/** Turns the actor's own second factor off with a current code; a wrong code counts as a failed sign-in. */
export async function disableSecondFactor(db: Db, who: Who, otp: string) {
  const userId = who.actor!.userId;
  const key = who.actor!.username.toLowerCase();
  const factor = await secondFactorOf(db, userId);
  if (!factor.totpEnabledAt || !factor.totpSecret) throw conflict('尚未启用动态验证码');
  await holdBackAttempts(db, who, key);
  const step = totpStepOf(factor.totpSecret, otp);
  if (step === null || !(await acceptTotpStep(db, userId, step))) {
    await countFailure(db, who, key, userId, step === null ? 'wrong_otp' : 'reused_otp');
    throw otpInvalid(400);
  }
  await db.transaction().execute(async (trx) => {
    await clearSecondFactor(trx, userId);
    await recordAudit(trx, who, {
      action: 'auth.second_factor_disabled',
      objectType: 'user',
      objectId: userId,
    });
  });
}

/**
 * Forgets a user's second factor (a security administrator's reset): they enrol again at their
 * next sign-in where one is required. The caller records the audit entry in the same transaction.
 */
export async function resetSecondFactor(trx: Db, userId: string) {
  await clearSecondFactor(trx, userId);
}

// ---- passwords ----

/** Refuses a password that breaks the rule or is easy to guess for this account, on `field`. */
export function refuseWeakPassword(password: string, username: string, field: string) {
  const problem = passwordProblem(password, { username });
  if (problem) throw invalidField(field, problem);
}

async function usedRecently(db: Db, userId: string, password: string) {
  const hashes = await recentPasswordHashes(db, userId, PASSWORD_HISTORY);
  const matches = await Promise.all(hashes.map((hash) => verifyPassword(hash, password)));
  return matches.includes(true);
}

/**
 * A user changes their own password: the current one first (a wrong one counts as a failed
 * sign-in), then the new one against the rule and their last five; their other sessions and all
 * their API tokens end.
 */
export async function changeOwnPassword(db: Db, who: Who, currentPassword: string, newPassword: string) {
  const actor = who.actor!;
  const key = actor.username.toLowerCase();
  await holdBackAttempts(db, who, key);
  const [current] = await recentPasswordHashes(db, actor.userId, 1);
  if (!(await verifyPassword(current!, currentPassword))) {
    await countFailure(db, who, key, actor.userId, 'wrong_password');
    throw invalidField('currentPassword', '当前密码不正确');
  }
  refuseWeakPassword(newPassword, actor.username, 'newPassword');
  if (await usedRecently(db, actor.userId, newPassword)) {
    throw invalidField('newPassword', `不能与最近 ${PASSWORD_HISTORY} 次用过的密码相同`);
  }
  const passwordHash = await hashPassword(newPassword);
  await db.transaction().execute(async (trx) => {
    await replacePassword(trx, actor.userId, passwordHash, { mustChange: false, keep: PASSWORD_HISTORY - 1 });
    await clearLoginFailures(trx, key, addressOf(who));
    await revokeSessionsOf(trx, actor.userId, actor.sessionId);
    await revokeTokensOf(trx, actor.userId);
    await recordAudit(trx, who, {
      action: 'auth.password_changed',
      objectType: 'user',
      objectId: actor.userId,
    });
  });
}

/**
 * An administrator sets a user's password (PATCH /users/:id): every session and API token of the
 * user ends, and they must choose their own password at once — unless the administrator set
 * their own, whose current session then stays. Runs in the caller's transaction.
 */
export async function resetPasswordOf(trx: Db, who: Who, userId: string, passwordHash: string) {
  const own = who.actor?.userId === userId;
  await replacePassword(trx, userId, passwordHash, { mustChange: !own, keep: PASSWORD_HISTORY - 1 });
  await revokeSessionsOf(trx, userId, own ? who.actor?.sessionId : null);
  await revokeTokensOf(trx, userId);
}
