import { sql } from 'kysely';
import { offsetOf } from '../../server/http.js';
import type { Actor, Db } from '../../server/types.js';
import { likePattern } from '../members/repo.js';
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
  'homes.status',
  'homes.plaqueNo',
  'homes.plaqueAwardedOn',
  'homes.approvedOn',
  'homes.directorMemberId',
  'homes.deputyMemberId',
] as const;

/** Homes with the names a list shows (region, director), scoped to the actor in SQL. */
function homesBase(db: Db, actor: Actor) {
  return db
    .selectFrom('homes')
    .leftJoin('regions', 'regions.code', 'homes.regionCode')
    .leftJoin('members as director', 'director.id', 'homes.directorMemberId')
    .where(homeScope(actor));
}

/** Adds each home's member ids with one query for the whole page. */
async function withMemberIds<T extends { id: string }>(db: Db, rows: T[]) {
  if (rows.length === 0) return [];
  const links = await db
    .selectFrom('homeMembers')
    .select(['homeId', 'memberId'])
    .where(
      'homeId',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('memberId')
    .execute();
  const byHome = new Map<string, string[]>();
  for (const l of links) byHome.set(l.homeId, [...(byHome.get(l.homeId) ?? []), l.memberId]);
  return rows.map((r) => ({ ...r, memberIds: byHome.get(r.id) ?? [] }));
}

export async function listHomes(db: Db, actor: Actor, f: ListHomesQuery) {
  let q = homesBase(db, actor);
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
  const { total } = await q.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow();
  const rows = await q
    .select([...HOME_COLUMNS, 'regions.name as regionName', 'director.name as directorName'])
    .orderBy('homes.level', 'desc')
    .orderBy('homes.ownerUnitId')
    .orderBy('homes.name')
    .orderBy('homes.id')
    .limit(f.pageSize)
    .offset(offsetOf(f))
    .execute();
  return { rows: await withMemberIds(db, rows), total };
}

export async function findHome(db: Db, actor: Actor, id: string) {
  const row = await homesBase(db, actor)
    .select([...HOME_COLUMNS, 'regions.name as regionName', 'director.name as directorName'])
    .where('homes.id', '=', id)
    .executeTakeFirst();
  return row ? (await withMemberIds(db, [row]))[0] : undefined;
}

export type HomeRow = NonNullable<Awaited<ReturnType<typeof findHome>>>;

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
