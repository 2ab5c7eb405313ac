import { ROLE_LABELS, ROLE_SCOPE, type RoleGrant } from '../../domain/roles.js';
import { badRequest, conflict, notFound } from '../../server/errors.js';
import { isUuid } from '../../server/http.js';
import type { Db, Who } from '../../server/types.js';
import { recordAudit } from '../audit/service.js';
import { hashPassword } from '../auth/passwords.js';
import { revokeSessionsOf, revokeTokensOf } from '../auth/repo.js';
import { unlockSignIn } from '../auth/service.js';
import { presentUsers } from './presenter.js';
import {
  choicesPage,
  countOtherActiveAdmins,
  findMemberId,
  findUserRow,
  insertUser,
  lockAdminChanges,
  replaceRoles,
  rolesAndNamesOf,
  scopeTargets,
  updateUserRow,
  userLinkedTo,
  usersPage,
  userWithUsername,
} from './repo.js';
import type { ChoicesQuery, CreateUserInput, ListUsersQuery, UpdateUserInput } from './schema.js';

type RoleInput = { role: RoleGrant['role']; scopeId?: string | null | undefined };

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
  if (Object.keys(fields).length > 0) throw badRequest('角色设置有误', fields);
  return [...grants.values()];
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
    });
    await replaceRoles(trx, id, roles);
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
    await recordAudit(trx, who, { action: 'user.unlock_sign_in', objectType: 'user', objectId: user.id });
  });
}

export async function getUser(db: Db, id: string) {
  const user = isUuid(id) ? await findUser(db, id) : undefined;
  if (!user) throw notFound('找不到该用户');
  return user;
}

/** Keeps at least one enabled system administrator, so nobody locks the platform out of its own settings. */
async function guardLastAdmin(trx: Db, userId: string, stillAdmin: boolean) {
  if (stillAdmin) return;
  // two administrators disabling each other at once: the second waits and then counts
  await lockAdminChanges(trx);
  if ((await countOtherActiveAdmins(trx, userId)) === 0) {
    throw conflict('至少要保留一个可用的系统管理员');
  }
}

export async function updateUser(db: Db, who: Who, id: string, input: UpdateUserInput) {
  const before = await getUser(db, id);
  const roles = input.roles ? await checkRoles(db, input.roles) : undefined;
  await checkMemberLink(db, input.memberId, id);
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  return db.transaction().execute(async (trx) => {
    const wasAdmin = before.roles.some((r) => r.role === 'system_admin') && !before.disabled;
    const disabled = input.disabled ?? before.disabled;
    const isAdmin = (roles ?? before.roles).some((r) => r.role === 'system_admin') && !disabled;
    if (wasAdmin) await guardLastAdmin(trx, id, isAdmin);

    await updateUserRow(trx, id, {
      ...(input.displayName !== undefined ? { displayName: input.displayName } : {}),
      ...(input.memberId !== undefined ? { memberId: input.memberId } : {}),
      ...(input.disabled !== undefined ? { disabled: input.disabled } : {}),
      ...(passwordHash ? { passwordHash } : {}),
    });
    if (roles) await replaceRoles(trx, id, roles);
    // A disabled account or a new password ends every session (the admin's own current one survives).
    if (disabled && !before.disabled) await revokeSessionsOf(trx, id);
    else if (passwordHash) await revokeSessionsOf(trx, id, who.actor?.sessionId);
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
