import { type SelectQueryBuilder, sql } from 'kysely';
import type { Database } from '../../db/schema.js';
import { likePattern } from '../../lib/sql.js';
import { offsetOf } from '../../server/http.js';
import type { Actor, Db } from '../../server/types.js';
import { memberScope } from './policy.js';
import type { ListMembersQuery } from './schema.js';

export const MEMBER_COLUMNS = [
  'members.id',
  'members.name',
  'members.gender',
  'members.ethnicity',
  'members.level',
  'members.orgUnitId',
  'members.sectorGroupId',
  'members.sector',
  'members.employer',
  'members.title',
  'members.expertise',
  'members.phone',
] as const;

type MemberFilters = Omit<ListMembersQuery, 'page' | 'pageSize'>;

/** The members an actor may see, narrowed by the list's filters; the scope is part of the SQL. */
export function membersQuery(db: Db, actor: Actor, f: MemberFilters) {
  let q: SelectQueryBuilder<Database, 'members', object> = db.selectFrom('members').where(memberScope(actor));
  if (f.q) {
    const like = likePattern(f.q);
    q = q.where((eb) =>
      eb.or([
        eb('members.name', 'like', like),
        eb('members.employer', 'like', like),
        eb(sql<string>`array_to_string(members.expertise, ' ')`, 'like', like),
      ]),
    );
  }
  if (f.level) q = q.where('members.level', '=', f.level);
  if (f.orgUnitId) q = q.where('members.orgUnitId', '=', f.orgUnitId);
  if (f.sectorGroupId) q = q.where('members.sectorGroupId', '=', f.sectorGroupId);
  if (f.sector) q = q.where('members.sector', 'like', likePattern(f.sector));
  if (f.homeId) {
    const homeId = f.homeId;
    q = q.where('members.id', 'in', (eb) =>
      eb.selectFrom('homeMembers').select('homeMembers.memberId').where(sql`home_id::text`, '=', homeId),
    );
  }
  return q;
}

/** The homes a member belongs to, inside the query that loads the member. */
const homeIds = sql<
  string[]
>`array(select hm.home_id::text from home_members hm where hm.member_id = members.id order by hm.home_id)`;

export async function listMembers(db: Db, actor: Actor, q: ListMembersQuery) {
  const base = membersQuery(db, actor, q);
  const { total } = await base.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow();
  const rows = await base
    .select([...MEMBER_COLUMNS, homeIds.as('homeIds')])
    .orderBy('members.level')
    .orderBy('members.orgUnitId')
    .orderBy('members.name')
    .orderBy('members.id')
    .limit(q.pageSize)
    .offset(offsetOf(q))
    .execute();
  return { rows, total };
}

export async function findMember(db: Db, actor: Actor, id: string) {
  return db
    .selectFrom('members')
    .select([...MEMBER_COLUMNS, homeIds.as('homeIds')])
    .where('members.id', '=', id)
    .where(memberScope(actor))
    .executeTakeFirst();
}
