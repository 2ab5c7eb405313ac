import { ROLE_LABELS, ROLE_SCOPE, type Role, type RoleGrant, SEPARATED_ROLES } from '../../domain/roles.js';
import { badRequest, conflict, forbidden, invalidTransition, notFound } from '../../server/errors.js';
import { isUuid } from '../../server/http.js';
import type { Db, Who } from '../../server/types.js';
import { recordAudit } from '../audit/service.js';
import { hashPassword, randomPassword } from '../auth/passwords.js';
import { revokeSessionsOf, revokeTokensOf } from '../auth/repo.js';
import { refuseWeakPassword, resetPasswordOf, resetSecondFactor, unlockSignIn } from '../auth/service.js';
import { grantsRolesDirectly, mayChangeRolesOf, separationProblem, userActions } from './policy.js';
import { presentUsers } from './presenter.js';
import {
  choicesPage,
  countOtherActiveHolders,
  findMemberId,
  findUserRow,
  insertUser,
  lockAdminChanges,
  replaceRoles,
  rolesAndNamesOf,
  scopeTargets,
  setPendingRoles,
  updateUserRow,
  userLinkedTo,
  usersPage,
  userWithUsername,
} from './repo.js';
import type { ChoicesQuery, CreateUserInput, ListUsersQuery, UpdateUserInput } from './schema.js';

type RoleInput = { role: RoleGrant['role']; scopeId?: string | null | undefined };

/** Roles the platform always keeps one enabled holder of. */
const KEPT_ROLES: Role[] = ['system_admin', 'security_admin'];

/** Checks each role's scope against what the role needs; returns the grants without duplicates. */
async function checkRoles(db: Db, roles: RoleInput[]): Promise<RoleGrant[]> {
  const fields: Record<string, string> = {};
  const scopeIds = roles.map((r) => r.scopeId).filter((id): id is string => !!id);
  const { units, homes } = await scopeTargets(db, scopeIds);
  const grants = new Map<string, RoleGrant>();
  roles.forEach((r, i) => {
    const rule = ROLE_SCOPE[r.role];
    const scopeId = r.scopeId ?? null;
    const label = ROLE_LABELS[r.role];
    if (rule.kind === 'none' && scopeId) fields[`roles.${i}.scopeId`] = `“${label}”角色不需要指定范围`;
    if (rule.kind !== 'none' && !scopeId) fields[`roles.${i}.scopeId`] = `“${label}”角色必须指定范围`;
    if (rule.kind === 'org_unit' && scopeId) {
      const unit = units.find((u) => u.id === scopeId);
      if (!unit || !rule.of.includes(unit.kind))
        fields[`roles.${i}.scopeId`] = `“${label}”角色的范围不是有效的单位`;
    }
    if (rule.kind === 'home' && scopeId && !homes.some((h) => h.id === scopeId)) {
      fields[`roles.${i}.scopeId`] = `“${label}”角色的范围须是一个委员之家`;
    }
    grants.set(`${r.role}|${scopeId ?? ''}`, { role: r.role, scopeId });
  });
  const separation = separationProblem(roles);
  if (separation) fields.roles = separation;
  if (Object.keys(fields).length > 0) throw badRequest(separation ?? '角色设置有误', fields);
  return [...grants.values()];
}

const sameRoles = (a: RoleGrant[], b: RoleGrant[]) => {
  const key = (g: RoleGrant) => `${g.role}|${g.scopeId ?? ''}`;
  const left = new Set(a.map(key));
  return left.size === new Set(b.map(key)).size && b.every((g) => left.has(key(g)));
};

/**
 * Roles a system administrator chose for an account: they wait on it until a security
 * administrator grants or refuses them (三权分立). Asking for the roles it has withdraws the request.
 */
async function requestRoles(trx: Db, who: Who, userId: string, current: RoleGrant[], wanted: RoleGrant[]) {
  const pending = sameRoles(current, wanted) ? null : wanted;
  await setPendingRoles(trx, userId, pending, who.actor?.userId ?? null);
}

/** A member may be linked to one account at most. */
async function checkMemberLink(db: Db, memberId: string | null | undefined, exceptUserId?: string) {
  if (!memberId) return;
  const found = isUuid(memberId) ? await findMemberId(db, memberId) : undefined;
  if (!found) throw badRequest('找不到该委员', { memberId: '找不到该委员' });
  const other = await userLinkedTo(db, memberId, exceptUserId);
  if (other)
    throw conflict(`该委员已关联账号 ${other.username}`, { memberId: `该委员已关联账号 ${other.username}` });
}

async function usernameTaken(db: Db, username: string, exceptId?: string) {
  return (await userWithUsername(db, username, exceptId)) !== undefined;
}

/** Users with their roles and the names a page shows. */
async function withRoles<T extends { id: string; memberId: string | null }>(db: Db, users: T[]) {
  return presentUsers(users, await rolesAndNamesOf(db, users));
}

async function findUser(db: Db, id: string) {
  const user = await findUserRow(db, id);
  return user ? (await withRoles(db, [user]))[0]! : undefined;
}

export async function listUsers(db: Db, q: ListUsersQuery) {
  const page = await usersPage(db, q);
  return { ...page, items: await withRoles(db, page.items) };
}

export function listChoices(db: Db, q: ChoicesQuery) {
  return choicesPage(db, q);
}

export async function createUser(db: Db, who: Who, input: CreateUserInput) {
  const roles = await checkRoles(db, input.roles);
  await checkMemberLink(db, input.memberId);
  refuseWeakPassword(input.password, input.username, 'password');
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    if (await usernameTaken(trx, input.username)) {
      throw conflict('用户名已存在', { username: '用户名已存在' });
    }
    const id = await insertUser(trx, {
      username: input.username,
      displayName: input.displayName,
      passwordHash,
      memberId: input.memberId ?? null,
      // the administrator typed the password: the person chooses their own at the first sign-in
      mustChangePassword: true,
    });
    if (grantsRolesDirectly(who.actor!)) await replaceRoles(trx, id, roles);
    else if (roles.length > 0) await requestRoles(trx, who, id, [], roles);
    const user = (await findUser(trx, id))!;
    await recordAudit(trx, who, { action: 'user.create', objectType: 'user', objectId: id, after: user });
    return user;
  });
}

/** Lets a user whose sign-ins were stopped after failures sign in again from everywhere. */
export async function unlockUser(db: Db, who: Who, id: string) {
  const user = await getUser(db, id);
  await db.transaction().execute(async (trx) => {
    await unlockSignIn(trx, user.username);
    await recordAudit(trx, who, {
      action: 'user.unlock_sign_in',
      objectType: 'user',
      objectId: user.id,
      before: { signInLimited: user.signInLimited },
      after: { signInLimited: false },
    });
  });
}

/**
 * A security administrator takes away an account's second factor (a lost phone): the user
 * signs in with the password alone and enrols again; their sessions end.
 */
export async function resetUserSecondFactor(db: Db, who: Who, id: string) {
  const user = await getUser(db, id);
  if (!user.secondFactor) throw invalidTransition('该用户未启用动态验证码');
  await db.transaction().execute(async (trx) => {
    await resetSecondFactor(trx, user.id);
    await revokeSessionsOf(trx, user.id);
    await recordAudit(trx, who, {
      action: 'user.reset_second_factor',
      objectType: 'user',
      objectId: user.id,
      before: { secondFactor: true },
      after: { secondFactor: false },
    });
  });
}

export async function getUser(db: Db, id: string) {
  const user = isUuid(id) ? await findUser(db, id) : undefined;
  if (!user) throw notFound('找不到该用户');
  return user;
}

/**
 * Keeps at least one enabled system administrator and one enabled security administrator, so
 * nobody locks the platform out of its own settings or its roles.
 */
async function guardLastAdmins(
  trx: Db,
  userId: string,
  before: { roles: RoleGrant[]; disabled: boolean },
  after: { roles: RoleGrant[]; disabled: boolean },
) {
  for (const role of KEPT_ROLES) {
    const had = !before.disabled && before.roles.some((r) => r.role === role);
    const has = !after.disabled && after.roles.some((r) => r.role === role);
    if (!had || has) continue;
    // two administrators disabling each other at once: the second waits and then counts
    await lockAdminChanges(trx);
    if ((await countOtherActiveHolders(trx, role, userId)) === 0) {
      throw conflict(`至少要保留一个可用的${ROLE_LABELS[role]}`);
    }
  }
}

export async function updateUser(db: Db, who: Who, id: string, input: UpdateUserInput) {
  const before = await getUser(db, id);
  if (!userActions(who.actor!, before).includes('update')) {
    throw forbidden('安全管理员、审计管理员的账号由安全管理员管理，其他账号由系统管理员管理');
  }
  if (input.roles && grantsRolesDirectly(who.actor!)) {
    throw badRequest('角色请通过“授权角色”设置', { roles: '角色请通过“授权角色”设置' });
  }
  const roles = input.roles ? await checkRoles(db, input.roles) : undefined;
  await checkMemberLink(db, input.memberId, id);
  if (input.password) refuseWeakPassword(input.password, before.username, 'password');
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  return db.transaction().execute(async (trx) => {
    const disabled = input.disabled ?? before.disabled;
    await guardLastAdmins(trx, id, before, { roles: before.roles, disabled });

    await updateUserRow(trx, id, {
      ...(input.displayName !== undefined ? { displayName: input.displayName } : {}),
      ...(input.memberId !== undefined ? { memberId: input.memberId } : {}),
      ...(input.disabled !== undefined ? { disabled: input.disabled } : {}),
    });
    if (roles) await requestRoles(trx, who, id, before.roles, roles);
    // A new password ends the user's sessions and API tokens and makes them choose their own;
    // disabling ends every session and token.
    if (passwordHash) await resetPasswordOf(trx, who, id, passwordHash);
    if (disabled && !before.disabled) await revokeSessionsOf(trx, id);
    if (disabled && !before.disabled) await revokeTokensOf(trx, id);

    const after = (await findUser(trx, id))!;
    await recordAudit(trx, who, {
      action: disabled && !before.disabled ? 'user.disable' : 'user.update',
      objectType: 'user',
      objectId: id,
      before,
      after: passwordHash ? { ...after, passwordChanged: true } : after,
    });
    return after;
  });
}

export const disableUser = (db: Db, who: Who, id: string) => updateUser(db, who, id, { disabled: true });

const SEPARATED: readonly Role[] = SEPARATED_ROLES;

/**
 * A security administrator sets an account's roles (granting what was asked for, or anything
 * else within the rules); the request waiting on the account ends. Nobody sets their own.
 */
export async function setRoles(db: Db, who: Who, id: string, input: RoleInput[]) {
  const before = await getUser(db, id);
  if (!mayChangeRolesOf(who.actor!, id)) throw forbidden('不能修改自己的角色，请由另一位安全管理员办理');
  const roles = await checkRoles(db, input);
  // Whoever set the account's password so far (the system administrator who opened it, say)
  // must not be able to sign in with one of the three administrator roles: granting one gives
  // the account a new one-time password, handed to its holder, and a fresh second factor.
  const held = new Set(before.roles.map((r) => r.role));
  const handOver = roles.some((r) => SEPARATED.includes(r.role) && !held.has(r.role));
  const initialPassword = handOver ? randomPassword() : undefined;
  const passwordHash = initialPassword ? await hashPassword(initialPassword) : undefined;
  return db.transaction().execute(async (trx) => {
    await guardLastAdmins(trx, id, before, { roles, disabled: before.disabled });
    await replaceRoles(trx, id, roles);
    await setPendingRoles(trx, id, null, null);
    if (passwordHash) {
      await resetPasswordOf(trx, who, id, passwordHash);
      await resetSecondFactor(trx, id);
    }
    const after = (await findUser(trx, id))!;
    await recordAudit(trx, who, {
      action: 'user.grant_roles',
      objectType: 'user',
      objectId: id,
      before: { roles: before.roles, pendingRoles: before.pendingRoles },
      after: { roles: after.roles, ...(passwordHash ? { passwordChanged: true, secondFactor: false } : {}) },
    });
    return { user: after, initialPassword };
  });
}

/** A security administrator refuses the roles a system administrator asked for. */
export async function refusePendingRoles(db: Db, who: Who, id: string) {
  const before = await getUser(db, id);
  if (!before.pendingRoles) throw invalidTransition('该用户没有待授权的角色');
  if (!mayChangeRolesOf(who.actor!, id)) throw forbidden('不能处理自己的角色申请，请由另一位安全管理员办理');
  return db.transaction().execute(async (trx) => {
    await setPendingRoles(trx, id, null, null);
    await recordAudit(trx, who, {
      action: 'user.refuse_roles',
      objectType: 'user',
      objectId: id,
      before: { pendingRoles: before.pendingRoles },
      after: { pendingRoles: null },
    });
    return (await findUser(trx, id))!;
  });
}
