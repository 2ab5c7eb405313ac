import { sql } from 'kysely';
import { likePattern } from '../../lib/sql.js';
import { offsetOf } from '../../server/http.js';
import type { Actor, Db } from '../../server/types.js';
import { homeScope } from './policy.js';
import type { ListHomesQuery } from './schema.js';

const HOME_COLUMNS = [
  'homes.id',
  'homes.name',
  'homes.nameMn',
  'homes.kind',
  'homes.online',
  'homes.level',
  'homes.ownerUnitId',
  'homes.regionCode',
  'homes.brand',
  'homes.specialty',
  'homes.address',
  'homes.venueType',
  'homes.sharedWith',
  'homes.equipment',
  'homes.onlineUrl',
  'homes.openingHours',
  'homes.status',
  'homes.plaqueNo',
  'homes.plaqueAwardedOn',
  'homes.approvedOn',
  'homes.directorMemberId',
  'homes.deputyMemberId',
] as const;

/** The homes an actor may see, narrowed by the list's filters; the scope is part of the SQL. */
type HomeFilters = Partial<Omit<ListHomesQuery, 'page' | 'pageSize'>> & { id?: string };

function filteredHomes(db: Db, actor: Actor, f: HomeFilters) {
  let q = db.selectFrom('homes').where(homeScope(actor));
  if (f.id) q = q.where('homes.id', '=', f.id);
  if (f.q) {
    const like = likePattern(f.q);
    q = q.where((eb) => eb.or([eb('homes.name', 'like', like), eb('homes.brand', 'like', like)]));
  }
  if (f.kind) q = q.where('homes.kind', '=', f.kind);
  if (f.level) q = q.where('homes.level', '=', f.level);
  if (f.status) q = q.where('homes.status', '=', f.status);
  if (f.ownerUnitId) q = q.where('homes.ownerUnitId', '=', f.ownerUnitId);
  // a district or township code matches everything below it
  if (f.regionCode) q = q.where('homes.regionCode', 'like', `${f.regionCode}%`);
  if (f.memberId) {
    const id = f.memberId;
    q = q.where((eb) =>
      eb.or([
        eb(sql`homes.director_member_id::text`, '=', id),
        eb(sql`homes.deputy_member_id::text`, '=', id),
        eb(
          'homes.id',
          'in',
          eb.selectFrom('homeMembers').select('homeId').where(sql`member_id::text`, '=', id),
        ),
      ]),
    );
  }
  return q;
}

/**
 * One page of homes with the names a list shows. The page is chosen first (an index serves the
 * order), and only its rows are joined to regions, directors and members.
 */
async function homesPage(db: Db, actor: Actor, f: HomeFilters, limit: number, offset: number) {
  const page = filteredHomes(db, actor, f)
    .select([...HOME_COLUMNS, sql<number>`count(*) over ()::int`.as('fullCount')])
    .orderBy('homes.level', 'desc')
    .orderBy('homes.ownerUnitId')
    .orderBy('homes.name')
    .orderBy('homes.id')
    .limit(limit)
    .offset(offset)
    .as('homes');
  // Scalar lookups by primary key: the page is small, and a join would scan every member.
  const found = await db
    .selectFrom(page)
    .selectAll('homes')
    .select([
      sql<string | null>`(select r.name from regions r where r.code = homes.region_code)`.as('regionName'),
      sql<string | null>`(select d.name from members d where d.id = homes.director_member_id)`.as(
        'directorName',
      ),
      // a joined string parses faster than a PostgreSQL array
      sql<
        string | null
      >`(select string_agg(m.member_id::text, ',' order by m.member_id) from home_members m where m.home_id = homes.id)`.as(
        'memberIdList',
      ),
    ])
    .orderBy('homes.level', 'desc')
    .orderBy('homes.ownerUnitId')
    .orderBy('homes.name')
    .orderBy('homes.id')
    .execute();
  const rows = found.map(({ memberIdList, fullCount: _count, ...home }) => ({
    ...home,
    memberIds: memberIdList ? memberIdList.split(',') : [],
  }));
  return { rows, total: found[0]?.fullCount ?? 0 };
}

/** A page and the total in one round trip; a page past the end needs a count of its own. */
export async function listHomes(db: Db, actor: Actor, f: ListHomesQuery) {
  const { rows, total } = await homesPage(db, actor, f, f.pageSize, offsetOf(f));
  if (rows.length > 0) return { rows, total };
  const counted = await filteredHomes(db, actor, f)
    .select(sql<number>`count(*)::int`.as('total'))
    .executeTakeFirstOrThrow();
  return { rows, total: counted.total };
}

export type HomeRow = Awaited<ReturnType<typeof homesPage>>['rows'][number];

export async function findHome(db: Db, actor: Actor, id: string): Promise<HomeRow | undefined> {
  const { rows } = await homesPage(db, actor, { id }, 1, 0);
  return rows[0];
}

export async function replaceHomeMembers(db: Db, homeId: string, memberIds: string[]) {
  await db.deleteFrom('homeMembers').where('homeId', '=', homeId).execute();
  if (memberIds.length) {
    await db
      .insertInto('homeMembers')
      .values(memberIds.map((memberId) => ({ homeId, memberId })))
      .execute();
  }
}

export function homeMembersOf(db: Db, home: HomeRow) {
  return db
    .selectFrom('members')
    .select(['id', 'name', 'sector'])
    .where('id', 'in', home.memberIds.length ? home.memberIds : ['00000000-0000-0000-0000-000000000000'])
    .orderBy('name')
    .execute();
}
