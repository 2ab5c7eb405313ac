import { sql } from 'kysely';
import type { RoleGrant } from '../../domain/roles.js';
import { offsetOf } from '../../server/http.js';
import type { Db } from '../../server/types.js';
import type { ListUsersQuery } from './schema.js';

const USER_COLUMNS = [
  'id',
  'username',
  'displayName',
  'memberId',
  'disabled',
  'createdAt',
  'lastLoginAt',
] as const;

/** Attaches each user's roles with one query for the whole page. */
async function withRoles<T extends { id: string }>(
  db: Db,
  users: T[],
): Promise<Array<T & { roles: RoleGrant[] }>> {
  if (users.length === 0) return [];
  const rows = await db
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
  return users.map((u) => ({
    ...u,
    roles: rows.filter((r) => r.userId === u.id).map(({ role, scopeId }) => ({ role, scopeId }) as RoleGrant),
  }));
}

export async function listUsers(db: Db, q: ListUsersQuery) {
  let query = db.selectFrom('users');
  if (q.q) {
    const like = `%${q.q.replace(/[\\%_]/g, '\\$&')}%`;
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

  const [{ total }] = (await query.select(sql<number>`count(*)::int`.as('total')).execute()) as [
    { total: number },
  ];
  const users = await query
    .select(USER_COLUMNS)
    .orderBy('username')
    .limit(q.pageSize)
    .offset(offsetOf(q))
    .execute();
  return { items: await withRoles(db, users), total, page: q.page, pageSize: q.pageSize };
}

export async function findUser(db: Db, id: string) {
  const user = await db.selectFrom('users').select(USER_COLUMNS).where('id', '=', id).executeTakeFirst();
  return user ? (await withRoles(db, [user]))[0]! : undefined;
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

/** System administrators who can still sign in, other than `exceptUserId`. */
export async function countOtherActiveAdmins(db: Db, exceptUserId: string): Promise<number> {
  const row = await db
    .selectFrom('users')
    .innerJoin('userRoles', 'userRoles.userId', 'users.id')
    .select(sql<number>`count(distinct users.id)::int`.as('n'))
    .where('userRoles.role', '=', 'system_admin')
    .where('users.disabled', '=', false)
    .where('users.id', '!=', exceptUserId)
    .executeTakeFirstOrThrow();
  return row.n;
}
