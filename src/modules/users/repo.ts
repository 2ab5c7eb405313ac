import { sql } from 'kysely';
import type { RoleGrant } from '../../domain/roles.js';
import { isUuid, offsetOf, pageOf } from '../../server/http.js';
import type { Db } from '../../server/types.js';
import type { ChoicesQuery, ListUsersQuery } from './schema.js';

const USER_COLUMNS = [
  'id',
  'username',
  'displayName',
  'memberId',
  'disabled',
  'createdAt',
  'lastLoginAt',
] as const;

export interface NamedGrant extends RoleGrant {
  /** The name of the scope (an org unit or a home), so no page has to show its id. */
  scopeName: string | null;
}

/**
 * Attaches each user's roles, with the names of their scopes, and the name of the member an
 * account is linked to: a few queries for the whole page.
 */
async function withRoles<T extends { id: string; memberId: string | null }>(
  db: Db,
  users: T[],
): Promise<Array<T & { memberName: string | null; roles: NamedGrant[] }>> {
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
  const scopeIds = [...new Set(rows.map((r) => r.scopeId).filter((id): id is string => !!id))];
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
  const names = new Map([...units, ...homes].map((x) => [x.id, x.name]));
  const memberNames = new Map(members.map((m) => [m.id, m.name]));
  return users.map((u) => ({
    ...u,
    memberName: u.memberId ? (memberNames.get(u.memberId) ?? null) : null,
    roles: rows
      .filter((r) => r.userId === u.id)
      .map(({ role, scopeId }) => ({
        role: role as RoleGrant['role'],
        scopeId,
        scopeName: scopeId ? (names.get(scopeId) ?? null) : null,
      })),
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

/**
 * What an account can be tied to, by name: the homes a director role may be scoped to (not
 * closed) or the members an account may be linked to. The user administrator picks from these
 * without reading any business data beyond the names.
 */
export function listChoices(db: Db, q: ChoicesQuery) {
  const like = q.q ? `%${q.q.replace(/[\\%_]/g, '\\$&')}%` : null;
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
