import { sql } from 'kysely';
import type { Role, RoleGrant } from '../../domain/roles.js';
import { likePattern, lockUntilCommit } from '../../lib/sql.js';
import { isUuid, offsetOf, pageOf } from '../../server/http.js';
import type { Db } from '../../server/types.js';
import { SESSION_LIMITS } from '../auth/service.js';
import type { ChoicesQuery, ListUsersQuery } from './schema.js';

/**
 * Whether sign-ins to the account are being stopped (from some address) or slowed (from all)
 * after failures — what a security administrator's unlock lifts.
 */
const signInLimited = sql<boolean>`exists (
  select 1 from login_failures f
  where f.account = lower(users.username) and f.window_ends > now()
    and ((f.address <> '' and f.failures >= ${SESSION_LIMITS.lockAfterFailures})
      or (f.address = '' and f.failures >= ${SESSION_LIMITS.slowAfterFailures})))`.as('signInLimited');

const USER_COLUMNS = [
  'id',
  'username',
  'displayName',
  'memberId',
  'disabled',
  'createdAt',
  'lastLoginAt',
  'pendingRoles',
  'pendingRolesAt',
  signInLimited,
  sql<boolean>`users.totp_enabled_at is not null`.as('secondFactor'),
] as const;

/** What a user row needs for its names: the linked member and the roles waiting on it. */
export interface UserNaming {
  id: string;
  memberId: string | null;
  pendingRoles?: unknown;
}

/** The roles waiting on an account for a security administrator (stored as jsonb). */
export const pendingGrants = (u: { pendingRoles?: unknown }): RoleGrant[] =>
  Array.isArray(u.pendingRoles) ? (u.pendingRoles as RoleGrant[]) : [];

/**
 * What a page of users shows besides their own columns: their roles, the names of the roles'
 * scopes (org units and homes) and of the members the accounts are linked to. A few queries for
 * the whole page.
 */
export async function rolesAndNamesOf(db: Db, users: UserNaming[]) {
  if (users.length === 0) return { roles: [], scopes: [], members: [] };
  const roles = await db
    .selectFrom('userRoles')
    .select(['userId', 'role', 'scopeId'])
    .where(
      'userId',
      'in',
      users.map((u) => u.id),
    )
    .orderBy('role')
    .orderBy('scopeId')
    .execute();
  const pendingScopes = users.flatMap((u) => pendingGrants(u).map((g) => g.scopeId));
  const scopeIds = [
    ...new Set([...roles.map((r) => r.scopeId), ...pendingScopes].filter((id): id is string => !!id)),
  ];
  const homeIds = scopeIds.filter(isUuid);
  const memberIds = [...new Set(users.map((u) => u.memberId).filter((id): id is string => !!id))];
  const [units, homes, members] = await Promise.all([
    scopeIds.length
      ? db.selectFrom('orgUnits').select(['id', 'name']).where('id', 'in', scopeIds).execute()
      : [],
    homeIds.length ? db.selectFrom('homes').select(['id', 'name']).where('id', 'in', homeIds).execute() : [],
    memberIds.length
      ? db.selectFrom('members').select(['id', 'name']).where('id', 'in', memberIds).execute()
      : [],
  ]);
  return { roles, scopes: [...units, ...homes], members };
}

export type RolesAndNames = Awaited<ReturnType<typeof rolesAndNamesOf>>;

/** One page of users, in the shape of `pageOf`; the count is taken first. */
export async function usersPage(db: Db, q: ListUsersQuery) {
  let query = db.selectFrom('users');
  if (q.q) {
    const like = likePattern(q.q);
    query = query.where((eb) => eb.or([eb('username', 'ilike', like), eb('displayName', 'ilike', like)]));
  }
  if (q.role) {
    const role = q.role;
    query = query.where((eb) =>
      eb.exists(
        eb.selectFrom('userRoles').whereRef('userRoles.userId', '=', 'users.id').where('role', '=', role),
      ),
    );
  }
  if (q.disabled) query = query.where('disabled', '=', q.disabled === 'true');
  if (q.pendingRoles) {
    query = query.where('pendingRoles', q.pendingRoles === 'true' ? 'is not' : 'is', null);
  }

  const [{ total }] = (await query.select(sql<number>`count(*)::int`.as('total')).execute()) as [
    { total: number },
  ];
  const users = await query
    .select(USER_COLUMNS)
    .orderBy('username')
    .limit(q.pageSize)
    .offset(offsetOf(q))
    .execute();
  return { items: users, total, page: q.page, pageSize: q.pageSize };
}

export function findUserRow(db: Db, id: string) {
  return db.selectFrom('users').select(USER_COLUMNS).where('id', '=', id).executeTakeFirst();
}

/** The id of the user with this username (in any case), other than `exceptId`. */
export function userWithUsername(db: Db, username: string, exceptId?: string) {
  let q = db.selectFrom('users').select('id').where(sql`lower(username)`, '=', username.toLowerCase());
  if (exceptId) q = q.where('id', '!=', exceptId);
  return q.executeTakeFirst();
}

/** The account linked to this member, other than `exceptUserId`. */
export function userLinkedTo(db: Db, memberId: string, exceptUserId?: string) {
  let q = db.selectFrom('users').select('username').where('memberId', '=', memberId);
  if (exceptUserId) q = q.where('id', '!=', exceptUserId);
  return q.executeTakeFirst();
}

export function findMemberId(db: Db, memberId: string) {
  return db.selectFrom('members').select('id').where('id', '=', memberId).executeTakeFirst();
}

/** The kinds of the given org units and which of the ids are homes, for checking roles' scopes. */
export async function scopeTargets(db: Db, scopeIds: string[]) {
  const units = scopeIds.length
    ? await db.selectFrom('orgUnits').select(['id', 'kind']).where('id', 'in', scopeIds).execute()
    : [];
  const homeIds = scopeIds.filter(isUuid);
  const homes = homeIds.length
    ? await db.selectFrom('homes').select('id').where('id', 'in', homeIds).execute()
    : [];
  return { units, homes };
}

export async function insertUser(
  db: Db,
  user: {
    username: string;
    displayName: string;
    passwordHash: string;
    memberId: string | null;
    mustChangePassword: boolean;
  },
): Promise<string> {
  const { id } = await db.insertInto('users').values(user).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateUserRow(
  db: Db,
  id: string,
  changes: { displayName?: string; memberId?: string | null; disabled?: boolean; passwordHash?: string },
) {
  await db
    .updateTable('users')
    .set({ updatedAt: sql`now()`, ...changes })
    .where('id', '=', id)
    .execute();
}

export async function replaceRoles(db: Db, userId: string, roles: RoleGrant[]): Promise<void> {
  await db.deleteFrom('userRoles').where('userId', '=', userId).execute();
  if (roles.length > 0) {
    await db
      .insertInto('userRoles')
      .values(roles.map((r) => ({ userId, role: r.role, scopeId: r.scopeId })))
      .execute();
  }
}

/** Roles waiting for a security administrator on an account, or none (null). */
export async function setPendingRoles(db: Db, userId: string, roles: RoleGrant[] | null, by: string | null) {
  await db
    .updateTable('users')
    .set({
      pendingRoles: roles ? JSON.stringify(roles) : null,
      pendingRolesBy: roles ? by : null,
      pendingRolesAt: roles ? sql`now()` : null,
    })
    .where('id', '=', userId)
    .execute();
}

/** Changes that may take away an administrator run one at a time, until the transaction ends. */
export const lockAdminChanges = (trx: Db) => lockUntilCommit(trx, 'users:system_admin');

/** Enabled holders of `role`, other than `exceptUserId`. */
export async function countOtherActiveHolders(db: Db, role: Role, exceptUserId: string): Promise<number> {
  const row = await db
    .selectFrom('users')
    .innerJoin('userRoles', 'userRoles.userId', 'users.id')
    .select(sql<number>`count(distinct users.id)::int`.as('n'))
    .where('userRoles.role', '=', role)
    .where('users.disabled', '=', false)
    .where('users.id', '!=', exceptUserId)
    .executeTakeFirstOrThrow();
  return row.n;
}

/**
 * What an account can be tied to, by name: the homes a director role may be scoped to (not
 * closed) or the members an account may be linked to. The user administrator picks from these
 * without reading any business data beyond the names.
 */
export function choicesPage(db: Db, q: ChoicesQuery) {
  const like = q.q ? likePattern(q.q) : null;
  if (q.kind === 'home') {
    let base = db
      .selectFrom('homes')
      .innerJoin('orgUnits', 'orgUnits.id', 'homes.ownerUnitId')
      .where('homes.status', '!=', 'closed');
    if (like) base = base.where('homes.name', 'like', like);
    return pageOf(
      q,
      base
        .select(['homes.id', 'homes.name', 'orgUnits.name as detail'])
        .orderBy('homes.name')
        .orderBy('homes.id'),
      base.select(sql<number>`count(*)::int`.as('n')),
      (rows) => rows,
    );
  }
  let base = db.selectFrom('members').innerJoin('orgUnits', 'orgUnits.id', 'members.orgUnitId');
  if (like) base = base.where('members.name', 'like', like);
  return pageOf(
    q,
    base
      .select([
        'members.id',
        'members.name',
        sql<string>`concat_ws(' · ', ${sql.ref('orgUnits.name')}, ${sql.ref('members.employer')})`.as(
          'detail',
        ),
      ])
      .orderBy('members.name')
      .orderBy('members.id'),
    base.select(sql<number>`count(*)::int`.as('n')),
    (rows) => rows,
  );
}
